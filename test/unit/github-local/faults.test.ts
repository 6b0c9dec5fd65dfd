import assert from 'node:assert/strict';
import { start, type LocalGitHub } from '../../github-local';
import { assertError, call } from './client';

const SECONDARY = /^You have exceeded a secondary rate limit/;

describe('local GitHub: faults, latency and rate limits', () => {
  let gh: LocalGitHub;
  afterEach(() => gh?.stop());

  const get = (path: string) => fetch(gh.url + path, { headers: { authorization: `Bearer ${gh.tokens.mona}` } });

  it("errorRate answers 500 or 502 with GitHub's error body", async () => {
    gh = await start({ faults: { errorRate: 1 } });
    for (let i = 0; i < 5; i++) {
      const r = await call(gh.url, 'GET', '/user/packages?package_type=npm', { token: gh.tokens.mona, validate: false });
      assert.ok(r.status === 500 || r.status === 502, String(r.status));
      assert.equal((r.body as { message: string }).message, 'Server Error');
    }
    gh.setFaults(undefined);
    assert.equal((await get('/user/packages?package_type=npm')).status, 200);
  });

  it('dropRate destroys the socket without an answer and logs status 0', async () => {
    gh = await start({ faults: { dropRate: 1 } });
    await assert.rejects(get('/user'));
    assert.equal(gh.requestLog.at(-1)!.status, 0);
  });

  it('rules target one path a limited number of times, from code or over POST /_local/faults', async () => {
    gh = await start();
    gh.setFaults({ rules: [{ path: /^\/orgs\/acme-corp\//, status: 500, times: 2 }] });
    assert.equal((await get('/orgs/acme-corp/packages?package_type=npm')).status, 500);
    assert.equal((await get('/orgs/octo-org/packages?package_type=npm')).status, 200);
    assert.equal((await get('/orgs/acme-corp/packages?package_type=npm')).status, 500);
    assert.equal((await get('/orgs/acme-corp/packages?package_type=npm')).status, 200);
    const set = await fetch(`${gh.url}/_local/faults`, {
      method: 'POST',
      body: JSON.stringify({
        rules: [
          { method: 'DELETE', path: '/packages/', status: 502 },
          { path: '^/user$', drop: true },
        ],
      }),
    });
    assert.equal(set.status, 200);
    await assert.rejects(get('/user'));
    const del = await fetch(`${gh.url}/user/packages/npm/hello`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gh.tokens.mona}` },
    });
    assert.equal(del.status, 502);
    await fetch(`${gh.url}/_local/faults`, { method: 'POST', body: '{}' });
    assert.equal((await get('/user')).status, 200);
  });

  it('latency (fixed and jittered) and slow bodies delay answers; POST /_local/latency sets it', async () => {
    gh = await start({ latency: 120 });
    let t0 = Date.now();
    await get('/user');
    assert.ok(Date.now() - t0 >= 110);
    gh.setLatency({ min: 30, max: 60 });
    t0 = Date.now();
    await get('/user');
    const jitter = Date.now() - t0;
    assert.ok(jitter >= 25 && jitter < 500, String(jitter));
    await fetch(`${gh.url}/_local/latency`, { method: 'POST', body: JSON.stringify({ latency: 0 }) });
    gh.setFaults({ slowBodyMs: 200 });
    t0 = Date.now();
    const r = await get('/user/packages?package_type=container');
    assert.ok(Array.isArray(await r.json()));
    assert.ok(Date.now() - t0 >= 150);
    const entry = gh.requestLog.at(-1)!;
    assert.equal(entry.status, 200);
    assert.ok(entry.end - entry.start >= 150);
  });

  it('secondary limit: writes closer than minWriteIntervalMs get 403 then 429 with retry-after', async () => {
    gh = await start({ secondaryRateLimit: { minWriteIntervalMs: 1000 } });
    const restore = () => call(gh.url, 'POST', '/user/packages/npm/gone/restore', { token: gh.tokens.mona, validate: false });
    assert.equal((await restore()).status, 204);
    const first = await restore();
    assertError(first, 403, SECONDARY);
    assert.equal(first.headers.get('retry-after'), '1');
    const second = await restore();
    assert.equal(second.status, 429);
    assert.match((second.body as { message: string }).message, SECONDARY);
    assert.equal((await get('/user')).status, 200, 'reads are not paced');
  });

  it('secondary limit: more concurrent requests than maxConcurrent are refused', async () => {
    gh = await start({ latency: 150, secondaryRateLimit: { maxConcurrent: 3 } });
    const statuses = await Promise.all(Array.from({ length: 8 }, () => get('/user').then((r) => r.status)));
    assert.equal(statuses.filter((s) => s === 200).length, 3);
    assert.ok(statuses.filter((s) => s === 403 || s === 429).length === 5);
  });

  it('POST /_local/reset reloads the seed; requestLog counts requests and can be cleared', async () => {
    gh = await start();
    assert.equal(
      (await fetch(`${gh.url}/user/packages/npm/hello`, { method: 'DELETE', headers: { authorization: `Bearer ${gh.tokens.mona}` } }))
        .status,
      204,
    );
    assert.equal((await get('/user/packages/npm/hello')).status, 404);
    assert.equal((await fetch(`${gh.url}/_local/reset`, { method: 'POST' })).status, 200);
    assert.equal((await get('/user/packages/npm/hello')).status, 200);
    assert.equal(gh.requestLog.filter((e) => e.path.startsWith('/_local')).length, 0);
    assert.equal(gh.requestLog.length, 3);
    gh.requestLog.length = 0;
    await get('/user');
    assert.deepEqual(
      gh.requestLog.map((e) => [e.method, e.path, e.status]),
      [['GET', '/user', 200]],
    );
  });
});
