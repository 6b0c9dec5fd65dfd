import { start } from '../../github-local';
import * as assert from 'node:assert/strict';
import {
  apiUrlForEnterprise,
  containerImageRef,
  hostFromApiUrl,
  npmAuthKey,
  packageSettingsUrl,
  packageWebUrl,
  registryUrl,
  resolveApiUrl,
} from '../../../src/github/hosts';

describe('hosts', () => {
  it('resolves the API URL: override, else github.com, else the enterprise URI', () => {
    assert.equal(resolveApiUrl({ apiUrl: 'https://ghe.local/api/v3/' }), 'https://ghe.local/api/v3');
    assert.equal(resolveApiUrl({}), 'https://api.github.com');
    assert.equal(resolveApiUrl({ enterpriseUri: 'https://ghe.example.com' }), 'https://api.github.com');
    assert.equal(
      resolveApiUrl({ enterpriseUri: 'https://ghe.example.com/', provider: 'github-enterprise' }),
      'https://ghe.example.com/api/v3',
    );
    assert.equal(
      resolveApiUrl({ enterpriseUri: 'https://octocorp.ghe.com', provider: 'github-enterprise' }),
      'https://api.octocorp.ghe.com',
    );
    assert.equal(apiUrlForEnterprise('https://api.octocorp.ghe.com'), 'https://api.octocorp.ghe.com');
  });

  it('derives web and GraphQL URLs per host kind', () => {
    assert.deepEqual(hostFromApiUrl('https://api.github.com'), {
      kind: 'dotcom',
      apiUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql',
      webUrl: 'https://github.com',
      webHost: 'github.com',
    });
    const ghes = hostFromApiUrl('https://ghe.example.com/api/v3');
    assert.equal(ghes.kind, 'ghes');
    assert.equal(ghes.graphqlUrl, 'https://ghe.example.com/api/graphql');
    assert.equal(ghes.webUrl, 'https://ghe.example.com');
    const ghecom = hostFromApiUrl('https://api.octocorp.ghe.com');
    assert.equal(ghecom.kind, 'ghecom');
    assert.equal(ghecom.webUrl, 'https://octocorp.ghe.com');
    assert.equal(ghecom.graphqlUrl, 'https://api.octocorp.ghe.com/graphql');
  });

  it('builds package and settings pages with encoded names', () => {
    const host = hostFromApiUrl('https://api.github.com');
    assert.equal(
      packageWebUrl(host, { login: 'octo-org', kind: 'org' }, 'container', 'repo/img'),
      'https://github.com/orgs/octo-org/packages/container/package/repo%2Fimg',
    );
    assert.equal(
      packageSettingsUrl(host, { login: 'octo-org', kind: 'org' }, 'npm', 'hello'),
      'https://github.com/orgs/octo-org/packages/npm/hello/settings',
    );
    assert.equal(
      packageSettingsUrl(host, { login: 'octocat', kind: 'viewer' }, 'npm', 'hello'),
      'https://github.com/users/octocat/packages/npm/hello/settings',
    );
  });

  it('gives registry URLs for github.com', () => {
    const host = hostFromApiUrl('https://api.github.com');
    assert.equal(registryUrl(host, 'npm', { owner: 'Octo' }), 'https://npm.pkg.github.com');
    assert.equal(registryUrl(host, 'maven', { owner: 'Octo', repo: 'lib' }), 'https://maven.pkg.github.com/octo/lib');
    assert.equal(registryUrl(host, 'gradle', { owner: 'octo', repo: 'lib' }), 'https://maven.pkg.github.com/octo/lib');
    assert.equal(registryUrl(host, 'nuget', { owner: 'octo' }), 'https://nuget.pkg.github.com/octo/index.json');
    assert.equal(registryUrl(host, 'rubygems', { owner: 'octo' }), 'https://rubygems.pkg.github.com/octo');
    assert.equal(containerImageRef(host, 'Octo', 'repo/img', 'latest'), 'ghcr.io/octo/repo/img:latest');
    assert.equal(containerImageRef(host, 'octo', 'img', 'sha256:abc'), 'ghcr.io/octo/img@sha256:abc');
    assert.equal(npmAuthKey(host), '//npm.pkg.github.com/');
  });

  it('gives registry URLs for GHES with and without subdomain isolation', () => {
    const host = hostFromApiUrl('https://ghe.example.com/api/v3');
    assert.equal(registryUrl(host, 'npm', { owner: 'octo' }), 'https://npm.ghe.example.com');
    assert.equal(registryUrl(host, 'maven', { owner: 'octo', repo: 'lib' }), 'https://maven.ghe.example.com/octo/lib');
    assert.equal(registryUrl(host, 'nuget', { owner: 'octo' }), 'https://nuget.ghe.example.com/octo/index.json');
    assert.equal(registryUrl(host, 'rubygems', { owner: 'octo' }), 'https://rubygems.ghe.example.com/octo');
    assert.equal(registryUrl(host, 'container', { owner: 'octo' }), 'containers.ghe.example.com/octo');
    const flat = { subdomainIsolation: false };
    assert.equal(registryUrl(host, 'npm', { owner: 'octo' }, flat), 'https://ghe.example.com/_registry/npm/');
    assert.equal(registryUrl(host, 'maven', { owner: 'octo', repo: 'lib' }, flat), 'https://ghe.example.com/_registry/maven/octo/lib');
    assert.equal(registryUrl(host, 'nuget', { owner: 'octo' }, flat), 'https://ghe.example.com/_registry/nuget/octo/index.json');
    assert.equal(registryUrl(host, 'rubygems', { owner: 'octo' }, flat), 'https://ghe.example.com/_registry/rubygems/octo');
    assert.equal(npmAuthKey(host, flat), '//ghe.example.com/_registry/npm/');
  });

  it('gives registry URLs for GHE.com and honours overrides', () => {
    const host = hostFromApiUrl('https://api.octocorp.ghe.com');
    assert.equal(registryUrl(host, 'npm', { owner: 'octo' }), 'https://npm.octocorp.ghe.com');
    assert.equal(registryUrl(host, 'container', { owner: 'octo' }), 'containers.octocorp.ghe.com/octo');
    const overrides = { npm: 'http://127.0.0.1:9000/npm', container: '127.0.0.1:9001', maven: 'https://maven.example.com/' };
    assert.equal(registryUrl(host, 'npm', { owner: 'octo' }, { overrides }), 'http://127.0.0.1:9000/npm/');
    assert.equal(registryUrl(host, 'container', { owner: 'octo' }, { overrides }), '127.0.0.1:9001/octo');
    assert.equal(registryUrl(host, 'gradle', { owner: 'octo', repo: 'r' }, { overrides }), 'https://maven.example.com/octo/r');
  });

  it('derives the local stand-in’s registries on a loopback API host, with no subdomains and no double slash', async () => {
    const server = await start({ seed: 'small' });
    try {
      const host = hostFromApiUrl(server.url);
      assert.equal(host.webUrl, server.url, 'no trailing slash on the web URL');
      assert.equal(registryUrl(host, 'npm', { owner: 'mona' }), server.registries.npm);
      assert.equal(registryUrl(host, 'maven', { owner: 'mona', repo: 'lib' }), `${server.registries.maven}/mona/lib`);
      assert.equal(registryUrl(host, 'nuget', { owner: 'mona' }), `${server.registries.nuget}/mona/index.json`);
      assert.equal(registryUrl(host, 'rubygems', { owner: 'mona' }), `${server.registries.rubygems}/mona`);
      assert.equal(registryUrl(host, 'container', { owner: 'mona' }), `${server.registries.container}/mona`);
      const index = await fetch(`${registryUrl(host, 'nuget', { owner: 'mona' })}`, {
        headers: { authorization: `Bearer ${server.tokens.mona}` },
      });
      assert.equal(index.status, 200, 'the derived NuGet feed answers');
    } finally {
      await server.stop();
    }
  });
});
