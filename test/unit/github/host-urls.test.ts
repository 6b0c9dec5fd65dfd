import * as assert from 'node:assert/strict';
import {
  apiUrlForEnterprise,
  containerImageRef,
  hostFromApiUrl,
  isGitHubWebUrl,
  newTokenUrl,
  npmAuthKey,
  ownerPackagesWebUrl,
  registryBaseUrl,
  registryUrl,
  resolveApiUrl,
  sessionBelongsTo,
  type GitHubHost,
} from '../../../src/github/hosts';

describe('github/hosts', () => {
  let dotcom: GitHubHost, ghes: GitHubHost, ghecom: GitHubHost, local: GitHubHost;
  // Built inside each test, so that what a test checks is what the code under test computed then.
  beforeEach(() => {
    dotcom = hostFromApiUrl('https://api.github.com');
    ghes = hostFromApiUrl('https://ghe.example.com/api/v3');
    ghecom = hostFromApiUrl('https://api.octocorp.ghe.com');
    local = hostFromApiUrl('http://127.0.0.1:4000');
  });

  describe('settings as people type them', () => {
    it('ignores a blank API URL or enterprise URI and trims the spaces and slashes of a filled one', () => {
      assert.equal(resolveApiUrl({ apiUrl: '   ' }), 'https://api.github.com');
      assert.equal(resolveApiUrl({ apiUrl: ' https://ghe.local/api/v3// ' }), 'https://ghe.local/api/v3');
      assert.equal(resolveApiUrl({ provider: 'github-enterprise', enterpriseUri: '  ' }), 'https://api.github.com');
      assert.equal(resolveApiUrl({ provider: 'github-enterprise' }), 'https://api.github.com');
      assert.equal(
        resolveApiUrl({ provider: 'github-enterprise', enterpriseUri: ' https://ghe.example.com ' }),
        'https://ghe.example.com/api/v3',
      );
    });

    it('reads github.com given as the enterprise URI as github.com itself', () => {
      assert.equal(apiUrlForEnterprise('https://github.com'), 'https://api.github.com');
      assert.equal(apiUrlForEnterprise('https://WWW.GitHub.com/'), 'https://api.github.com');
      assert.equal(apiUrlForEnterprise('https://ghe.example.com'), 'https://ghe.example.com/api/v3');
    });

    it('keeps a GHES path prefix in the web and GraphQL URLs, and a bare base gets /graphql', () => {
      const prefixed = hostFromApiUrl('https://example.com/github/api/v3');
      assert.equal(prefixed.webUrl, 'https://example.com/github');
      assert.equal(prefixed.graphqlUrl, 'https://example.com/github/api/graphql');
      assert.equal(local.graphqlUrl, 'http://127.0.0.1:4000/graphql');
      assert.equal(local.webUrl, 'http://127.0.0.1:4000');
    });

    it('takes only hosts ending in .ghe.com as GHE.com, keeping a tenant name that contains "api"', () => {
      assert.equal(hostFromApiUrl('https://api.ghe.com.example.org').kind, 'ghes');
      const tenant = hostFromApiUrl('https://octoapi.ghe.com');
      assert.equal(tenant.kind, 'ghecom');
      assert.equal(tenant.webHost, 'octoapi.ghe.com');
    });
  });

  describe('links and registry addresses', () => {
    it('links to all packages of an organization and of a user', () => {
      assert.equal(ownerPackagesWebUrl(dotcom, { login: 'octo-org', kind: 'org' }), 'https://github.com/orgs/octo-org/packages');
      assert.equal(ownerPackagesWebUrl(dotcom, { login: 'mona', kind: 'user' }), 'https://github.com/mona?tab=packages');
      assert.equal(ownerPackagesWebUrl(ghes, { login: 'mona', kind: 'viewer' }), 'https://ghe.example.com/mona?tab=packages');
    });

    it('links to a new classic token with the scopes ticked and a description', () => {
      assert.equal(
        newTokenUrl(dotcom, ['read:packages', 'delete:packages']),
        'https://github.com/settings/tokens/new?scopes=read%3Apackages,delete%3Apackages&description=VS%20Code%20GitHub%20Packages',
      );
      assert.equal(newTokenUrl(ghes, ['repo'], 'CI'), 'https://ghe.example.com/settings/tokens/new?scopes=repo&description=CI');
    });

    it('uses a Maven override for Gradle only, and ignores a blank override', () => {
      const overrides = { maven: 'https://maven.example.com', npm: '   ' };
      assert.equal(registryBaseUrl(dotcom, 'gradle', { overrides }), 'https://maven.example.com');
      assert.equal(registryBaseUrl(dotcom, 'nuget', { overrides }), 'https://nuget.pkg.github.com');
      assert.equal(registryBaseUrl(dotcom, 'npm', { overrides }), 'https://npm.pkg.github.com');
      assert.equal(registryBaseUrl(dotcom, 'nuget', { overrides: { nuget: ' https://nuget.example.com/ ' } }), 'https://nuget.example.com');
    });

    it('ends an npm registry with a path in one slash, and leaves a bare host as it is', () => {
      const npm = (url: string) => registryBaseUrl(dotcom, 'npm', { overrides: { npm: url } });
      assert.equal(npm('https://npm.example.com'), 'https://npm.example.com');
      assert.equal(npm('https://example.com/npm'), 'https://example.com/npm/');
      assert.equal(npm('https://example.com/npm/'), 'https://example.com/npm/');
      assert.equal(npm(' https://example.com/npm '), 'https://example.com/npm/');
      assert.equal(npmAuthKey(local), '//127.0.0.1:4000/_registry/npm/');
      assert.equal(npmAuthKey(dotcom, { overrides: { npm: 'https://example.com/npm' } }), '//example.com/npm/');
    });

    it('keeps GHE.com on subdomains, and GHES containers on containers.HOST, even without subdomain isolation', () => {
      const flat = { subdomainIsolation: false };
      assert.equal(registryBaseUrl(ghecom, 'npm', flat), 'https://npm.octocorp.ghe.com');
      assert.equal(registryBaseUrl(ghes, 'container', flat), 'containers.ghe.example.com');
      assert.equal(registryBaseUrl(ghes, 'npm', flat), 'https://ghe.example.com/_registry/npm/');
    });

    it('keeps the owner’s case in NuGet and RubyGems feeds, lower-cases it for Maven and containers, and says * for no repo', () => {
      assert.equal(registryUrl(dotcom, 'rubygems', { owner: 'Octo' }), 'https://rubygems.pkg.github.com/Octo');
      assert.equal(registryUrl(dotcom, 'nuget', { owner: 'Octo' }), 'https://nuget.pkg.github.com/Octo/index.json');
      assert.equal(registryUrl(dotcom, 'maven', { owner: 'Octo' }), 'https://maven.pkg.github.com/octo/*');
      assert.equal(registryUrl(dotcom, 'container', { owner: 'Octo' }), 'ghcr.io/octo');
    });

    it('names an image without a tag when none is given', () => {
      assert.equal(containerImageRef(dotcom, 'Octo', 'App'), 'ghcr.io/octo/app');
      assert.equal(containerImageRef(dotcom, 'octo', 'app', ''), 'ghcr.io/octo/app');
    });
  });

  describe('where links and sessions belong', () => {
    it('opens links on the web host’s subdomains over https, and nothing when there is no link', () => {
      assert.equal(isGitHubWebUrl('https://docs.github.com/en/packages', dotcom), true);
      assert.equal(isGitHubWebUrl('https://GitHub.com/mona', dotcom), true);
      assert.equal(isGitHubWebUrl('https://notgithub.com/mona', dotcom), false);
      assert.equal(isGitHubWebUrl(undefined, dotcom), false);
      assert.equal(isGitHubWebUrl('', dotcom), false);
      assert.equal(isGitHubWebUrl('http://sub.127.0.0.1:4000/', local), false);
    });

    it('never uses an enterprise session for github.com, nor one without an enterprise URI', () => {
      assert.equal(sessionBelongsTo('github-enterprise', 'https://api.github.com', 'https://github.com'), false);
      assert.equal(sessionBelongsTo('github-enterprise', 'https://ghes.example.com/api/v3', '   '), false);
      assert.equal(sessionBelongsTo('github-enterprise', 'https://ghes.example.com/api/v3', ' https://ghes.example.com '), true);
      assert.equal(sessionBelongsTo('github-enterprise', 'not a url', 'https://ghes.example.com'), false);
      assert.equal(sessionBelongsTo('github-enterprise', 'https://ghes.example.com/api/v3', 'not a url'), false);
    });
  });
});
