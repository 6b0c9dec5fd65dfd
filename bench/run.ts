/**
 * `npm run bench`: listing speed of the RegistryService against the local GitHub stand-in with added latency,
 * next to a naive client (each type paged in turn with octokit.paginate), and the clean-up at scale (planning 10,000
 * versions, the pacing bound of deleting them). Prints figures; passes or fails nothing.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGitHubClient, type GitHubClient } from '../src/github/client';
import { PackagesApi } from '../src/github/packages';
import { PACKAGE_TYPES } from '../src/github/types';
import type { CacheStore } from '../src/registry/cache';
import { RegistryService } from '../src/registry/service';
import { manifestFigures } from './manifest';
import { cleanupBench } from './cleanup';
import { idealOneRound, idealRounds, median, roundTrip, timed } from './rounds';

const LATENCIES = [50, 150];
const RUNS = 3;

interface ServerInfo {
  url: string;
  token: string;
  owner: string;
  bigPackage: string;
}

interface Row {
  latency: number;
  task: string;
  client: string;
  wallMs: number;
  requests: number;
  rounds: number;
  rttMs: number;
  /** The same rounds done by an ideal client: raw fetch, every request of a round at once. */
  idealMs: number;
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(firstLine) as ServerInfo;
  const rows: Row[] = [];
  const extras: string[] = [];
  try {
    for (const latency of LATENCIES) {
      await setLatency(info, latency);
      const rttMs = await roundTrip(info);
      rows.push(...(await measure(info, latency, rttMs)));
      extras.push(...(await manifestFigures(info, latency, rttMs)));
    }
    await setLatency(info, 0);
    extras.push(...(await firstPaintAndMemory(info)));
    extras.push(...cleanupBench());
  } finally {
    child.stdin!.end();
  }
  printTable(rows);
  for (const line of extras) console.log(line);
}

function counted(info: ServerInfo): { client: GitHubClient; api: PackagesApi; requests: () => number; reset: () => void } {
  let requests = 0;
  const client = createGitHubClient({
    apiUrl: info.url,
    token: async () => info.token,
    userAgent: 'github-packages-bench/0.0.0',
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
  });
  return { client, api: new PackagesApi(client), requests: () => requests, reset: () => (requests = 0) };
}

async function setLatency(info: ServerInfo, latency: number): Promise<void> {
  await fetch(`${info.url}/_local/latency`, {
    method: 'POST',
    body: JSON.stringify({ latency }),
    headers: { 'content-type': 'application/json' },
  });
}

async function measure(info: ServerInfo, latency: number, rttMs: number): Promise<Row[]> {
  const rows: Row[] = [];
  /** A row at this latency; every task here needs two rounds, but listing again what is known needs one. */
  const row = (task: string, client: string, wallMs: number, requests: number, idealMs: number, rounds = 2): Row => ({
    latency,
    task,
    client,
    wallMs,
    requests: requests / RUNS,
    rounds,
    rttMs,
    idealMs,
  });
  const ref = { owner: { login: info.owner, kind: 'viewer' as const }, type: 'npm' as const, name: info.bigPackage };
  const firstPackagePages = PACKAGE_TYPES.map((type) => `/user/packages?package_type=${type}&per_page=100`);
  const idealPackages = await idealRounds(info, firstPackagePages);
  const idealStartup = await idealRounds(info, ['/user', '/user/orgs?per_page=100', ...firstPackagePages]);
  const idealVersions = await idealRounds(info, [`/user/packages/npm/${info.bigPackage}/versions?per_page=100`]);

  // Start-up: account and organizations at once, then every type's first page, then the remaining pages.
  const startup = counted(info);
  const startupMs = await timed(async () => new RegistryService({ api: startup.api, cacheScope: info.url }).refresh());
  rows.push(row('start-up refresh (account, orgs, 1,000 packages)', 'RegistryService', startupMs, startup.requests(), idealStartup));

  const ours = counted(info);
  const registry = new RegistryService({ api: ours.api, cacheScope: info.url });
  await registry.refresh();
  ours.reset();
  const oursMs = await timed(() => registry.refreshOwner(info.owner));
  const known = registry.getPackages(info.owner) ?? [];
  const listed = known.length;
  // The service asks for the pages it listed last time together with the first: the bound is one round of all of them.
  const knownPages = PACKAGE_TYPES.flatMap((type) => {
    const pages = Math.max(1, Math.ceil(known.filter((pkg) => pkg.packageType === type).length / 100));
    return Array.from({ length: pages }, (_, i) => `/user/packages?package_type=${type}&per_page=100&page=${i + 1}`);
  });
  const idealKnown = await idealOneRound(info, knownPages);
  rows.push(row(`owner with ${listed} packages, listed again`, 'RegistryService', oursMs, ours.requests(), idealKnown, 1));

  const naive = counted(info);
  // Octokit's own paginate (one page after another), which the extension does not ship, as the naive client.
  const { paginateRest } = await import('@octokit/plugin-paginate-rest');
  const { paginate } = paginateRest(naive.client);
  const naiveMs = await timed(async () => {
    for (const type of PACKAGE_TYPES) await paginate('GET /user/packages', { package_type: type, per_page: 100 });
  });
  rows.push(row(`owner with ${listed} packages, listed again`, 'naive paginate', naiveMs, naive.requests(), idealPackages));

  ours.reset();
  const versionsMs = await timed(() => registry.loadVersions(ref));
  const versions = registry.getVersions(ref)?.active?.length ?? 0;
  rows.push(row(`package with ${versions} versions`, 'RegistryService', versionsMs, ours.requests(), idealVersions));

  naive.reset();
  const naiveVersionsMs = await timed(() =>
    paginate('GET /user/packages/{package_type}/{package_name}/versions', {
      package_type: 'npm',
      package_name: info.bigPackage,
      per_page: 100,
    }),
  );
  rows.push(row(`package with ${versions} versions`, 'naive paginate', naiveVersionsMs, naive.requests(), idealVersions));
  registry.dispose();
  return rows;
}

