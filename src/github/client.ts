/** The one Octokit factory: retry, throttling (GitHub's pacing), cancellation, token redaction, timeouts. */
import type { Octokit as CoreOctokit } from '@octokit/core' with { 'resolution-mode': 'import' };
import { setMaxListeners } from 'node:events';
import { GitHubError } from './errors';
import { redact, registerSecret } from './redact';
import { readCapped, withSafeRedirects } from './safeFetch';

type CoreModule = typeof import('@octokit/core', { with: { 'resolution-mode': 'import' } });
type RetryModule = typeof import('@octokit/plugin-retry', { with: { 'resolution-mode': 'import' } });
type ThrottlingModule = typeof import('@octokit/plugin-throttling', { with: { 'resolution-mode': 'import' } });

// The Octokit packages are ESM-only; Node >= 20.19 can require() them and esbuild bundles them for the extension.
// @octokit/core, not @octokit/rest: every call goes through `request`, so rest's endpoint table (82 KB) is dead weight.
const { Octokit } = require('@octokit/core') as CoreModule;
const { retry } = require('@octokit/plugin-retry') as RetryModule;
const { throttling } = require('@octokit/plugin-throttling') as ThrottlingModule;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ThrottleOptions {
  /** Most requests in flight at once for this client (GitHub allows 100; default 20). */
  maxConcurrent?: number;
  /** Pause between writes (POST/PATCH/PUT/DELETE, GraphQL); GitHub asks for at least 1000 ms. */
  writeIntervalMs?: number;
  /** Retries of secondary rate limits, 5xx answers and network failures (default 3). */
  retries?: number;
  /** Milliseconds per second of `retry-after`/backoff; tests pass 1 to make waits 1000× shorter. */
  retryAfterBaseMs?: number;
  /** Wait out a primary rate limit only when it resets within this many seconds (default 0: report it). */
  maxRateLimitWaitSeconds?: number;
  /** Longest `Retry-After` waited out for a secondary limit (default 120 s); beyond it the call fails with when to retry. */
  maxRetryAfterSeconds?: number;
}

export interface GitHubClientOptions {
  /** REST base URL, see `resolveApiUrl`. */
  apiUrl: string;
  /** Read on every request, so a new sign-in takes effect at once. `undefined` means signed out. */
  token: () => Promise<string | undefined>;
  /** e.g. `github-packages-vscode/0.1.0`. */
  userAgent: string;
  /** Cancels every request of this client (e.g. on sign-out or deactivate). */
  signal?: AbortSignal;
  log?: Logger;
  throttle?: ThrottleOptions;
  /** Give up on one attempt after this long (default 30 s); it is then retried like a dropped connection. */
  timeoutMs?: number;
  /** For tests: the fetch to use (default the global fetch). */
  fetch?: typeof fetch;
}

/** Paging is ours (`fetchAllPages`: the pages after the first at once), so Octokit's sequential paginate is not loaded. */
export type GitHubClient = CoreOctokit;

const RetryingOctokit = Octokit.plugin(retry, throttling);

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const throttle = options.throttle ?? {};
  const retries = throttle.retries ?? 3;
  const retryAfterBaseMs = throttle.retryAfterBaseMs ?? 1000;
  const log = redactingLogger(options.log ?? silentLogger);

  const octokit = new RetryingOctokit({
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    log,
    request: {
      fetch: pacedWrites(
        bufferedFetch(withSafeRedirects(options.fetch ?? globalThis.fetch), options.timeoutMs ?? 30_000),
        throttle.writeIntervalMs ?? 1000,
      ),
    },
    retry: { retries, retryAfterBaseValue: retryAfterBaseMs, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    throttle: {
      id: `github-packages-${nextClientId++}`,
      retryAfterBaseValue: retryAfterBaseMs,
      // Per-client gates instead of the plugin's process-wide Bottleneck groups (10 concurrent, shared by all clients).
      ...({
        global: keyedGroup(() => new ConcurrencyGate(throttle.maxConcurrent ?? 20, 0)),
        write: keyedGroup(() => new ConcurrencyGate(1, throttle.writeIntervalMs ?? 1000)),
        retryLimiter: new RetryLoop(),
      } as object),
      onRateLimit: (
        retryAfter: number,
        request: { method: string; url: string; request?: { retryCount?: number; signal?: AbortSignal } },
        _octokit: unknown,
        retryCount: number,
      ) => {
        log.warn(`Rate limit hit for ${request.method} ${request.url}; resets in ${retryAfter}s.`);
        return !request.request?.signal?.aborted && retryCount < 1 && retryAfter <= (throttle.maxRateLimitWaitSeconds ?? 0);
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { method: string; url: string; request?: { signal?: AbortSignal } },
        _octokit: unknown,
        retryCount: number,
      ) => {
        if (retryAfter > (throttle.maxRetryAfterSeconds ?? MAX_RETRY_AFTER_SECONDS)) {
          log.warn(`Secondary rate limit for ${request.method} ${request.url}; GitHub asks to wait ${retryAfter}s, too long to wait here.`);
          return false;
        }
        log.warn(`Secondary rate limit for ${request.method} ${request.url}; retry ${retryCount + 1}/${retries} after ${retryAfter}s.`);
        return !request.request?.signal?.aborted && retryCount < retries;
      },
    },
  });

  octokit.hook.before('request', async (requestOptions) => {
    const token = await options.token();
    if (!token)
      throw new GitHubError(
        { kind: 'notSignedIn', tokenRejected: false },
        { method: requestOptions.method, path: pathOf(requestOptions.url) },
      );
    registerSecret(token);
    requestOptions.headers.authorization = `token ${token}`;
    requestOptions.headers['x-github-api-version'] = '2022-11-28';
  });

  // Outermost: waits inside the plugins (retry backoff, write pacing) are not abortable, so race them here.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    // Every request gets its own signal, so the fetch below can count the attempts the plugins make for it.
    const signal = combineSignals(options.signal, requestOptions.request?.signal, new AbortController().signal)!;
    if (signal.aborted) throw abortError();
    const attempts = { count: 0 };
    attemptsOf.set(signal, attempts);
    requestOptions.request = { ...requestOptions.request, signal };
    const started = Date.now();
    try {
      const response = await raceAbort(Promise.resolve(request(requestOptions)), signal);
      log.debug(`${requestOptions.method} ${pathOf(requestOptions.url)} → ${response.status} in ${Date.now() - started} ms`);
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      log.debug(
        `${requestOptions.method} ${pathOf(requestOptions.url)} → ${status ?? (error as Error).name} in ${Date.now() - started} ms`,
      );
      // The answer may be to a repeat of a request GitHub already acted on (a DELETE answered 404, say).
      if (attempts.count > 1 && typeof error === 'object' && error !== null) (error as { retried?: boolean }).retried = true;
      throw error;
    }
  });

  return octokit as unknown as GitHubClient;
}

