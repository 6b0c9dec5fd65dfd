import type { IncomingMessage } from 'node:http';
import type { ServerState, TokenRecord } from './state';

/** What a handler answers; the server adds the common headers, faults and logging. */
export interface Reply {
  status: number;
  headers?: Record<string, string | number>;
  body?: Buffer | string | object | null;
}

export interface Ctx {
  req: IncomingMessage;
  method: string;
  /** Path as sent (still percent-encoded), without the query. */
  rawPath: string;
  query: URLSearchParams;
  body: Buffer;
  /** REST base URL, e.g. http://127.0.0.1:PORT */
  api: string;
  state: ServerState;
  requestId: string;
  token?: TokenRecord;
  /** An Authorization header was sent but named no known token. */
  badCredentials: boolean;
  /** Whether any Authorization header was sent. */
  authSent: boolean;
  /** X-RateLimit-* headers computed for this request. */
  rateHeaders?: Record<string, string | number>;
}

export const DOCS = 'https://docs.github.com/rest';

export function json(status: number, body: unknown, headers: Record<string, string | number> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
  };
}

export function apiError(status: number, message: string, documentationUrl = DOCS, headers: Record<string, string | number> = {}): Reply {
  return json(status, { message, documentation_url: documentationUrl, status: String(status) }, headers);
}

export function bearer(req: IncomingMessage): { scheme: string; value: string } | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^(\w+)\s+(.+)$/.exec(h.trim());
  return m ? { scheme: m[1].toLowerCase(), value: m[2].trim() } : { scheme: '', value: h.trim() };
}

/** REST and the npm registry take `token X` or `Bearer X`; the container registry uses Basic for /token. */
export function resolveToken(state: ServerState, req: IncomingMessage): { token?: TokenRecord; bad: boolean; sent: boolean } {
  const auth = bearer(req);
  if (!auth) return { bad: false, sent: false };
  let value = auth.value;
  if (auth.scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    value = decoded.slice(decoded.indexOf(':') + 1);
  }
  const token = state.tokens.get(value);
  return { token, bad: !token, sent: true };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseJson(body: Buffer): unknown {
  if (!body.length) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Scope check with GitHub's implications (write:packages includes read:packages, admin:org includes read:org...). */
export function hasScope(token: TokenRecord, scope: string): boolean {
  const implied: Record<string, string[]> = {
    'read:packages': ['write:packages'],
    'read:org': ['write:org', 'admin:org'],
    'write:org': ['admin:org'],
    'read:user': ['user'],
  };
  return token.scopes.includes(scope) || (implied[scope] ?? []).some((s) => token.scopes.includes(s));
}
