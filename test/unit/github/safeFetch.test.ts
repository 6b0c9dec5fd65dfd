import * as assert from 'node:assert/strict';
import { isGitHubError } from '../../../src/github/errors';
import { isLoopbackHost, isSecureOrLoopback, readCapped, withSafeRedirects } from '../../../src/github/safeFetch';
import { rejection } from './local';

interface Sent {
  url: string;
  method: string;
  body: unknown;
  headers: Headers;
}

/** A fetch that answers each request with the next of `answers` and records what was sent. */
function scripted(answers: Response[]) {
  const sent: Sent[] = [];
  const inner = (async (input: URL | RequestInfo, init?: RequestInit) => {
    sent.push({ url: String(input), method: init?.method ?? 'GET', body: init?.body, headers: new Headers(init?.headers) });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer;
  }) as typeof fetch;
  return { sent, fetch: withSafeRedirects(inner) };
}
const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });
const ok = () => new Response('done', { status: 200 });

/** A body of `size` bytes that says nothing about its length up front. */
function streamed(size: number, chunk = 1024): Response {
  let left = size;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(chunk, left);
      left -= n;
      controller.enqueue(new Uint8Array(n));
    },
  });
  return new Response(body);
}

describe('github/safeFetch: plain http only to this machine, redirects followed as browsers do', () => {
  it('counts localhost, ::1 and all of 127.0.0.0/8 as this machine, and nothing that only looks like it', () => {
    for (const host of ['localhost', 'LocalHost', '[::1]', '::1', '127.0.0.1', '127.10.200.33']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['127.0.0.1.example.com', 'a127.0.0.1', 'localhost.example.com', '::2', '10.0.0.1', 'github.com']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });

  it('allows https anywhere and http only on loopback; no other scheme', () => {
    assert.equal(isSecureOrLoopback(new URL('https://ghe.example.com/api/v3')), true);
    assert.equal(isSecureOrLoopback(new URL('http://127.0.0.1:4000/')), true);
    assert.equal(isSecureOrLoopback(new URL('http://ghe.example.com/')), false);
    assert.equal(isSecureOrLoopback(new URL('ftp://127.0.0.1/')), false);
    assert.equal(isSecureOrLoopback(new URL('ws://localhost/')), false);
  });

  it('turns a redirected POST (301, 302) and any 303 into a GET without the body, and keeps 307 and 308 as they are', async () => {
    for (const status of [301, 302]) {
      const { sent, fetch } = scripted([redirect(status, '/moved'), ok()]);
      await fetch('https://api.github.com/x', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
      assert.deepEqual(
        sent.map((s) => [s.url, s.method, s.body, s.headers.get('content-type')]),
        [
          ['https://api.github.com/x', 'POST', '{"a":1}', 'application/json'],
          ['https://api.github.com/moved', 'GET', undefined, null],
        ],
        `${status} after POST`,
      );
    }
    const seeOther = scripted([redirect(303, '/result'), ok()]);
    await seeOther.fetch('https://api.github.com/x', { method: 'PUT', body: 'data' });
    assert.deepEqual(
      seeOther.sent.map((s) => [s.method, s.body]),
      [
        ['PUT', 'data'],
        ['GET', undefined],
      ],
    );
    for (const status of [301, 302, 307, 308]) {
      const { sent, fetch } = scripted([redirect(status, '/moved'), ok()]);
      await fetch('https://api.github.com/x', { method: status >= 307 ? 'POST' : 'DELETE', body: 'keep' });
      assert.deepEqual(
        sent.map((s) => [s.method, s.body]),
        [
          [status >= 307 ? 'POST' : 'DELETE', 'keep'],
          [status >= 307 ? 'POST' : 'DELETE', 'keep'],
        ],
        `${status} keeps the method and body`,
      );
    }
  });

  it('follows a 300 with a Location, and returns a 304 or a 3xx without Location as the answer', async () => {
    const multiple = scripted([redirect(300, '/chosen'), ok()]);
    assert.equal((await multiple.fetch('https://api.github.com/x')).status, 200);
    assert.equal(multiple.sent.length, 2);
    const notModified = scripted([redirect(304, '/elsewhere')]);
    assert.equal((await notModified.fetch('https://api.github.com/x')).status, 304);
    assert.equal(notModified.sent.length, 1);
    for (const status of [401, 404, 500]) {
      const answer = scripted([redirect(status, 'https://elsewhere.example/')]);
      assert.equal((await answer.fetch('https://api.github.com/x')).status, status, `${status} is an answer, even with a Location`);
      assert.equal(answer.sent.length, 1);
    }
    const bare = scripted([new Response(null, { status: 302 })]);
    assert.equal((await bare.fetch('https://api.github.com/x')).status, 302);
  });
});

describe('github/safeFetch: answers are read up to a size cap', () => {
  it('refuses an answer whose declared length is over the cap without reading it, naming where it came from', async () => {
    const declared = new Response('small', { headers: { 'content-length': String(2 * 1024 * 1024) } });
    const error = await rejection(readCapped(declared, 1024 * 1024));
    assert.ok(isGitHubError(error) && error.kind === 'badResponse');
    assert.match(error.message, /an answer from GitHub larger than 1 MiB/);
    const bodiless = await rejection(readCapped(new Response(null, { headers: { 'content-length': '999999999' } }), 1024 * 1024));
    assert.ok(isGitHubError(bodiless) && bodiless.kind === 'badResponse', 'a declared size alone is refused too');
    const registry = await rejection(readCapped(streamed(3 * 1024 * 1024), 2 * 1024 * 1024, 'the container registry'));
    assert.match(String((registry as Error).message), /an answer from the container registry larger than 2 MiB/);
  });

  it('reads an answer of exactly the cap, declared or not, and an empty answer as no bytes', async () => {
    const exact = new Response(new Uint8Array(4096), { headers: { 'content-length': '4096' } });
    assert.equal((await readCapped(exact, 4096)).byteLength, 4096);
    assert.equal((await readCapped(streamed(4096, 1000), 4096)).byteLength, 4096);
    assert.equal((await readCapped(new Response(null, { status: 204 }))).byteLength, 0);
  });
});
