import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import { rejection, startLocal, testClient } from './local';

describe('github/packages: a failed call says which call failed', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  it('names the operation and the package in the message of every call GitHub answers with a server error', async () => {
    server.setFaults({ rules: [{ path: '.', status: 502 }] });
    const { api } = testClient(server, 'mona', { throttle: { retries: 0 } });
    const ref = { owner: { login: 'octo-org', kind: 'org' as const }, type: 'npm' as const, name: 'hello' };
    const calls: [string, () => Promise<unknown>][] = [
      ['read package npm/hello of octo-org', () => api.getPackage(ref)],
      ['delete package npm/hello of octo-org', () => api.deletePackage(ref)],
      ['restore package npm/hello of octo-org', () => api.restorePackage(ref)],
      ['list versions of npm/hello of octo-org', () => api.listVersionsPage(ref)],
      ['list deleted versions of npm/hello of octo-org', () => api.listVersionsPage(ref, { state: 'deleted' })],
      ['read version 7 of npm/hello of octo-org', () => api.getVersion(ref, 7)],
      ['delete version 7 of npm/hello of octo-org', () => api.deleteVersion(ref, 7)],
      ['restore version 7 of npm/hello of octo-org', () => api.restoreVersion(ref, 7)],
      ['delete package version PV_1', () => api.deleteVersionGraphQL('PV_1')],
      ['read package version PV_1', () => api.getVersionNode('PV_1')],
      ['change the visibility of octo-org/hello', () => api.setRepositoryVisibility({ owner: 'octo-org', name: 'hello' }, 'public')],
      ['read your GitHub account', () => api.getViewer()],
    ];
    for (const [operation, call] of calls) {
      const error = await rejection(call());
      assert.ok(isGitHubError(error) && error.kind === 'server', `${operation}: ${String(error)}`);
      assert.ok(error.message.startsWith(`Could not ${operation}: GitHub answered with a server error (502).`), error.message);
    }
  });
});