/** Stores JSON text, as VS Code's Memento does on disk, so reading it includes the parse. */
class JsonCacheStore implements CacheStore {
  readonly texts = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const text = this.texts.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.texts.set(key, JSON.stringify(value));
  }
}

async function firstPaintAndMemory(info: ServerInfo): Promise<string[]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const baseline = process.memoryUsage().heapUsed;

  const cache = new JsonCacheStore();
  const { api } = counted(info);
  const first = new RegistryService({ api, cacheScope: info.url, cache });
  await first.refresh();
  const ref = { owner: { login: info.owner, kind: 'viewer' as const }, type: 'npm' as const, name: info.bigPackage };
  await first.loadVersions(ref);
  gc();
  const loaded = process.memoryUsage().heapUsed;
  const cacheBytes = [...cache.texts.values()].reduce((sum, text) => sum + text.length, 0);

  const paints: number[] = [];
  let shown = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const next = new RegistryService({ api, cacheScope: info.url, cache });
    shown = next.getOwners().reduce((sum, state) => sum + (state.packages?.length ?? 0), 0);
    paints.push(performance.now() - started);
    next.dispose();
  }
  first.dispose();
  return [
    '',
    `Cached first paint: ${median(paints).toFixed(1)} ms to show ${shown} packages from the last session (cache ${(cacheBytes / 1024).toFixed(0)} KiB of JSON, parse included; target < 50 ms).`,
    `Memory: heapUsed ${(loaded / 2 ** 20).toFixed(1)} MiB after loading 1,000 packages and 2,000 versions (${((loaded - baseline) / 2 ** 20).toFixed(1)} MiB above the process before loading).`,
  ];
}

function printTable(rows: Row[]): void {
  const header = ['latency', 'task', 'client', 'wall ms', 'requests', 'rounds × RTT', 'ideal client ms', 'ratio', 'vs naive'];
  const lines = rows.map((row) => {
    const bound = row.idealMs;
    const naive =
      row.client === 'RegistryService'
        ? rows.find((other) => other.latency === row.latency && other.task === row.task && other.client === 'naive paginate')
        : undefined;
    return [
      `${row.latency} ms`,
      row.task,
      row.client,
      row.wallMs.toFixed(0),
      String(Math.round(row.requests)),
      `${(row.rounds * row.rttMs).toFixed(0)} (${row.rounds} × ${row.rttMs.toFixed(0)})`,
      bound.toFixed(0),
      `${(row.wallMs / bound).toFixed(2)}×`,
      naive ? `${(naive.wallMs / row.wallMs).toFixed(1)}× faster` : '',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log('\nLower bound: the fewest sequential round trips any client needs — 2: every first page (and, at start-up, the account');
  console.log('and organizations) together, then every remaining page together; 1 to list again what was listed, whose pages are');
  console.log('known (naive paginate is held to 2). "rounds × RTT" multiplies them by one measured round');
  console.log('trip; "ideal client ms" times those rounds done with bare fetch on this server, whose own work for concurrent requests');
  console.log('runs one at a time (single-threaded stand-in). ratio = wall / ideal client.');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
