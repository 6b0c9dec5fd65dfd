import * as assert from 'node:assert/strict';
import { isGitHubError } from '../../../src/github/errors';
import type { Page } from '../../../src/github/types';
import { Emitter } from '../../../src/registry/events';
import { Limiter } from '../../../src/registry/limiter';
import { fetchAllPages } from '../../../src/registry/paging';
import { ownerFromRemoteUrl, ownersFromGitConfig, ownersFromPackageJson } from '../../../src/registry/workspaceOwners';

describe('registry/workspaceOwners', () => {
  it('reads the npm scope and a GitHub repository from package.json', () => {
    assert.deepEqual(
      ownersFromPackageJson(JSON.stringify({ name: '@octo-org/web', repository: { url: 'git+https://github.com/octo-org/web.git' } })),
      ['octo-org'],
    );
    assert.deepEqual(ownersFromPackageJson(JSON.stringify({ name: 'plain', repository: 'github:mona/hello' })), ['mona']);
    assert.deepEqual(ownersFromPackageJson('{ not json'), []);
    assert.deepEqual(ownersFromPackageJson('[]'), []);
  });

  it('reads GitHub remotes from .git/config, on the right host only', () => {
    const config = [
      '[core]',
      '\turl = https://github.com/not/a-remote',
      '[remote "origin"]',
      '\turl = git@github.com:Mona/hello.git',
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '[remote "upstream"]',
      '\turl = https://github.com/octo-org/hello',
      '[remote "mirror"]',
      '\turl = https://gitlab.com/someone/hello.git',
      '[remote "ghes"]',
      '\turl = ssh://git@ghe.example.com/team/tool.git',
    ].join('\r\n');
    assert.deepEqual(ownersFromGitConfig(config), ['Mona', 'octo-org']);
    assert.deepEqual(ownersFromGitConfig(config, 'ghe.example.com'), ['team']);
    assert.equal(ownerFromRemoteUrl('ssh://git@github.com:22/o/r.git'), 'o');
    assert.equal(ownerFromRemoteUrl('https://evil.com/github.com/o/r'), undefined);
  });
});

describe('registry/workspaceOwners: odd but real manifests and git configs', () => {
  it('reads package.json scopes and repositories in every form, once per owner, and nothing from bad JSON', () => {
    assert.deepEqual(ownersFromPackageJson('{"name":"@Octo/hello","repository":"https://github.com/octo/hello"}'), ['Octo']);
    assert.deepEqual(ownersFromPackageJson('{"name":"hello@1.0.0/x","repository":{"url":"git+ssh://git@github.com/mona/x.git"}}'), [
      'mona',
    ]);
    assert.deepEqual(ownersFromPackageJson('{"name":"plain","repository":"github:hubot/tools"}'), ['hubot']);
    assert.deepEqual(ownersFromPackageJson('{"repository":"gitlab:someone/else"}'), []);
    assert.deepEqual(ownersFromPackageJson('{"repository":null,"name":42}'), []);
    assert.deepEqual(ownersFromPackageJson('{"repository":"https://ghe.example.com/team/app"}', 'GHE.example.com'), ['team']);
    for (const text of ['null', '"a string"', '[1]', '{ not json']) assert.deepEqual(ownersFromPackageJson(text), [], text);
  });

  it('reads only remote sections of .git/config, quoted URLs too, and refuses names GitHub cannot have', () => {
    const config = [
      'url = https://github.com/before/any-section',
      '[remote "origin"]',
      '  URL=git@github.com:octo/app.git',
      '[remote "quoted"]',
      '\turl = "https://github.com/quoted/app"',
      '[branch "main"]',
      '  url = https://github.com/branch/app',
      '[remote "odd"]',
      '  url = https://github.com/-bad-/app',
      '  url = https://github.com/' + 'x'.repeat(40) + '/app',
      '[remote"nospace"]',
      '  url = https://github.com/nospace/app',
    ].join('\r\n');
    assert.deepEqual(ownersFromGitConfig(config), ['octo', 'quoted']);
    assert.equal(ownerFromRemoteUrl('  https://github.com/Octo/app.git  '), 'Octo');
  });
});

