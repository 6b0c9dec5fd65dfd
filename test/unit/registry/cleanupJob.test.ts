import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/github/errors';
import {
  describeJob,
  newJob,
  restoredJob,
  nextWriteAt,
  pacingBoundMs,
  recordBatch,
  recordRefusals,
  summarizeJob,
  writesAllowedNow,
  type JobPackage,
} from '../../../src/registry/cleanupJob';

const MIN = 60_000;
const HOUR = 60 * MIN;

function jobPackage(name: string, ids: number[]): JobPackage {
  return {
    ref: { owner: { login: 'octo-org', kind: 'org' }, type: 'npm', name },
    pkg: { name, packageType: 'npm', visibility: 'private' },
    pending: ids.map((id) => ({ id, name: `1.0.${id}`, tags: [], label: `1.0.${id}` })),
    deleted: [],
    refused: [],
  };
}

describe('registry/cleanupJob: a clean-up that survives pauses', () => {
  it('paces deletes under 80 a minute and 500 an hour', () => {
    const t0 = 1_000_000_000_000;
    assert.equal(writesAllowedNow([], t0), 80);
    const minute = Array.from({ length: 80 }, (_, i) => t0 + i * 100);
    assert.equal(writesAllowedNow(minute, t0 + 8_000), 0);
    assert.equal(nextWriteAt(minute, t0 + 8_000), t0 + MIN);
    const hour = Array.from({ length: 500 }, (_, i) => t0 + Math.floor(i / 80) * MIN + (i % 80));
    assert.equal(writesAllowedNow(hour, t0 + 7 * MIN), 0);
    assert.equal(nextWriteAt(hour, t0 + 7 * MIN), t0 + HOUR);
  });

  it('knows the shortest time a clean-up of n versions can take', () => {
    assert.equal(pacingBoundMs(80), 0);
    assert.equal(pacingBoundMs(81), MIN);
    assert.equal(pacingBoundMs(500), 6 * MIN);
    assert.equal(pacingBoundMs(501), HOUR);
    assert.equal(pacingBoundMs(13_000), 25 * HOUR + 6 * MIN);
  });

  it('keeps an exact summary across a rate limit, a refusal and a resume', () => {
    const api = jobPackage('api', [1, 2, 3, 4]);
    const web = jobPackage('web', [5, 6]);
    const job = newJob('octo-org', 'versions beyond the 2 newest', [api, web], 0);
    const until = new Date(2 * HOUR);
    const limited = new GitHubError({ kind: 'rateLimited', until, secondary: true }, { operation: 'delete 1.0.3' });
    const refused = new GitHubError(
      { kind: 'refused', reason: 'downloads', githubMessage: 'Downloaded more than 5,000 times.' },
      { operation: 'delete 1.0.2' },
    );
    const stopped = recordBatch(
      job,
      api,
      {
        succeeded: [1],
        failed: [
          { id: 2, error: refused },
          { id: 3, error: limited },
        ],
        skipped: [4],
      },
      HOUR,
    );
    assert.deepEqual(stopped, { limitedUntil: until.getTime() }, 'the rate limit says when to go on');
    assert.deepEqual(
      api.pending.map((v) => v.id),
      [3, 4],
      'the limited and unattempted versions stay pending',
    );
    assert.equal(job.writes.length, 3);
    assert.match(
      describeJob({ ...job, status: 'waiting', resumeAt: until.getTime() }, HOUR, () => '14:00'),
      /waits for GitHub's limits: 2 of 6 done; resumes at 14:00/,
    );

    recordBatch(job, api, { succeeded: [3, 4], failed: [], skipped: [] }, 2 * HOUR);
    recordRefusals(web, [
      {
        version: { id: 6, name: '1.0.6', tags: [], createdAt: '', updatedAt: '', packageHtmlUrl: '' },
        reason: 'lastVersion',
        message: 'GitHub refuses the last version.',
      },
    ]);
    recordBatch(job, web, { succeeded: [5], failed: [], skipped: [] }, 2 * HOUR);
    const summary = summarizeJob({ ...job, status: 'done' });
    assert.equal(summary.headline, 'Deleted 4 versions from 2 packages of octo-org; 2 refused or failed.');
    assert.ok(
      summary.details.some((d) => d.startsWith('Not deleted: api 1.0.2:') && d.includes('Downloaded more than 5,000 times.')),
      summary.details.join('\n'),
    );
    assert.ok(summary.details.includes('Not deleted: web 1.0.6: GitHub refuses the last version.'));
    assert.equal(summary.complete, false);
  });

  it('keeps versions pending when the network or the token failed, not the version', () => {
    const api = jobPackage('api', [1, 2, 3]);
    const job = newJob('octo-org', 'rule', [api], 0);
    const dropped = new GitHubError({ kind: 'network', cause: 'dropped' }, { operation: 'delete 1.0.1' });
    const scope = new GitHubError(
      { kind: 'scopeMissing', scope: 'delete:packages', granted: ['read:packages'] },
      { operation: 'delete 1.0.2' },
    );
    const outcome = recordBatch(
      job,
      api,
      {
        succeeded: [],
        failed: [
          { id: 1, error: dropped },
          { id: 2, error: scope },
        ],
        skipped: [3],
      },
      0,
    );
    assert.equal(outcome.stopped, dropped.message);
    assert.deepEqual(
      api.pending.map((v) => v.id),
      [1, 2, 3],
    );
    assert.deepEqual(api.refused, []);
  });

  it('finds a run the window closed under paused, with its progress, after a reload', () => {
    const api = jobPackage('api', [1, 2, 3]);
    const job = newJob('octo-org', 'rule', [api], 0);
    recordBatch(job, api, { succeeded: [1], failed: [], skipped: [] }, 0);
    const reloaded = restoredJob(JSON.parse(JSON.stringify(job)));
    assert.equal(reloaded?.status, 'paused');
    assert.match(
      describeJob(reloaded!, 0, () => ''),
      /^Clean-up of octo-org paused \(the window was reloaded\): 1 of 3 done\. Resume or abandon it/,
    );
    const waiting = { ...job, status: 'waiting' as const, resumeAt: 5 };
    assert.deepEqual(restoredJob(waiting), waiting, 'a wait for GitHub goes on by itself');
    assert.equal(restoredJob({ some: 'old shape' }), undefined);
  });

  it('says what an abandoned run left undone', () => {
    const api = jobPackage('api', [1, 2, 3]);
    const job = newJob('octo-org', 'rule', [api], 0);
    recordBatch(job, api, { succeeded: [1], failed: [], skipped: [] }, 0);
    assert.equal(
      summarizeJob({ ...job, status: 'abandoned' }).headline,
      'Deleted 1 version from 1 package of octo-org; 2 not deleted yet (abandoned).',
    );
  });
});
