/**
 * The fetch every GitHub call goes through: redirects followed by hand so that `Authorization` never crosses to
 * another origin (whatever fetch the host provides), no downgrade from https, and answers read with a size cap.
 */
import { GitHubError } from './errors';

export interface SafeFetchOptions {
  /** Largest body read into memory; a bigger answer fails with `badResponse` (default 32 MiB). */
  maxBodyBytes?: number;
  /** Most redirects followed (default 5). */
  maxRedirects?: number;
}

const DEFAULT_MAX_BODY = 32 * 1024 * 1024;

/** Loopback hosts, where plain http is allowed (the local stand-in); everything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  // Stryker disable next-line Regex: a host name holds brackets only around a whole IPv6 address
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** https anywhere, http only on loopback. */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * Wraps a fetch: follows up to `maxRedirects` redirects itself (`redirect: 'manual'`), dropping `Authorization` when
 * the origin changes and refusing a redirect to plain http off loopback.
 */
export function withSafeRedirects(inner: typeof fetch, options: SafeFetchOptions = {}): typeof fetch {
  const maxRedirects = options.maxRedirects ?? 5;
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    let headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    let method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    let body = init?.body;
    for (let hop = 0; ; hop++) {
      const response = await inner(url, { ...init, method, headers, body, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || response.status === 304 || !location) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects) throw badResponse(`more than ${maxRedirects} redirects from ${url.origin}`);
      const next = new URL(location, url);
      if (!isSecureOrLoopback(next)) throw badResponse(`a redirect from ${url.origin} to insecure ${next.origin}`);
      if (next.origin !== url.origin) {
        headers = new Headers(headers);
        headers.delete('authorization');
        headers.delete('cookie');
      }
      // 303, and 301/302 after POST, turn into GET without a body, as browsers and undici do.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      url = next;
    }
  };
}

/** Reads a body as bytes, failing with `badResponse` once it passes `maxBytes`, so a huge answer cannot fill memory. */
export async function readCapped(response: Response, maxBytes = DEFAULT_MAX_BODY, what = 'GitHub'): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes);
  }
  if (!response.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(what: string, maxBytes: number): GitHubError {
  return badResponse(`an answer from ${what} larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
}

function badResponse(problem: string): GitHubError {
  return new GitHubError({ kind: 'badResponse', problem });
}