describe('registry/limiter and paging', () => {
  it('never runs more than its limit, and cancels waiting tasks', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    await Promise.all(Array.from({ length: 7 }, () => limiter.run(task)));
    assert.equal(peak, 2);

    const controller = new AbortController();
    const blockers = [
      limiter.run(() => new Promise((resolve) => setTimeout(resolve, 30))),
      limiter.run(() => new Promise((resolve) => setTimeout(resolve, 30))),
    ];
    const waiting = limiter.run(async () => 'ran', controller.signal);
    controller.abort();
    const error = await waiting.catch((e: unknown) => e);
    assert.ok(isGitHubError(error) && error.kind === 'cancelled');
    await Promise.all(blockers);
    assert.equal(await limiter.run(async () => 'free again'), 'free again');
  });

  it('fetches the first page, then every remaining page at once', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const fetchPage = async (page: number): Promise<Page<number>> => {
      started.push(page);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { items: [page * 10, page * 10 + 1], page, lastPage: 6, hasNext: page < 6 };
    };
    const result = await fetchAllPages(fetchPage, new Limiter(10), { perPage: 2 });
    assert.deepEqual(result.items, [10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 60, 61]);
    assert.equal(result.requests, 6);
    assert.equal(started[0], 1);
    assert.equal(peak, 5, 'pages 2–6 in parallel');
  });

  it('asks for the pages the last listing had together with the first, so listing them again takes one round', async () => {
    const started: number[] = [];
    const fetchPage = async (page: number): Promise<Page<number>> => {
      started.push(page);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { items: [page], page, lastPage: 4, hasNext: page < 4 };
    };
    const fetched = fetchAllPages(fetchPage, new Limiter(10), { perPage: 100, expectedItems: 350 });
    assert.deepEqual(started, [1, 2, 3, 4], 'all four asked for before the first answered');
    assert.deepEqual((await fetched).items, [1, 2, 3, 4]);
  });

  it('asks for pages a grown listing has once the first answers, and leaves out pages a shrunk one no longer has', async () => {
    const listing =
      (last: number) =>
      async (page: number): Promise<Page<number>> => ({
        items: page <= last ? [page] : [],
        page,
        lastPage: last > 1 ? last : undefined,
        hasNext: page < last,
      });
    const grown = await fetchAllPages(listing(3), new Limiter(10), { perPage: 100, expectedItems: 150 });
    assert.deepEqual(grown.items, [1, 2, 3]);
    assert.equal(grown.requests, 3);
    const shrunk = await fetchAllPages(listing(1), new Limiter(10), { perPage: 100, expectedItems: 250 });
    assert.deepEqual(shrunk.items, [1]);
    assert.equal(shrunk.requests, 3, 'the pages asked for early still count as requests');
  });

  it('follows rel="next" when no last page is named, and stops at GitHub’s 10,000 item limit', async () => {
    const sequential = await fetchAllPages(async (page) => ({ items: [page], page, hasNext: page < 3 }), new Limiter(4), { perPage: 100 });
    assert.deepEqual(sequential.items, [1, 2, 3]);
    const capped = await fetchAllPages(async (page) => ({ items: [page], page, lastPage: 150, hasNext: page < 150 }), new Limiter(50), {
      perPage: 100,
    });
    assert.equal(capped.items.length, 100);
    assert.equal(capped.truncated, true);
  });

  it('lists one page as complete, and exactly 10,000 items as complete too', async () => {
    const single = await fetchAllPages(async (page) => ({ items: [page], page, hasNext: false }), new Limiter(4), { perPage: 100 });
    assert.deepEqual(single, { items: [1], truncated: false, requests: 1 });
    const full = await fetchAllPages(async (page) => ({ items: [page], page, lastPage: 100, hasNext: page < 100 }), new Limiter(50), {
      perPage: 100,
    });
    assert.equal(full.items.length, 100);
    assert.equal(full.truncated, false, 'page 100 of 100 items each is all there is');
  });

  it('following rel="next", stops at GitHub’s 10,000 item limit and says the listing is cut', async () => {
    const asked: number[] = [];
    const capped = await fetchAllPages(async (page) => (asked.push(page), { items: [page], page, hasNext: true }), new Limiter(4), {
      perPage: 1000,
    });
    assert.deepEqual(asked, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'page 11 would pass 10,000 items; GitHub refuses it');
    assert.equal(capped.truncated, true);
    assert.equal(capped.requests, 10);
  });

  it('emits to every listener even when one throws', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    const subscription = emitter.event((value) => heard.push(value));
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, [1]);
  });
});
