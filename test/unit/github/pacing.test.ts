import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import type { PackageRef } from '../../../src/github/types';
import { startLocal, testClient } from './local';

const mona = { login: 'mona', kind: 'viewer' as const };

describe('github/client: writes are paced as GitHub asks', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  it('sends no two writes within a second, even when four deletes are asked for at once, while reads go unpaced', async function () {
    this.timeout(30_000);
    const record = server.state.addPackage({ owner: 'mona', type: 'npm', name: 'paced' });
    const created = server.state.addVersions(record, 6);
    const ref: PackageRef = { owner: mona, type: 'npm', name: 'paced' };
    // The client as the extension builds it: the default write interval, not the tests' zero.
    const { api } = testClient(server, 'mona', { throttle: { writeIntervalMs: undefined } });
    await Promise.all([
      ...created.slice(0, 4).map((version) => api.deleteVersion(ref, version.id)),
      api.getVersion(ref, created[5].id),
      api.getVersion(ref, created[4].id),
    ]);

    const deletes = server.requestLog.filter((entry) => entry.method === 'DELETE').sort((a, b) => a.start - b.start);
    assert.equal(deletes.length, 4);
    assert.ok(deletes.every((entry) => entry.status === 204));
    const gaps = deletes.slice(1).map((entry, i) => entry.start - deletes[i].start);
    assert.ok(
      gaps.every((gap) => gap >= 1000),
      `gaps between DELETEs: ${gaps.join(', ')} ms`,
    );
    const reads = server.requestLog.filter((entry) => entry.method === 'GET');
    assert.ok(
      reads.every((entry) => entry.end < deletes[1].start),
      'reads did not wait behind the paced writes',
    );
  });
});
