import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContainerRegistry } from './container-registry';
import { handleGraphql } from './graphql';
import { apiError, json, parseJson, readBody, resolveToken, type Ctx, type Reply } from './http';
import { handleMaven, MAVEN_PREFIX } from './maven-registry';
import { handleNpm, NPM_PREFIX } from './npm-registry';
import { handleNuget, NUGET_PREFIX } from './nuget-registry';
import { handleRest } from './rest';
import { handleRubygems, RUBYGEMS_PREFIX } from './rubygems-registry';
import demoSeed from './seeds/demo.json';
import smallSeed from './seeds/small.json';
import { ServerState } from './state';
import type { FaultRule, Faults, Latency, RequestLogEntry, Seed, StartOptions } from './types';

export { ServerState } from './state';
export type { Account, NewPackage, NewVersion, PackageRecord, RepoRecord, TokenRecord, VersionRecord } from './state';
export { MESSAGES, SAML_MESSAGE } from './rest';
export { versionNodeId } from './representations';
export type { FaultRule, Faults, Latency, PackageType, RequestLogEntry, Seed, StartOptions } from './types';

export const SEEDS: Record<'small' | 'demo', Seed> = { small: smallSeed as unknown as Seed, demo: demoSeed as unknown as Seed };

export interface LocalGitHub {
  url: string;
  graphqlUrl: string;
  /** Registry base URLs; OWNER (and for Maven REPOSITORY) are appended as on GitHub. Containers: HOST:PORT. */
  registries: Registries;
  tokens: Record<string, string>;
  state: ServerState;
  setFaults(f: Faults | undefined): void;
  setLatency(l: StartOptions['latency']): void;
  setSecondaryRateLimit(s: StartOptions['secondaryRateLimit']): void;
  requestLog: RequestLogEntry[];
  stop(): Promise<void>;
}

export interface Registries {
  npm: string;
  maven: string;
  nuget: string;
  rubygems: string;
  container: string;
}

