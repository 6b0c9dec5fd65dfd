import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { npm } from '../../../src/ecosystems/npm';
import type { ManifestInfo, ProcessStep, Snippet } from '../../../src/ecosystems/types';
import { HOSTILE, TOKEN, assertNoToken, at, err, files, ok } from './helpers';

const REGISTRY = 'https://npm.pkg.github.com';
const manifest = URI.file('/work/app/package.json');

describe('ecosystems/npm', () => {
  it('matches package.json only', () => {
    assert.ok(npm.matches('package.json'));
    assert.ok(npm.matches('/a/b/package.json'));
    assert.ok(!npm.matches('package-lock.json'));
    assert.ok(!npm.matches('mypackage.json'));
  });

  describe('parseManifest', () => {
    it('reads a scoped name, version, owner and repository', () => {
      const text = JSON.stringify({
        name: '@octo/hello',
        version: '1.2.3',
        repository: { type: 'git', url: 'git+https://github.com/octo/hello.git' },
      });
      assert.deepEqual(npm.parseManifest(text, manifest), {
        name: 'hello',
        owner: 'octo',
        version: '1.2.3',
        repositoryUrl: 'https://github.com/octo/hello',
      });
    });

    it('reads publishConfig.registry and the scp-like repository form', () => {
      const text =
        '{ "name": "@octo/a", "repository": "git@github.com:octo/a.git", "publishConfig": { "registry": "https://npm.pkg.github.com" } }';
      const info = ok<ManifestInfo>(npm.parseManifest(text, manifest));
      assert.equal(info.repositoryUrl, 'https://github.com/octo/a');
      assert.equal(info.registryUrl, REGISTRY);
    });

    it('names the file and the position of a JSON syntax error', () => {
      const message = err(npm.parseManifest('{\n  "name": "@octo/a",\n  "version": \n}', manifest), 'malformed');
      assert.match(message, /^package\.json: invalid JSON at line 4/);
    });

    it('asks for a name when there is none', () => {
      assert.match(err(npm.parseManifest('{"version":"1.0.0"}', manifest)), /add a "name" field/);
      assert.match(err(npm.parseManifest('[]', manifest)), /JSON object/);
    });

    it('explains that an unscoped name needs @OWNER/', () => {
      assert.match(err(npm.parseManifest('{"name":"hello"}', manifest)), /has no scope; GitHub Packages needs "@OWNER\/hello"/);
    });

    it('suggests the lowercase scope', () => {
      assert.match(err(npm.parseManifest('{"name":"@Octo/hello"}', manifest)), /use "@octo\/hello"/);
    });

    it('refuses an invalid version and hostile names', () => {
      assert.match(err(npm.parseManifest('{"name":"@octo/a","version":"latest"}', manifest)), /not a semantic version/);
      assert.match(err(npm.parseManifest('{"name":"@octo/$(whoami)"}', manifest)), /not valid/);
      assert.match(err(npm.parseManifest('{"name":"@octo/../../x"}', manifest)), /\.\./);
    });
  });

  describe('installSnippet', () => {
    it('is npm install with the scoped name and version', () => {
      assert.deepEqual(npm.installSnippet({ owner: 'Octo', name: 'hello', version: '1.2.3', registryUrl: REGISTRY }), {
        language: 'shellscript',
        text: 'npm install @octo/hello@1.2.3',
      });
      assert.equal(
        ok<Snippet>(npm.installSnippet({ owner: 'octo', name: 'hello', registryUrl: REGISTRY })).text,
        'npm install @octo/hello',
      );
    });

    it('refuses hostile names, owners and versions', () => {
      for (const bad of HOSTILE) {
        err(npm.installSnippet({ owner: 'octo', name: bad, registryUrl: REGISTRY }), 'invalid-input');
        err(npm.installSnippet({ owner: bad, name: 'a', registryUrl: REGISTRY }), 'invalid-input');
        err(npm.installSnippet({ owner: 'octo', name: 'a', version: bad, registryUrl: REGISTRY }), 'invalid-input');
      }
    });
  });

  describe('configEdits', () => {
    const npmrc = '/work/app/.npmrc';

    it('creates .npmrc with the scope registry and an environment reference for the token', () => {
      const plan = ok(
        npm.configEdits(
          { owner: 'Octo', name: 'hello', registryUrl: REGISTRY },
          at('/work/app/package.json'),
          files({ [npmrc]: undefined }),
        ),
      );
      assert.equal(plan.edits.length, 1);
      assert.equal(plan.edits[0].uri.path, npmrc);
      assert.equal(plan.edits[0].before, undefined);
      assert.equal(plan.edits[0].after, '@octo:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n');
    });

    it('keeps other lines, comments and CRLF endings, and replaces a pasted token', () => {
      const before =
        '# company settings\r\nregistry=https://registry.npmjs.org/\r\n//npm.pkg.github.com/:_authToken=ghp_old\r\nsave-exact=true\r\n';
      const plan = ok(
        npm.configEdits({ owner: 'octo', name: 'a', registryUrl: REGISTRY }, at('/work/app/package.json'), files({ [npmrc]: before })),
      );
      assert.equal(
        plan.edits[0].after,
        '# company settings\r\nregistry=https://registry.npmjs.org/\r\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\r\nsave-exact=true\r\n@octo:registry=https://npm.pkg.github.com\r\n',
      );
    });

    it('does not duplicate lines and makes no edit when already configured', () => {
      const before = '@octo:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n';
      const plan = ok(
        npm.configEdits({ owner: 'octo', name: 'a', registryUrl: REGISTRY }, at('/work/app/package.json'), files({ [npmrc]: before })),
      );
      assert.deepEqual(plan.edits, []);
    });

    it('uses the host and path of a GHES registry', () => {
      const plan = ok(
        npm.configEdits(
          { owner: 'octo', name: 'a', registryUrl: 'https://ghe.example.com/_registry/npm/' },
          at('/work/app/package.json'),
          files({}),
        ),
      );
      assert.match(plan.edits[0].after, /^\/\/ghe\.example\.com\/_registry\/npm\/:_authToken=\$\{NODE_AUTH_TOKEN\}$/m);
    });

    it('refuses a registry URL with credentials or shell characters', () => {
      err(npm.configEdits({ owner: 'octo', name: 'a', registryUrl: 'https://u:p@npm.pkg.github.com' }, at('/p/package.json'), files({})));
      err(npm.configEdits({ owner: 'octo', name: 'a', registryUrl: 'https://x/$(id)' }, at('/p/package.json'), files({})));
      err(npm.configEdits({ owner: 'octo', name: 'a', registryUrl: 'file:///etc/passwd' }, at('/p/package.json'), files({})));
    });
  });

  describe('publishCommand', () => {
    const info: ManifestInfo = { name: 'hello', owner: 'octo', version: '1.0.0' };

    it('runs npm publish with the token in NODE_AUTH_TOKEN only', () => {
      const steps = ok<ProcessStep[]>(
        npm.publishCommand({ ...at('/work/app/package.json'), owner: 'octo', registryUrl: REGISTRY, token: TOKEN, username: 'octo', info }),
      );
      assert.equal(steps.length, 1);
      assert.equal(steps[0].command, 'npm');
      assert.deepEqual(steps[0].args, ['publish', '--registry=https://npm.pkg.github.com']);
      assert.deepEqual(steps[0].env, { NODE_AUTH_TOKEN: TOKEN });
      assert.equal(steps[0].cwd.path, '/work/app');
      assertNoToken({ ...steps[0], env: {} });
    });

    it('refuses a scope that is not the owner being published to', () => {
      assert.match(
        err(npm.publishCommand({ ...at('/p/package.json'), owner: 'other', registryUrl: REGISTRY, token: TOKEN, username: 'o', info })),
        /scoped to "@octo"/,
      );
    });

    it('refuses hostile names', () => {
      for (const bad of HOSTILE) {
        err(
          npm.publishCommand({
            ...at('/p/package.json'),
            owner: 'octo',
            registryUrl: REGISTRY,
            token: TOKEN,
            username: 'o',
            info: { name: bad, owner: 'octo' },
          }),
        );
      }
    });
  });
});
