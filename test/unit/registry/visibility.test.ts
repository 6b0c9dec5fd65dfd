import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import { isRepositoryScoped, rulesOf } from '../../../src/github/permissions';
import { RegistryService, type RegistryChange } from '../../../src/registry/service';
import { rejection, startLocal, testClient } from '../github/local';

describe('visibility', () => {
  it('knows which packages take their visibility from a repository, per host', () => {
    assert.equal(isRepositoryScoped('maven', 'dotcom'), true);
    assert.equal(isRepositoryScoped('container', 'dotcom'), false);
    assert.equal(isRepositoryScoped('npm', 'dotcom'), false);
    assert.equal(isRepositoryScoped('npm', 'ghecom'), false);
    assert.equal(isRepositoryScoped('npm', 'ghes'), true);
    assert.equal(isRepositoryScoped('nuget', 'ghes'), true);
    assert.equal(isRepositoryScoped('container', 'ghes'), false);
  });

  it('treats an unnamed host as GitHub Enterprise Server only when it sends X-GitHub-Enterprise-Version', async () => {
    assert.equal(rulesOf('ghes', { enterpriseVersion: '3.14.2' }), 'ghes');
    assert.equal(rulesOf('ghes', {}), 'dotcom');
    assert.equal(rulesOf('ghes', undefined), 'ghes');
    assert.equal(rulesOf('ghecom', {}), 'ghecom');
    const server = await startLocal();
    try {
      const viewer = await testClient(server, 'mona').api.getViewer();
      assert.equal(viewer.enterpriseVersion, undefined, 'the stand-in imitates github.com');
    } finally {
      await server.stop();
    }
  });

  describe('RegistryService.setRepositoryVisibility', () => {
    let server: LocalGitHub;
    beforeEach(async () => (server = await startLocal()));
    afterEach(async () => server.stop());

    const octo = { login: 'octo-org', kind: 'org' as const };
    const javaLib = { owner: octo, type: 'maven' as const, name: 'com.octo.java-lib' };

    it('changes the repository, re-reads the package and fires one change event', async () => {
      const { api } = testClient(server, 'mona');
      const registry = new RegistryService({ api, cacheScope: server.url });
      await registry.refresh();
      assert.equal(registry.getPackages('octo-org')!.find((pkg) => pkg.name === 'com.octo.java-lib')!.visibility, 'private');
      const events: RegistryChange[] = [];
      registry.onDidChange((event) => events.push(event));
      const updated = await registry.setRepositoryVisibility(javaLib, { owner: 'octo-org', name: 'java-lib' }, 'public');
      assert.equal(updated?.visibility, 'public');
      assert.equal(server.state.repo('octo-org/java-lib')!.visibility, 'public');
      assert.equal(registry.getPackages('octo-org')!.find((pkg) => pkg.name === 'com.octo.java-lib')!.visibility, 'public');
      assert.deepEqual(events, [{ owner: 'octo-org' }]);
    });

    it('changes nothing and says so when GitHub refuses (token without the repo scope)', async () => {
      const { api } = testClient(server, 'monaRead');
      const registry = new RegistryService({ api, cacheScope: server.url });
      await registry.refresh();
      const error = await rejection(registry.setRepositoryVisibility(javaLib, { owner: 'octo-org', name: 'java-lib' }, 'public'));
      assert.ok(isGitHubError(error), String(error));
      assert.equal(server.state.repo('octo-org/java-lib')!.visibility, 'private');
    });
  });
});
