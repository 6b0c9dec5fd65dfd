import * as assert from 'node:assert/strict';
import { GitHubError, isGitHubError, type GitHubErrorDetail } from '../../../src/github/errors';
import { legacyPackageVersionNodeId } from '../../../src/github/packages';
import type { PackageRef, PackageVersion } from '../../../src/github/types';
import { Limiter } from '../../../src/registry/limiter';
import { deleteVersionChecked, deleteVersionsInTurn } from '../../../src/registry/versionDelete';
import { rejection } from '../github/local';

const mona = { login: 'mona', kind: 'viewer' as const };
const npmRef: PackageRef = { owner: mona, type: 'npm', name: 'hello' };

type Answer = 'ok' | GitHubErrorDetail | Error | { deletedAt?: string };
type VersionNode = { version: string; packageName: string; packageType: string; ownerLogin?: string };

/** The GraphQL node GitHub resolves the legacy id of version 7 of mona's `hello` to. */
const helloNode = (type: string, changes: Partial<VersionNode> = {}): VersionNode => ({
  version: '1.0.0',
  packageName: 'hello',
  packageType: type.toUpperCase(),
  ownerLogin: 'mona',
  ...changes,
});

/** A packages API whose answers the test scripts, recording each call a person's delete would make. */
function scriptedApi(answers: { delete: Answer; get?: Answer; graphql?: Answer; node?: VersionNode | Answer }) {
  const calls: string[] = [];
  const settle = async <T>(answer: Answer | undefined, value: T): Promise<T> => {
    if (answer instanceof Error) throw answer;
    if (answer && answer !== 'ok' && 'kind' in answer) throw new GitHubError(answer);
    return value;
  };
  const api = {
    deleteVersion: async (ref: PackageRef, versionId: number) => {
      calls.push(`DELETE ${ref.type}/${ref.name}/${versionId}`);
      return settle(answers.delete, undefined);
    },
    getVersion: async (ref: PackageRef, versionId: number): Promise<PackageVersion> => {
      calls.push(`GET ${ref.type}/${ref.name}/${versionId}`);
      const state = answers.get && answers.get !== 'ok' && !('kind' in answers.get) && !(answers.get instanceof Error) ? answers.get : {};
      return settle(answers.get, { id: versionId, name: '1.0.0', tags: [], packageHtmlUrl: '', createdAt: '', updatedAt: '', ...state });
    },
    getVersionNode: async (nodeId: string): Promise<VersionNode | undefined> => {
      calls.push(`NODE ${nodeId}`);
      const node = answers.node;
      if (node === undefined || (typeof node === 'object' && 'packageName' in node)) return node as VersionNode | undefined;
      return settle(node, undefined);
    },
    deleteVersionGraphQL: async (nodeId: string) => {
      calls.push(`GRAPHQL ${nodeId}`);
      return settle(answers.graphql, undefined);
    },
  };
  return { api, calls };
}

const notFound: GitHubErrorDetail = { kind: 'notFound' };
/** What the client reports when it retried a DELETE and GitHub answered the repeat with 404. */
const notFoundAfterRetry = new GitHubError(notFound, { retried: true });
const serverError: GitHubErrorDetail = { kind: 'server', status: 502 };
const dropped: GitHubErrorDetail = { kind: 'network', cause: 'dropped' };
const deleted = { deletedAt: '2026-01-01T00:00:00Z' };

