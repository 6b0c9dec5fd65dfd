import assert from 'node:assert/strict';
import { validateResponse } from './openapi-validator';

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A REST call to the local server; every answer is checked against GitHub's OpenAPI schema. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; validate?: boolean } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (opts.validate !== false && path !== '/graphql') {
    const { problems } = validateResponse(method, path, res.status, body);
    assert.deepEqual(problems, [], `schema check of ${method} ${path} → ${res.status}`);
  }
  return { status: res.status, headers: res.headers, body, text };
}

export function assertError(r: CallResult, status: number, message?: string | RegExp): void {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
  const body = r.body as { message?: string; documentation_url?: string };
  assert.equal(typeof body.message, 'string');
  assert.equal(typeof body.documentation_url, 'string');
  if (typeof message === 'string') assert.equal(body.message, message);
  else if (message) assert.match(body.message!, message);
}
