import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { MESSAGES } from '../../github-local';
import { ContainerRegistryClient, registryOrigin } from '../../../src/github/containerRegistry';
import { GitHubError, isGitHubError, refusalReason } from '../../../src/github/errors';
import type { PackageRef, PackageVersion } from '../../../src/github/types';
import { planDeletion } from '../../../src/registry/deletePlan';
import { summarizeDeletion } from '../../../src/registry/deleteSummary';
import { readManifestGraph } from '../../../src/registry/multiArchGuard';
import { RegistryService, type RegistryChange } from '../../../src/registry/service';
import { startLocal, testClient } from '../github/local';
import { digest, version } from './fixtures';

const mona = { login: 'mona', kind: 'viewer' as const };
const octoOrg = { login: 'octo-org', kind: 'org' as const };
const app: PackageRef = { owner: mona, type: 'container', name: 'app' };

describe('registry: delete and restore, safely', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  function registryClient(tokenName = 'mona') {
    return new ContainerRegistryClient({
      registry: server.registries.container,
      token: async () => server.tokens[tokenName],
      username: () => 'mona',
    });
  }

  function service(tokenName = 'mona', clientOptions: Parameters<typeof testClient>[2] = {}) {
    const { api } = testClient(server, tokenName, clientOptions);
    const registry = new RegistryService({ api, cacheScope: server.url });
    const events: RegistryChange[] = [];
    registry.onDidChange((event) => events.push(event));
    return { registry, events, api };
  }

  async function activeOf(ref: PackageRef): Promise<PackageVersion[]> {
    const { registry } = service();
    return [...(await registry.loadVersions(ref)).active!];
  }

  describe('container registry and the multi-arch guard', () => {
    it('derives the registry scheme: https for hosts, http for loopback, as written when a scheme is given', () => {
      assert.equal(registryOrigin('ghcr.io'), 'https://ghcr.io');
      assert.equal(registryOrigin('containers.github.example.com'), 'https://containers.github.example.com');
      assert.equal(registryOrigin('127.0.0.1:4000'), 'http://127.0.0.1:4000');
      assert.equal(registryOrigin('http://registry.test:5000/'), 'http://registry.test:5000');
    });

    it('reads an OCI index with a registry token and maps platform children and attestations to their tagged image', async () => {
      const active = await activeOf(app);
      const graph = await readManifestGraph(registryClient(), { owner: 'mona', name: 'app' }, active);
      assert.ok(graph.ok);
      const index = active.find((version) => version.tags.includes('latest'))!;
      const untagged = active.filter((version) => version.tags.length === 0);
      assert.equal(untagged.length, 4);
      assert.deepEqual(new Set(graph.protectedDigests), new Set(untagged.map((version) => version.name)));
      const roles = untagged.map((version) => graph.parents.get(version.name)!);
      assert.deepEqual(
        roles.map((parent) => parent.indexDigest),
        untagged.map(() => index.name),
      );
      assert.deepEqual(roles.map((parent) => `${parent.role} ${parent.platform}`).sort(), [
        'attestation linux/amd64',
        'attestation linux/arm64',
        'platform linux/amd64',
        'platform linux/arm64',
      ]);
      assert.deepEqual(roles[0].indexTags.sort(), ['1.0', 'latest']);
      assert.ok(
        server.requestLog.some(
          (entry) =>
            entry.path.startsWith('/token?scope=repository%3Amona%2Fapp%3Apull') ||
            entry.path.startsWith('/token?scope=repository:mona/app:pull'),
        ),
      );
    });

    it('reads a Docker manifest list (and an image with a slash in its name)', async () => {
      const ref: PackageRef = { owner: octoOrg, type: 'container', name: 'tools/cli' };
      const active = await activeOf(ref);
      const graph = await readManifestGraph(registryClient(), { owner: 'octo-org', name: 'tools/cli' }, active);
      assert.ok(graph.ok);
      assert.deepEqual([...graph.parents.values()].map((parent) => parent.platform).sort(), ['linux/amd64', 'linux/arm64/v8']);
    });

    it('fails closed when a tagged manifest cannot be read, and the plan then deletes nothing', async () => {
      const active = await activeOf(app);
      server.setFaults({ rules: [{ method: 'GET', path: '^/v2/mona/app/manifests/', status: 500 }] });
      const graph = await readManifestGraph(registryClient(), { owner: 'mona', name: 'app' }, active);
      assert.ok(!graph.ok);
      assert.match(graph.error.message, /nothing was deleted/);
      const untagged = active.filter((version) => version.tags.length === 0);
      const plan = planDeletion({
        pkg: { name: 'app', packageType: 'container', visibility: 'public' },
        selected: untagged,
        active,
        manifests: graph,
      });
      assert.equal(plan.toDelete.length, 0);
      assert.deepEqual(new Set(plan.refusals.map((refusal) => refusal.reason)), new Set(['manifestsUnreadable']));
      assert.match(plan.refusals[0].message, /server error \(500\)/);
    });

    it('fails closed without the registry (token refused)', async () => {
      const active = await activeOf(app);
      const reader = new ContainerRegistryClient({ registry: server.registries.container, token: async () => 'gplocal_wrong' });
      const graph = await readManifestGraph(reader, { owner: 'mona', name: 'app' }, active);
      assert.ok(!graph.ok && graph.error.kind === 'notSignedIn');
    });
  });

  describe('the plan (GitHub’s refusals avoided before asking)', () => {
    it('refuses deleting every remaining version and offers deleting the package instead', async () => {
      const ref: PackageRef = { owner: mona, type: 'nuget', name: 'Mona.Lib' };
      const active = await activeOf(ref);
      const plan = planDeletion({ pkg: { name: 'Mona.Lib', packageType: 'nuget', visibility: 'private' }, selected: active, active });
      assert.equal(plan.toDelete.length, 0);
      assert.ok(plan.offerPackageDelete);
      assert.deepEqual(
        plan.refusals.map((refusal) => refusal.reason),
        ['lastVersion', 'lastVersion'],
      );
      assert.match(plan.refusals[0].message, /Delete the package instead/);
    });

    it('keeps the last tagged container version, protects children of tagged images, names every tag that goes', async () => {
      const active = await activeOf(app);
      const graph = await readManifestGraph(registryClient(), { owner: 'mona', name: 'app' }, active);
      const pkg = { name: 'app', packageType: 'container' as const, visibility: 'public' };
      const old = active.find((version) => version.tags.includes('0.9'))!;
      const latest = active.find((version) => version.tags.includes('latest'))!;
      const children = active.filter((version) => version.tags.length === 0);

      const onlyChildren = planDeletion({ pkg, selected: children, active, manifests: graph });
      assert.equal(onlyChildren.toDelete.length, 0);
      assert.equal(onlyChildren.refusals.length, 4);
      assert.ok(onlyChildren.refusals.every((refusal) => refusal.reason === 'referencedByTaggedImage'));
      assert.ok(
        onlyChildren.refusals.some((refusal) => /linux\/arm64 image of (latest, 1\.0|1\.0, latest)/.test(refusal.message)),
        onlyChildren.refusals.map((r) => r.message).join('\n'),
      );

      // The image and its children together: the image is deleted, so it protects nothing; 0.9 stays tagged.
      const imageWithChildren = planDeletion({ pkg, selected: [latest, ...children], active, manifests: graph });
      assert.equal(imageWithChildren.refusals.length, 0);
      assert.equal(imageWithChildren.toDelete.length, 5);
      assert.deepEqual(imageWithChildren.toDelete[0].tags.sort(), ['1.0', 'latest'], 'tagged image first');

      const bothTagged = planDeletion({ pkg, selected: [old, latest], active, manifests: graph });
      assert.deepEqual(
        bothTagged.toDelete.map((item) => item.version.id),
        [old.id],
      );
      assert.equal(bothTagged.refusals[0].reason, 'lastTaggedVersion');
      assert.equal(bothTagged.refusals[0].version.id, latest.id);
      assert.ok(bothTagged.offerPackageDelete);
      assert.ok(bothTagged.notes.some((note) => /downloaded more than 5,000 times/.test(note)));
    });

    it('deletes an untagged manifest no tagged image references, and refuses what is not active', async () => {
      const pkg = server.state.findPackage('mona', 'container', 'app')!;
      server.state.addVersion(pkg, { name: `sha256:${'ab'.repeat(32)}` });
      const active = await activeOf(app);
      const graph = await readManifestGraph(registryClient(), { owner: 'mona', name: 'app' }, active);
      const orphan = active.find((version) => version.name === `sha256:${'ab'.repeat(32)}`)!;
      const gone = { ...orphan, id: 999_999 };
      const plan = planDeletion({
        pkg: { name: 'app', packageType: 'container', visibility: 'private' },
        selected: [orphan, orphan, gone],
        active,
        manifests: graph,
      });
      assert.deepEqual(
        plan.toDelete.map((item) => item.version.id),
        [orphan.id],
      );
      assert.deepEqual(
        plan.refusals.map((refusal) => refusal.reason),
        ['notActive'],
      );
    });
  });

  describe('the summary', () => {
    it('says what was deleted (with tags), refused and why (GitHub’s words), and not attempted', () => {
      const [a, b, c, d] = [
        version(1, digest('a'), ['v1', 'stable']),
        version(2, digest('b')),
        version(3, digest('c')),
        version(4, digest('d')),
      ];
      const refusal = {
        version: d,
        reason: 'referencedByTaggedImage' as const,
        message: 'sha256:dddddddddddd is the linux/arm64 image of latest',
      };
      const summary = summarizeDeletion(
        { owner: 'mona', name: 'app', container: true },
        { toDelete: [a, b, c].map((v) => ({ version: v, tags: v.tags })), refusals: [refusal] },
        { succeeded: [1, 2], failed: [], skipped: [3], confirmed: [{ id: 2, how: 'confirmedDeleted' }] },
      );
      assert.equal(
        summary.headline,
        'Deleted 2 versions of mona/app; 1 refused or failed (sha256:dddddddddddd is the linux/arm64 image of latest); 1 not attempted.',
      );
      assert.deepEqual(summary.details, [
        'Deleted v1, stable with tags v1, stable',
        'Deleted sha256:bbbbbbbbbbbb (confirmed after a lost answer)',
        'Not deleted: sha256:dddddddddddd is the linux/arm64 image of latest',
        'Not attempted (1): sha256:cccccccccccc',
      ]);
      assert.equal(summary.complete, false);
    });

    it('names a refused version by its name, keeps GitHub’s words whole and says "Contact GitHub Support" once', () => {
      const popular = version(9, '1.0.0');
      const githubMessage =
        'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.';
      const error = new GitHubError(
        { kind: 'refused', githubMessage, reason: refusalReason(githubMessage) },
        { operation: 'delete version 9 of npm/popular of octo-org' },
      );
      const summary = summarizeDeletion(
        { owner: 'octo-org', name: 'popular', container: false },
        { toDelete: [{ version: popular, tags: [] }], refusals: [] },
        {
          succeeded: [],
          failed: [{ id: 9, error }],
          skipped: [],
        },
      );
      assert.equal(
        summary.headline,
        'Deleted 0 versions of octo-org/popular; 1 refused or failed (GitHub refused: Publicly visible package versions with more than 5000 downloads cannot be deleted.).',
      );
      assert.equal(summary.details.length, 1);
      assert.equal(summary.details[0], `Refused or failed: 1.0.0: GitHub refused: ${githubMessage}`);
      assert.doesNotMatch(summary.details[0], /version 9/);
    });
  });

  describe('bulk deletion through the RegistryService', () => {
    it('deletes 120 of 130 versions with 500s, dropped connections, lost answers and a secondary rate limit: the server’s state equals the summary', async function () {
      this.timeout(120_000);
      const record = server.state.addPackage({ owner: 'mona', type: 'npm', name: 'many', visibility: 'public' });
      const created = server.state.addVersions(record, 130);
      server.state.setDownloads(created[5].id, 6000);
      const ref: PackageRef = { owner: mona, type: 'npm', name: 'many' };
      const requested = created.slice(0, 120).map((version) => version.id);

      // Some answers are lost AFTER GitHub acted on the DELETE: the client retries and GitHub answers 404.
      let lostAnswers = 0;
      const losingFetch: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'DELETE' && response.status === 204 && Math.random() < 0.1) {
          lostAnswers++;
          throw new TypeError('fetch failed');
        }
        return response;
      };
      server.setFaults({ errorRate: 0.08, dropRate: 0.04 });
      server.setSecondaryRateLimit({ minWriteIntervalMs: 25 });
      const { registry, events } = service('mona', { fetch: losingFetch, throttle: { retries: 6, writeIntervalMs: 5 } });
      await registry.loadVersions(ref);
      events.length = 0;
      const started = Date.now();
      const result = await registry.deleteVersions(ref, [...requested, requested[3]]);
      const elapsed = Date.now() - started;
      server.setFaults(undefined);

      const deletedOnServer = created.filter((version) => server.state.version(version.id)!.deletedAt).map((version) => version.id);
      assert.deepEqual([...deletedOnServer].sort(), [...result.succeeded].sort(), 'the server deleted exactly what the summary says');
      assert.ok(
        deletedOnServer.every((id) => requested.includes(id)),
        'nothing unasked',
      );
      assert.equal(result.succeeded.length + result.failed.length + result.skipped.length, 120, 'each version once');
      assert.deepEqual(
        result.failed.map((failure) => failure.id),
        [created[5].id],
      );
      assert.equal(result.failed[0].error.kind, 'refused');
      assert.match(result.failed[0].error.message, new RegExp(MESSAGES.popularVersion.slice(0, 40)));
      assert.equal(events.length, 1, 'one change event');
      assert.equal(registry.getVersions(ref)!.active!.length, 130 - result.succeeded.length);

      const deletes = server.requestLog.filter((entry) => entry.method === 'DELETE');
      const byStatus = (status: number) => deletes.filter((entry) => entry.status === status).length;
      const figures = {
        elapsedMs: elapsed,
        deleted: result.succeeded.length,
        confirmedAfterLostAnswer: result.confirmed?.length ?? 0,
        lostAnswers,
        deleteRequests: deletes.length,
        '204': byStatus(204),
        '404 (retried after a lost answer)': byStatus(404),
        '5xx': deletes.filter((entry) => entry.status >= 500).length,
        'secondary 403/429': deletes.filter((entry) => entry.status === 403 || entry.status === 429).length,
        dropped: byStatus(0),
      };
      console.log(`      120-version run: ${JSON.stringify(figures)}`);
      assert.equal(byStatus(204), result.succeeded.length, 'GitHub acted once per deleted version');
      assert.ok(figures['secondary 403/429'] > 0, 'the secondary rate limit was exercised');
      assert.equal(result.confirmed?.length, lostAnswers);
    });

    it('cancels midway: what was deleted is exactly what the result says, the rest is not attempted', async () => {
      const record = server.state.addPackage({ owner: 'mona', type: 'npm', name: 'cancel-me' });
      const created = server.state.addVersions(record, 30);
      const ref: PackageRef = { owner: mona, type: 'npm', name: 'cancel-me' };
      server.setLatency(15);
      const { registry } = service();
      const controller = new AbortController();
      const result = await registry.deleteVersions(
        ref,
        created.slice(0, 20).map((version) => version.id),
        {
          signal: controller.signal,
          onProgress: (done) => done === 7 && controller.abort(),
        },
      );
      assert.equal(result.succeeded.length, 7);
      assert.equal(result.skipped.length, 13);
      const deleted = created.filter((version) => server.state.version(version.id)!.deletedAt).map((version) => version.id);
      assert.deepEqual(deleted, result.succeeded);
    });

    it('stops at a missing scope instead of failing every version the same way', async () => {
      const ref: PackageRef = { owner: octoOrg, type: 'npm', name: 'paged' };
      const active = await activeOf(ref);
      const { registry } = service('monaRead');
      const result = await registry.deleteVersions(
        ref,
        active.slice(0, 5).map((version) => version.id),
      );
      assert.equal(result.failed.length, 1);
      assert.equal(result.failed[0].error.kind, 'scopeMissing');
      assert.equal(result.skipped.length, 4);
      assert.equal(server.requestLog.filter((entry) => entry.method === 'DELETE').length, 1);
    });

    it('restores after delete (a lost restore answer still counts as restored)', async () => {
      const ref: PackageRef = { owner: mona, type: 'npm', name: 'hello' };
      const { registry, events } = service();
      await registry.loadVersions(ref, { state: 'all' });
      const target = registry.getVersions(ref)!.active!.find((version) => version.name === '1.0.0')!;
      const deleted = await registry.deleteVersions(ref, [target.id]);
      assert.deepEqual(deleted.succeeded, [target.id]);
      assert.ok(
        registry.getVersions(ref)!.deleted!.some((version) => version.id === target.id),
        'listed under deleted versions',
      );
      assert.ok(server.state.version(target.id)!.deletedAt);

      let lost = false;
      const losing = service('mona', {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (init?.method === 'POST' && !lost) {
            lost = true;
            throw new TypeError('fetch failed');
          }
          return response;
        },
      });
      await losing.registry.loadVersions(ref, { state: 'all' });
      await losing.registry.restoreVersion(ref, target.id);
      assert.ok(lost);
      assert.equal(server.state.version(target.id)!.deletedAt, undefined);
      assert.ok(losing.registry.getVersions(ref)!.active!.some((version) => version.id === target.id));
      assert.ok(events.length >= 1);
    });

    it('falls back to GraphQL for a repository-scoped package when the REST delete is not available', async () => {
      const ref: PackageRef = { owner: octoOrg, type: 'maven', name: 'com.octo.java-lib' };
      const active = await activeOf(ref);
      server.setFaults({ rules: [{ method: 'DELETE', path: '/packages/maven/', status: 404 }] });
      const { registry } = service();
      const result = await registry.deleteVersions(ref, [active[1].id]);
      assert.deepEqual(result.succeeded, [active[1].id]);
      assert.deepEqual(result.confirmed, [{ id: active[1].id, how: 'deletedWithGraphQL' }]);
      assert.ok(server.state.version(active[1].id)!.deletedAt);
      assert.ok(server.requestLog.some((entry) => entry.path === '/graphql' && entry.status === 200));
    });

    it('deletes nothing through GraphQL when the node id names another version than the one asked for', async () => {
      const ref: PackageRef = { owner: octoOrg, type: 'maven', name: 'com.octo.java-lib' };
      const active = await activeOf(ref);
      server.setFaults({ rules: [{ method: 'DELETE', path: '/packages/maven/', status: 404 }] });
      // GitHub resolves the legacy id to some other version: the delete must not follow it.
      const { api } = testClient(server, 'mona');
      const other = active[0];
      const lying = Object.assign(Object.create(Object.getPrototypeOf(api)) as typeof api, api, {
        getVersionNode: async () => ({ version: other.name, packageName: ref.name, packageType: 'MAVEN', ownerLogin: 'octo-org' }),
      });
      const registry = new RegistryService({ api: lying, cacheScope: server.url });
      await registry.loadVersions(ref);
      const result = await registry.deleteVersions(ref, [active[1].id]);
      assert.deepEqual(result.succeeded, []);
      assert.equal(result.failed[0]?.id, active[1].id);
      assert.equal(server.state.version(active[1].id)!.deletedAt, undefined, 'the asked-for version is still there');
      assert.equal(server.state.version(other.id)!.deletedAt, undefined, 'and so is the one the node named');
      assert.ok(!server.requestLog.some((entry) => entry.path === '/graphql'), 'no GraphQL delete was sent');
    });

    it('reports a first-time 404 on DELETE as a failure with GitHub’s answer, not as already deleted', async () => {
      const ref: PackageRef = { owner: mona, type: 'npm', name: 'hello' };
      const active = await activeOf(ref);
      const target = active[0];
      server.state.setDeletedAt(target.id, new Date());
      const { registry } = service();
      await registry.loadVersions(ref);
      const result = await registry.deleteVersions(ref, [target.id]);
      assert.deepEqual(result.succeeded, [], 'nobody deleted it in this run');
      assert.equal(result.failed[0]?.error.kind, 'notFound');
    });

    it('reports GitHub’s own refusals (last version) as values, never as a thrown error', async () => {
      const ref: PackageRef = { owner: mona, type: 'rubygems', name: 'solo-gem' };
      const active = await activeOf(ref);
      const { registry } = service();
      const result = await registry.deleteVersions(ref, [active[0].id]);
      assert.equal(result.failed.length, 1);
      assert.ok(
        isGitHubError(result.failed[0].error) &&
          result.failed[0].error.detail.kind === 'refused' &&
          result.failed[0].error.detail.reason === 'lastVersion',
      );
    });
  });
});