let nextClientId = 1;

/** About two minutes: a longer wait stops the run, and the message says when to try again. */
const MAX_RETRY_AFTER_SECONDS = 120;

/** Attempts made for one logical request (retries included), keyed by the signal its wrapper gave it. */
const attemptsOf = new WeakMap<AbortSignal, { count: number }>();

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function redactingLogger(inner: Logger): Logger {
  const clean = (message: unknown): string => redact(typeof message === 'string' ? message : String(message));
  return {
    debug: (m) => inner.debug(clean(m)),
    info: (m) => inner.info(clean(m)),
    warn: (m) => inner.warn(clean(m)),
    error: (m) => inner.error(clean(m)),
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://github.invalid').pathname;
  } catch {
    return url.split('?')[0];
  }
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = [...new Set(signals.filter((s): s is AbortSignal => s !== undefined))];
  if (present.length <= 1) return present[0];
  const combined = AbortSignal.any(present);
  setMaxListeners(0, combined);
  return combined;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * One write on the wire at a time, each sent a full interval after the previous one ENDED: plugin-throttling spaces
 * writes when they are queued, so a slow first connection could still put two within a second at GitHub.
 */
function pacedWrites(inner: typeof fetch, intervalMs: number): typeof fetch {
  let previous: Promise<unknown> = Promise.resolve();
  const pause = () => new Promise((resolve) => setTimeout(resolve, intervalMs));
  return (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (intervalMs <= 0 || method === 'GET' || method === 'HEAD') return inner(input, init);
    const sent = previous.then(() => inner(input, init));
    previous = sent.then(pause, pause);
    return sent;
  };
}

/**
 * Reads the whole body (up to a cap) before Octokit sees the response, so a connection dropped mid-body or a slow
 * body becomes a fetch failure (retried, then reported as a network error) instead of an empty `data`, and a huge
 * answer cannot fill the extension host's memory.
 */
function bufferedFetch(inner: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const callerSignal = init?.signal ?? undefined;
    if (callerSignal) {
      const attempts = attemptsOf.get(callerSignal);
      if (attempts) attempts.count++;
    }
    const signal = callerSignal ? AbortSignal.any([callerSignal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    try {
      const response = await inner(input, { ...init, signal });
      const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
      const body = nullBody ? null : await readCapped(response);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (callerSignal?.aborted) throw abortError();
      throw error;
    }
  };
}

type Job<R> = (...args: unknown[]) => R | Promise<R>;
type FailedHandler = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/**
 * Stands in for the Bottleneck instance plugin-throttling retries through: same `schedule`/`on('failed')`
 * contract, but no job queue, whose one-at-a-time submit lock added milliseconds per request under fan-out.
 */
class RetryLoop {
  private readonly failedHandlers: FailedHandler[] = [];

  on(event: string, handler: FailedHandler): void {
    if (event === 'failed') this.failedHandlers.push(handler);
  }

  async schedule<R>(fn: Job<R>, ...args: unknown[]): Promise<R> {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await fn(...args);
      } catch (error) {
        let delay: unknown;
        for (const handler of this.failedHandlers) delay = (await handler(error, { args, retryCount })) ?? delay;
        if (typeof delay !== 'number') throw error;
        await new Promise((resolve) => setTimeout(resolve, delay as number));
      }
    }
  }
}

/** Just enough of a Bottleneck.Group for plugin-throttling: per-client concurrency and spacing between jobs. */
function keyedGroup(create: () => ConcurrencyGate) {
  const gates = new Map<string, ConcurrencyGate>();
  return {
    key(id: string): ConcurrencyGate {
      let gate = gates.get(id);
      if (!gate) gates.set(id, (gate = create()));
      return gate;
    },
  };
}

class ConcurrencyGate {
  private running = 0;
  private lastStart = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxConcurrent: number,
    private readonly minIntervalMs: number,
  ) {}

  async schedule<R>(...args: unknown[]): Promise<R> {
    // Bottleneck's signature: schedule([jobOptions], fn, ...fnArgs)
    const [first, ...rest] = args;
    const [fn, ...fnArgs] = (typeof first === 'function' ? [first, ...rest] : rest) as [Job<R>, ...unknown[]];
    await this.acquire();
    try {
      return await fn(...fnArgs);
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    this.lastStart = Math.max(Date.now(), this.lastStart + this.minIntervalMs);
    if (this.minIntervalMs > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