describe('registry/versionDelete: a version is called deleted only when GitHub says so', () => {
  it('calls a version deleted when GitHub accepts the DELETE, without reading it again', async () => {
    const { api, calls } = scriptedApi({ delete: 'ok' });
    assert.equal(await deleteVersionChecked(api, npmRef, 7), 'deleted');
    assert.deepEqual(calls, ['DELETE npm/hello/7']);
  });

  for (const [what, failure] of [
    ['a 404 to a retried DELETE (the first answer was lost)', notFoundAfterRetry],
    ['a server error', serverError],
    ['a dropped connection', dropped],
  ] as const) {
    it(`after ${what}, calls the version deleted only because GitHub lists it as deleted`, async () => {
      const { api, calls } = scriptedApi({ delete: failure, get: deleted });
      assert.equal(await deleteVersionChecked(api, npmRef, 7), 'confirmedDeleted');
      assert.deepEqual(calls, ['DELETE npm/hello/7', 'GET npm/hello/7']);
    });
  }

  it('reports a first-time 404 as a failure even though the version reads as deleted: that delete was not ours', async () => {
    const { api } = scriptedApi({ delete: notFound, get: deleted });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(isGitHubError(error) && error.kind === 'notFound', String(error));
  });

  it('calls a version deleted after a failed DELETE when GitHub no longer knows it at all (past the restore window)', async () => {
    const { api } = scriptedApi({ delete: serverError, get: notFound });
    assert.equal(await deleteVersionChecked(api, npmRef, 7), 'confirmedDeleted');
  });

  it('reports the failure, not a deletion, when the version cannot be read after a failed DELETE', async () => {
    const { api } = scriptedApi({ delete: serverError, get: { kind: 'server', status: 500 } });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(
      isGitHubError(error) && error.kind === 'server' && error.detail.kind === 'server' && error.detail.status === 502,
      String(error),
    );
  });

  it('reports a dropped DELETE as failed when the version is still active, without deleting it another way', async () => {
    const { api, calls } = scriptedApi({ delete: dropped, get: 'ok', node: helloNode('npm'), graphql: 'ok' });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(isGitHubError(error) && error.kind === 'network', String(error));
    assert.ok(!calls.some((call) => call.startsWith('GRAPHQL')), 'only a 404 means REST cannot delete it');
  });

  it('passes GitHub’s refusal on as it is, without checking the version or trying GraphQL', async () => {
    const { api, calls } = scriptedApi({
      delete: { kind: 'refused', reason: 'lastVersion', githubMessage: 'You cannot delete the last version.' },
    });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(isGitHubError(error) && error.kind === 'refused');
    assert.deepEqual(calls, ['DELETE npm/hello/7']);
  });

  it('passes a missing scope on as it is, so the person is asked for delete:packages', async () => {
    const { api, calls } = scriptedApi({ delete: { kind: 'scopeMissing', scope: 'delete:packages', granted: ['read:packages'] } });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(isGitHubError(error) && error.kind === 'scopeMissing');
    assert.equal(calls.length, 1);
  });

  it('lets a programming error through unchanged instead of calling it a GitHub failure', async () => {
    const bug = new RangeError('bug');
    const { api } = scriptedApi({ delete: bug });
    assert.equal(await rejection(deleteVersionChecked(api, npmRef, 7)), bug);
    const afterwards = scriptedApi({ delete: notFound, get: bug });
    assert.equal(await rejection(deleteVersionChecked(afterwards.api, npmRef, 7)), bug);
  });

  it('stops when the check is cancelled instead of guessing the outcome', async () => {
    const { api } = scriptedApi({ delete: serverError, get: { kind: 'cancelled' } });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(isGitHubError(error) && error.kind === 'cancelled');
  });

  it('deletes a still-active repository-scoped version through GraphQL when REST answers 404, once the node is that version', async () => {
    const { api, calls } = scriptedApi({ delete: notFound, get: 'ok', node: helloNode('maven'), graphql: 'ok' });
    assert.equal(await deleteVersionChecked(api, { ...npmRef, type: 'maven' }, 7), 'deletedWithGraphQL');
    const nodeId = legacyPackageVersionNodeId(7);
    assert.deepEqual(calls, ['DELETE maven/hello/7', 'GET maven/hello/7', `NODE ${nodeId}`, `GRAPHQL ${nodeId}`]);
  });

  it('matches the GraphQL node to the version whatever the case of its names', async () => {
    const { api } = scriptedApi({
      delete: notFound,
      get: 'ok',
      node: helloNode('npm', { packageName: 'Hello', ownerLogin: 'Mona' }),
      graphql: 'ok',
    });
    assert.equal(
      await deleteVersionChecked(api, { ...npmRef, name: 'HELLO', owner: { login: 'MONA', kind: 'viewer' } }, 7),
      'deletedWithGraphQL',
    );
  });

  const otherNodes: [string, VersionNode | undefined][] = [
    ['another version', helloNode('npm', { version: '2.0.0' })],
    ['another package', helloNode('npm', { packageName: 'other' })],
    ['another ecosystem', helloNode('maven')],
    ['another owner', helloNode('npm', { ownerLogin: 'octo-org' })],
    ['no known owner', helloNode('npm', { ownerLogin: undefined })],
    ['nothing', undefined],
  ];
  for (const [what, node] of otherNodes) {
    it(`deletes nothing through GraphQL when the legacy id resolves to ${what}, and reports REST’s 404`, async () => {
      const { api, calls } = scriptedApi({ delete: notFound, get: 'ok', node, graphql: 'ok' });
      const error = await rejection(deleteVersionChecked(api, npmRef, 7));
      assert.ok(isGitHubError(error) && error.kind === 'notFound', String(error));
      assert.ok(!calls.some((call) => call.startsWith('GRAPHQL')), calls.join(', '));
    });
  }

  for (const type of ['container', 'docker'] as const) {
    it(`never tries GraphQL for a ${type} image: the REST 404 is the answer`, async () => {
      const { api, calls } = scriptedApi({ delete: notFound, get: 'ok', node: helloNode(type), graphql: 'ok' });
      const error = await rejection(deleteVersionChecked(api, { ...npmRef, type }, 7));
      assert.ok(isGitHubError(error) && error.kind === 'notFound');
      assert.equal(calls.length, 2);
    });
  }

  it('reports REST’s 404 when the host has no GraphQL or GraphQL does not know the version either', async () => {
    const restAnswer = new GitHubError(notFound, { operation: 'delete version 7 of npm/hello' });
    const graphqlAnswer = new GitHubError(notFound, { operation: 'delete package version PV_7' });
    const answers = [
      { node: new Error('PackagesApi: no GraphQL URL was given for this host.') },
      { node: graphqlAnswer },
      { node: helloNode('npm'), graphql: graphqlAnswer },
    ];
    for (const answer of answers) {
      const { api } = scriptedApi({ delete: restAnswer, get: 'ok', ...answer });
      assert.equal(await rejection(deleteVersionChecked(api, npmRef, 7)), restAnswer);
    }
  });

  it('reports GraphQL’s own failure when it is something else (e.g. a missing scope)', async () => {
    const { api } = scriptedApi({
      delete: notFound,
      get: 'ok',
      node: helloNode('npm'),
      graphql: { kind: 'scopeMissing', scope: 'delete:packages', granted: [] },
    });
    const error = await rejection(deleteVersionChecked(api, npmRef, 7));
    assert.ok(isGitHubError(error) && error.kind === 'scopeMissing', String(error));
  });

  it('passes the cancellation signal to every call', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const controller = new AbortController();
    const api = {
      deleteVersion: async (_r: PackageRef, _v: number, o?: { signal?: AbortSignal }) => {
        seen.push(o?.signal);
        throw new GitHubError(notFound);
      },
      getVersion: async (_r: PackageRef, id: number, o?: { signal?: AbortSignal }): Promise<PackageVersion> => {
        seen.push(o?.signal);
        return { id, name: '1', tags: [], packageHtmlUrl: '', createdAt: '', updatedAt: '' };
      },
      getVersionNode: async (_n: string, o?: { signal?: AbortSignal }) => {
        seen.push(o?.signal);
        return helloNode('npm', { version: '1' });
      },
      deleteVersionGraphQL: async (_n: string, o?: { signal?: AbortSignal }) => {
        seen.push(o?.signal);
      },
    };
    assert.equal(await deleteVersionChecked(api, npmRef, 7, controller.signal), 'deletedWithGraphQL');
    assert.deepEqual(seen, [controller.signal, controller.signal, controller.signal, controller.signal]);
  });
});

