/**
 * The manifest case: a package.json with 200 dependencies on GitHub Packages, decorated the way the editor does it
 * (parse, map to packages, one versions listing per package through the RegistryService, resolve). Prints figures.
 */
import { hostedOnGitHub, parseDependencies, type GitHubRegistries, type HostedDependency } from '../src/ecosystems/dependencies';
import { createGitHubClient } from '../src/github/client';
import { PackagesApi } from '../src/github/packages';
import type { CacheStore } from '../src/registry/cache';
import { cannotAsk, dependencyStatus, type DependencyStatus } from '../src/registry/dependencyStatus';
import { GITHUB_CONCURRENCY } from '../src/registry/limiter';
import { RegistryService } from '../src/registry/service';

const COUNT = 200;
export const DEPENDENCY_OWNER = 'bench-deps';
const REGISTRIES: GitHubRegistries = {
  npm: 'https://npm.pkg.github.com',
  maven: 'https://maven.pkg.github.com',
  nuget: 'https://nuget.pkg.github.com',
  rubygems: 'https://rubygems.pkg.github.com',
  container: 'ghcr.io',
};

export function manifestText(): string {
  const dependencies = Object.fromEntries(Array.from({ length: COUNT }, (_, i) => [`@${DEPENDENCY_OWNER}/dep-npm-${i}`, `^1.0.${i % 5}`]));
  return JSON.stringify({ name: '@bench/app', version: '1.0.0', dependencies }, null, 2);
}

function counted(
  url: string,
  token: string,
  online = true,
  concurrency = GITHUB_CONCURRENCY,
): { api: PackagesApi; requests: () => number } {
  let requests = 0;
  const client = createGitHubClient({
    apiUrl: url,
    token: async () => token,
    userAgent: 'github-packages-bench/0.0.0',
    throttle: { maxConcurrent: concurrency },
    fetch: (input, init) => {
      requests++;
      return online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'));
    },
  });
  return { api: new PackagesApi(client), requests: () => requests };
}

function analyse(registry: RegistryService, text: string): { hosted: HostedDependency[]; statuses: DependencyStatus[] } {
  const hosted = parseDependencies('package.json', text)
    .map((d) => hostedOnGitHub(d, REGISTRIES))
    .filter((d): d is HostedDependency => d !== undefined);
  const owners = registry.getOwners();
  return { hosted, statuses: hosted.map((d) => dependencyStatus(d, registry, owners)) };
}

/** What the editor does on opening: resolve from what the service holds, ask each listed package's versions once. */
/** Lines one editor shows at once: the editor asks for these dependencies' versions first. */
const SCREEN = 40;

async function decorate(
  registry: RegistryService,
  text: string,
): Promise<{ hinted: number; listed: number; firstMs?: number; screenMs?: number; recognised: number; recognisedMs: number }> {
  const started = performance.now();
  const first = analyse(registry, text).statuses;
  // What the owner listing (the tree's) already says: the package exists, its visibility, repository, version count.
  const recognised = first.filter((status) => status.kind === 'package').length;
  const recognisedMs = performance.now() - started;
  if (cannotAsk(registry)) return { ...count(first), recognised, recognisedMs };
  let done = 0;
  let firstMs: number | undefined;
  let screenMs: number | undefined;
  const loaded = (index: number) => () => {
    firstMs ??= performance.now() - started;
    if (index < SCREEN && ++done === SCREEN) screenMs = performance.now() - started;
  };
  await Promise.all(
    first.map((status, index) =>
      status.kind === 'package' && !status.versions ? registry.loadVersions(status.ref).then(loaded(index), () => undefined) : undefined,
    ),
  );
  return { ...count(analyse(registry, text).statuses), firstMs, screenMs, recognised, recognisedMs };
}

function count(statuses: DependencyStatus[]): { hinted: number; listed: number } {
  return {
    hinted: statuses.filter((s) => s.kind === 'package' && s.resolution).length,
    listed: statuses.filter((s) => s.kind === 'package').length,
  };
}