function registriesOf(api: string): Registries {
  const trim = (prefix: string) => `${api}${prefix.replace(/\/$/, '')}`;
  return {
    npm: `${api}${NPM_PREFIX}`,
    maven: trim(MAVEN_PREFIX),
    nuget: trim(NUGET_PREFIX),
    rubygems: trim(RUBYGEMS_PREFIX),
    container: api.replace(/^http:\/\//, ''),
  };
}

const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID';
const HOUR = 3600_000;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function cloneSeed(seed: Seed): Seed {
  return JSON.parse(JSON.stringify(seed)) as Seed;
}

function toRules(faults: Faults | undefined): Faults | undefined {
  if (!faults) return undefined;
  return { ...faults, rules: faults.rules?.map((r) => ({ ...r, path: typeof r.path === 'string' ? new RegExp(r.path) : r.path })) };
}

function pickLatency(l: Latency): number {
  if (l === undefined) return 0;
  if (typeof l === 'number') return l;
  return l.min + Math.random() * Math.max(0, l.max - l.min);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the local GitHub Packages stand-in on 127.0.0.1. */
export async function start(options: StartOptions = {}): Promise<LocalGitHub> {
  const seed = typeof options.seed === 'object' ? options.seed : SEEDS[options.seed ?? 'small'];
  const state = new ServerState(cloneSeed(seed));
  const registry = new ContainerRegistry();
  let faults = toRules(options.faults);
  let latency: Latency = options.latency;
  let secondary = options.secondaryRateLimit;
  const requestLog: RequestLogEntry[] = [];
  const buckets = new Map<string, { used: number; reset: number }>();
  const lastWrite = new Map<string, number>();
  let inFlight = 0;
  let secondaryHits = 0;
  let api = '';

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startAt = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const entry: RequestLogEntry = { method, path: url, status: 0, start: startAt, end: 0 };
    const control = url.startsWith('/_local/');
    if (!control) requestLog.push(entry);
    inFlight++;
    try {
      const body = await readBody(req);
      if (control) return send(res, entry, controlRoute(method, url, body), false);
      if (method === 'GET' && /text\/html/.test(req.headers.accept ?? '')) return send(res, entry, webPage(url), false);
      const rule = matchRule(method, url);
      if (rule?.drop || (faults?.dropRate && Math.random() < faults.dropRate)) {
        entry.end = Date.now();
        req.socket.destroy();
        return;
      }
      const wait = pickLatency(latency);
      if (rule) {
        if (wait) await sleep(wait);
        return send(res, entry, apiError(rule.status ?? 500, rule.status && rule.status < 500 ? 'Injected fault' : 'Server Error'), true);
      }
      if (faults?.errorRate && Math.random() < faults.errorRate) {
        if (wait) await sleep(wait);
        return send(res, entry, apiError(Math.random() < 0.5 ? 500 : 502, 'Server Error'), true);
      }
      const ctx = makeContext(req, method, url, body);
      const limited = secondaryLimit(ctx);
      if (wait) await sleep(wait);
      send(res, entry, limited ?? route(ctx), true, ctx);
    } catch (err) {
      send(res, entry, apiError(500, `Local server error: ${(err as Error).message}`), false);
    } finally {
      inFlight--;
    }
  }

  function makeContext(req: IncomingMessage, method: string, url: string, body: Buffer): Ctx {
    const q = url.indexOf('?');
    const auth = resolveToken(state, req);
    return {
      req,
      method,
      rawPath: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
      body,
      api,
      state,
      requestId: `${randomBytes(2).toString('hex').toUpperCase()}:${randomBytes(3).toString('hex').toUpperCase()}:${randomBytes(4).toString('hex').toUpperCase()}:${randomBytes(4).toString('hex').toUpperCase()}:${Math.floor(
        Date.now() / 1000,
      )
        .toString(16)
        .toUpperCase()}`,
      token: auth.token,
      badCredentials: auth.bad,
      authSent: auth.sent,
    };
  }

  function matchRule(method: string, url: string): FaultRule | undefined {
    for (const rule of faults?.rules ?? []) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      const re = rule.path as RegExp;
      re.lastIndex = 0;
      if (!re.test(url)) continue;
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times--;
      }
      return rule;
    }
    return undefined;
  }

  /** GitHub's secondary limits: concurrency and pacing of writes; answers alternate 403 and 429. */
  function secondaryLimit(ctx: Ctx): Reply | undefined {
    if (!secondary) return undefined;
    const key = ctx.token?.token ?? 'anonymous';
    let retryAfter = 0;
    if (secondary.maxConcurrent !== undefined && inFlight > secondary.maxConcurrent) retryAfter = 1;
    if (!retryAfter && secondary.minWriteIntervalMs !== undefined && WRITE_METHODS.has(ctx.method)) {
      const now = Date.now();
      const last = lastWrite.get(key);
      if (last !== undefined && now - last < secondary.minWriteIntervalMs)
        retryAfter = Math.max(1, Math.ceil((secondary.minWriteIntervalMs - (now - last)) / 1000));
      else lastWrite.set(key, now);
    }
    if (!retryAfter) return undefined;
    const status = secondaryHits++ % 2 === 0 ? 403 : 429;
    return apiError(
      status,
      `${SECONDARY_MESSAGE} ${ctx.requestId}.`,
      'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      { 'retry-after': retryAfter },
    );
  }

  function route(ctx: Ctx): Reply {
    if (ctx.rawPath.startsWith(NPM_PREFIX)) return handleNpm(ctx);
    if (ctx.rawPath.startsWith(MAVEN_PREFIX)) return handleMaven(ctx);
    if (ctx.rawPath.startsWith(NUGET_PREFIX)) return handleNuget(ctx);
    if (ctx.rawPath.startsWith(RUBYGEMS_PREFIX)) return handleRubygems(ctx);
    if (ctx.rawPath === '/token' || ctx.rawPath === '/v2' || ctx.rawPath.startsWith('/v2/'))
      return registry.handle(ctx, api.replace(/^http:\/\//, ''));
    if (ctx.badCredentials) return apiError(401, 'Bad credentials', 'https://docs.github.com/rest');
    const limited = primaryLimit(ctx);
    if (limited) return limited;
    if (ctx.rawPath === '/graphql') return handleGraphql(ctx);
    return handleRest(ctx);
  }

  function primaryLimit(ctx: Ctx): Reply | undefined {
    const resource = ctx.rawPath === '/graphql' ? 'graphql' : 'core';
    const key = `${resource}:${ctx.token?.token ?? 'anonymous'}`;
    const now = Date.now();
    let bucket = buckets.get(key);
    if (!bucket || bucket.reset * 1000 <= now) {
      bucket = { used: 0, reset: Math.ceil((now + HOUR) / 1000) };
      buckets.set(key, bucket);
    }
    const limit = ctx.token ? state.rateLimit : 60;
    const headers = (used: number) => ({
      'x-ratelimit-limit': limit,
      'x-ratelimit-remaining': Math.max(0, limit - used),
      'x-ratelimit-used': used,
      'x-ratelimit-reset': bucket!.reset,
      'x-ratelimit-resource': resource,
    });
    if (bucket.used >= limit) {
      const user = ctx.token ? state.account(ctx.token.user) : undefined;
      ctx.rateHeaders = headers(bucket.used);
      return apiError(
        403,
        user ? `API rate limit exceeded for user ID ${user.id}.` : 'API rate limit exceeded for 127.0.0.1.',
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      );
    }
    bucket.used++;
    ctx.rateHeaders = headers(bucket.used);
    return undefined;
  }

  function controlRoute(method: string, url: string, body: Buffer): Reply {
    const value = parseJson(body);
    if (method === 'POST' && url === '/_local/faults') {
      faults = toRules(value && typeof value === 'object' ? (value as Faults) : undefined);
      return json(200, { ok: true });
    }
    if (method === 'POST' && url === '/_local/latency') {
      const l = value && typeof value === 'object' && 'latency' in value ? (value as { latency: Latency }).latency : (value as Latency);
      latency = l ?? undefined;
      return json(200, { ok: true });
    }
    if (method === 'POST' && url === '/_local/secondary-rate-limit') {
      secondary = value && typeof value === 'object' ? (value as StartOptions['secondaryRateLimit']) : undefined;
      return json(200, { ok: true });
    }
    if (method === 'POST' && url === '/_local/reset') {
      state.load(cloneSeed(seed));
      registry.clear();
      buckets.clear();
      lastWrite.clear();
      return json(200, { ok: true });
    }
    if (method === 'GET' && url === '/_local/info') return json(200, handleInfo());
    return json(404, { message: 'Not Found' });
  }

  function handleInfo() {
    return { url: api, graphqlUrl: `${api}/graphql`, registries: registriesOf(api), tokens: state.tokenNames() };
  }

  function send(res: ServerResponse, entry: RequestLogEntry, reply: Reply, github: boolean, ctx?: Ctx): void {
    const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
    if (github) {
      headers['x-github-request-id'] = ctx?.requestId ?? randomBytes(8).toString('hex').toUpperCase();
      headers['x-github-media-type'] = 'github.v3; format=json';
      if (ctx?.token) {
        headers['x-oauth-scopes'] = ctx.token.scopes.join(', ');
        if (!('x-accepted-oauth-scopes' in headers)) headers['x-accepted-oauth-scopes'] = acceptedScopes(ctx);
      }
      Object.assign(headers, ctx?.rateHeaders ?? {});
    }
    const body =
      reply.body === undefined || reply.body === null
        ? undefined
        : Buffer.isBuffer(reply.body)
          ? reply.body
          : Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    if (body && !('content-length' in headers)) headers['content-length'] = body.length;
    entry.status = reply.status;
    res.writeHead(reply.status, headers);
    const slow = github ? faults?.slowBodyMs : undefined;
    if (!body || !slow || entry.method === 'HEAD') {
      res.end(entry.method === 'HEAD' ? undefined : body);
      entry.end = Date.now();
      return;
    }
    const pieces = 10;
    const size = Math.ceil(body.length / pieces);
    let i = 0;
    const tick = () => {
      if (res.destroyed) return;
      const chunk = body.subarray(i * size, (i + 1) * size);
      i++;
      if (i >= pieces || i * size >= body.length) {
        res.end(chunk);
        entry.end = Date.now();
        return;
      }
      res.write(chunk);
      setTimeout(tick, slow / pieces);
    };
    tick();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: api,
    graphqlUrl: `${api}/graphql`,
    registries: registriesOf(api),
    get tokens() {
      return state.tokenNames();
    },
    state,
    setFaults(f) {
      faults = toRules(f);
    },
    setLatency(l) {
      latency = l;
    },
    setSecondaryRateLimit(s) {
      secondary = s;
      lastWrite.clear();
    },
    requestLog,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function acceptedScopes(ctx: Ctx): string {
  if (!/\/packages|\/docker\/conflicts/.test(ctx.rawPath)) return '';
  if (ctx.method === 'DELETE') return 'delete:packages, read:packages';
  if (ctx.method === 'POST') return 'read:packages, write:packages';
  return 'read:packages';
}

/** A browser opening one of the stand-in's web URLs ("Open on GitHub" in the demo) gets a page saying where it is. */
function webPage(url: string): Reply {
  const path = decodeURIComponent(url.split('?')[0]).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${path} · local GitHub stand-in</title></head>
<body><h1>${path}</h1><p>This is the local GitHub Packages stand-in, not github.com. On GitHub this address is the page of what you opened.</p></body></html>`;
  return { status: 200, body, headers: { 'content-type': 'text/html; charset=utf-8' } };
}