describe('registry/versionDelete: deleting many versions, one after another', () => {
  /** An API that deletes by id as scripted: 'ok', a GitHub error, or a delete the test holds until it says so. */
  function bulkApi(outcomes: Record<number, 'ok' | GitHubErrorDetail>, onDelete?: (id: number) => void) {
    const attempts: number[] = [];
    const api = {
      deleteVersion: async (_ref: PackageRef, id: number) => {
        attempts.push(id);
        onDelete?.(id);
        const outcome = outcomes[id] ?? 'ok';
        if (outcome !== 'ok') throw new GitHubError(outcome);
      },
      getVersion: async (_ref: PackageRef, id: number): Promise<PackageVersion> => ({
        id,
        name: String(id),
        tags: [],
        packageHtmlUrl: '',
        createdAt: '',
        updatedAt: '',
        deletedAt: '2026-01-01T00:00:00Z',
      }),
      getVersionNode: async () => undefined,
      deleteVersionGraphQL: async () => undefined,
    };
    return { api, attempts };
  }
  const signals = () => ({ cancel: new AbortController().signal, lifetime: new AbortController().signal });

  it('tries each version once, in the order asked, and says which were confirmed after a lost answer', async () => {
    const { api, attempts } = bulkApi({ 2: serverError });
    const progress: string[] = [];
    const result = await deleteVersionsInTurn(api, new Limiter(4), npmRef, [1, 2, 3, 1, 2], {
      ...signals(),
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(result, { succeeded: [1, 2, 3], failed: [], skipped: [], confirmed: [{ id: 2, how: 'confirmedDeleted' }] });
    assert.deepEqual(progress, ['1/3', '2/3', '3/3']);
  });

  it('reports a refused version as failed and goes on with the others', async () => {
    const refused: GitHubErrorDetail = { kind: 'refused', reason: 'downloads', githubMessage: 'more than 5000 downloads' };
    const { api, attempts } = bulkApi({ 2: refused });
    const result = await deleteVersionsInTurn(api, new Limiter(1), npmRef, [1, 2, 3], signals());
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(result.succeeded, [1, 3]);
    assert.deepEqual(
      result.failed.map((failure) => [failure.id, failure.error.kind]),
      [[2, 'refused']],
    );
    assert.deepEqual(result.skipped, []);
  });

  const stopping: GitHubErrorDetail[] = [
    { kind: 'scopeMissing', scope: 'delete:packages', granted: ['read:packages'] },
    { kind: 'notSignedIn', tokenRejected: true },
    { kind: 'saml' },
    { kind: 'rateLimited', until: new Date(0), secondary: true },
  ];
  for (const detail of stopping) {
    it(`stops at ${detail.kind}, which every further version would hit too, and leaves the rest unattempted`, async () => {
      const { api, attempts } = bulkApi({ 2: detail });
      const result = await deleteVersionsInTurn(api, new Limiter(1), npmRef, [1, 2, 3, 4], signals());
      assert.deepEqual(attempts, [1, 2]);
      assert.deepEqual(result.succeeded, [1]);
      assert.deepEqual(
        result.failed.map((failure) => failure.id),
        [2],
      );
      assert.deepEqual(result.skipped, [3, 4]);
    });
  }

  it('stops before the next version when cancelled, and the one in flight finishes', async () => {
    const controller = new AbortController();
    const { api, attempts } = bulkApi({}, (id) => id === 2 && controller.abort());
    const result = await deleteVersionsInTurn(api, new Limiter(1), npmRef, [1, 2, 3, 4], {
      cancel: controller.signal,
      lifetime: new AbortController().signal,
    });
    assert.deepEqual(attempts, [1, 2]);
    assert.deepEqual(result.succeeded, [1, 2]);
    assert.deepEqual(result.skipped, [3, 4]);
    assert.deepEqual(result.failed, []);
  });

  it('counts a version cancelled in flight (the service closing) as not attempted, with the rest', async () => {
    const { api } = bulkApi({ 2: { kind: 'cancelled' } });
    const result = await deleteVersionsInTurn(api, new Limiter(1), npmRef, [1, 2, 3], signals());
    assert.deepEqual(result.succeeded, [1]);
    assert.deepEqual(result.skipped, [2, 3]);
    assert.deepEqual(result.failed, []);
  });

  it('deletes with the service’s lifetime signal, so closing VS Code aborts the version in flight', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const { api } = bulkApi({});
    const deleteVersion = api.deleteVersion;
    api.deleteVersion = async (ref: PackageRef, id: number, options?: { signal?: AbortSignal }) => {
      seen.push(options?.signal);
      return deleteVersion(ref, id);
    };
    const lifetime = new AbortController().signal;
    await deleteVersionsInTurn(api, new Limiter(1), npmRef, [1], { cancel: new AbortController().signal, lifetime });
    assert.deepEqual(seen, [lifetime]);
  });
});