class MemoryCache implements CacheStore {
  private readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}

export async function manifestFigures(info: { url: string; token: string }, latency: number, rttMs: number): Promise<string[]> {
  const text = manifestText();
  const cache = new MemoryCache();
  const online = counted(info.url, info.token);
  const registry = new RegistryService({ api: online.api, cacheScope: info.url, cache, extraOwners: [DEPENDENCY_OWNER] });
  await registry.refresh();
  const afterListing = online.requests();
  const started = performance.now();
  const cold = await decorate(registry, text);
  const coldMs = performance.now() - started;
  const versionRequests = online.requests() - afterListing;

  const warmStarted = performance.now();
  const warm = await decorate(registry, text);
  const warmMs = performance.now() - warmStarted;
  const warmRequests = online.requests() - afterListing - versionRequests;

  // The same opening with 20 calls in flight, the limit before GITHUB_CONCURRENCY.
  const narrow = counted(info.url, info.token, true, 20);
  const narrowRegistry = new RegistryService({
    api: narrow.api,
    cacheScope: info.url,
    cache: new MemoryCache(),
    extraOwners: [DEPENDENCY_OWNER],
    concurrency: 20,
  });
  await narrowRegistry.refresh();
  const narrowStarted = performance.now();
  const narrowCold = await decorate(narrowRegistry, text);
  const narrowMs = performance.now() - narrowStarted;
  narrowRegistry.dispose();

  const parses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    analyse(registry, text);
    parses.push(performance.now() - t);
  }
  registry.dispose();

  const offline = counted(info.url, info.token, false);
  const restored = new RegistryService({ api: offline.api, cacheScope: info.url, cache, extraOwners: [DEPENDENCY_OWNER] });
  const refreshStarted = performance.now();
  await restored.refresh();
  const failedRefreshMs = performance.now() - refreshStarted;
  const refreshRequests = offline.requests();
  const offlineStarted = performance.now();
  const fromCache = await decorate(restored, text);
  const offlineMs = performance.now() - offlineStarted;
  restored.dispose();
  parses.sort((a, b) => a - b);
  return [
    '',
    `Manifest, ${COUNT} GitHub-hosted npm dependencies, ${latency} ms latency (1 round trip ≈ ${rttMs.toFixed(0)} ms):`,
    `  opened after the listing: ${cold.recognised}/${COUNT} recognised from the owner listing in ${cold.recognisedMs.toFixed(0)} ms with no request (exists, visibility, repository, version count; missing ones flagged);`,
    `    latest-version hints, ${GITHUB_CONCURRENCY} calls in flight: the first after ${cold.firstMs?.toFixed(0)} ms, the first screen of ${SCREEN} after ${cold.screenMs?.toFixed(0)} ms, all ${cold.hinted}/${COUNT} after ${coldMs.toFixed(0)} ms; ${versionRequests} requests (${(versionRequests / COUNT).toFixed(2)} per package, versions listings only; the package listing is the tree's);`,
    `    with 20 in flight (the limit before): the first screen after ${narrowCold.screenMs?.toFixed(0)} ms, all ${narrowCold.hinted}/${COUNT} after ${narrowMs.toFixed(0)} ms.`,
    `  opened again: ${warmMs.toFixed(1)} ms to ${warm.hinted}/${COUNT} hints, ${warmRequests} requests.`,
    `  one re-analysis while typing (parse, map, resolve ${COUNT}): median ${parses[10].toFixed(2)} ms, worst ${parses[19].toFixed(2)} ms.`,
    `  offline, from the cached listing (after the refresh failed in ${(failedRefreshMs / 1000).toFixed(1)} s, ${refreshRequests} attempts with retries): ${offlineMs.toFixed(1)} ms, ${offline.requests() - refreshRequests} requests;`,
    `    ${fromCache.listed}/${COUNT} dependencies recognised (hover: owner, visibility, repository), ${fromCache.hinted} with versions (the last session keeps the versions of the 10 packages loaded last).`,
  ];
}
