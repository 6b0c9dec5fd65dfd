import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContainerRegistryClient } from '../../../src/github/containerRegistry';
import { isGitHubError } from '../../../src/github/errors';
import { withSafeRedirects } from '../../../src/github/safeFetch';
import { rejection, testClient } from './local';

const TOKEN = 'gp_test_token_0123456789abcdef';

/** A loopback server that records every request's headers and answers with `reply`. */
async function recorder(reply: (url: string, headers: IncomingHttpHeaders, res: import('node:http').ServerResponse) => void) {
  const seen: { url: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    reply(req.url ?? '', req.headers, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** True when any recorded header carries the token, plainly or base64-encoded (Basic auth). */
function carriesToken(seen: { authorization?: string }[]): boolean {
  const b64 = Buffer.from(`x:${TOKEN}`).toString('base64').slice(4, 24);
  return seen.some(
    (entry) =>
      entry.authorization !== undefined &&
      (entry.authorization.includes(TOKEN) || entry.authorization.includes(b64) || /Basic/.test(entry.authorization)),
  );
}

describe('tokens go only where the user sent them', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('drops Authorization when a redirect leaves the origin, and keeps it on the same origin', async () => {
    const evil = await recorder((_url, _headers, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"login":"evil"}'),
    );
    closers.push(evil.close);
    const github = await recorder((url, _headers, res) => {
      if (url === '/user') res.writeHead(302, { location: '/same-origin' }).end();
      else if (url === '/same-origin') res.writeHead(307, { location: `${evil.origin}/user` }).end();
      else res.writeHead(404).end();
    });
    closers.push(github.close);
    const client = testClient({ url: github.origin } as never, undefined, { token: async () => TOKEN });
    const viewer = await client.api.getViewer();
    assert.equal(viewer.login, 'evil', 'the redirect was followed');
    assert.equal(github.seen.length, 2);
    assert.ok(
      github.seen.every((entry) => entry.authorization === `token ${TOKEN}`),
      'the same origin still gets the token',
    );
    assert.equal(evil.seen.length, 1);
    assert.equal(evil.seen[0].authorization, undefined, 'the other origin never sees the token');
  });

  it('refuses a redirect from https to plain http off loopback, and a redirect loop, without following them', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      const url = new URL(String(input));
      if (url.hostname === 'api.example.com' && url.pathname === '/down')
        return new Response(null, { status: 301, headers: { location: 'http://evil.example.com/' } });
      return new Response(null, { status: 302, headers: { location: '/loop' } });
    };
    const safe = withSafeRedirects(fake, { maxRedirects: 3 });
    const downgrade = await rejection(safe('https://api.example.com/down', { headers: { authorization: `token ${TOKEN}` } }));
    assert.ok(isGitHubError(downgrade) && downgrade.kind === 'badResponse');
    assert.match(downgrade.message, /insecure http:\/\/evil\.example\.com/);
    assert.deepEqual(calls, ['https://api.example.com/down']);
    calls.length = 0;
    const loop = await rejection(safe('https://api.example.com/loop'));
    assert.ok(isGitHubError(loop) && /more than 3 redirects/.test(loop.message));
    assert.equal(calls.length, 4);
  });

  it('sends the token to a registry token realm only on the registry host or GitHub’s own token hosts', async () => {
    const evil = await recorder((_url, _headers, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"registry-token-123"}'),
    );
    closers.push(evil.close);
    const registry = await recorder((_url, headers, res) => {
      if (!headers.authorization) res.writeHead(401, { 'www-authenticate': `Bearer realm="${evil.origin}/token",service="ghcr.io"` }).end();
      else res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end('{"schemaVersion":2}');
    });
    closers.push(registry.close);
    const client = new ContainerRegistryClient({ registry: registry.origin, token: async () => TOKEN, username: () => 'mona' });
    const refused = await rejection(client.getManifest('mona', 'app', 'latest'));
    assert.ok(isGitHubError(refused) && refused.kind === 'untrustedHost', String(refused));
    assert.match(refused.message, new RegExp(`refused to send your token to ${evil.origin.replace('http://', '')}`));
    assert.equal(evil.seen.length, 0, 'the foreign realm received nothing at all');
    assert.ok(!carriesToken(registry.seen));

    const allowed = new ContainerRegistryClient({
      registry: registry.origin,
      token: async () => TOKEN,
      username: () => 'mona',
      tokenHosts: [evil.origin.replace('http://', '')],
    });
    const manifest = await allowed.getManifest('mona', 'app', 'latest');
    assert.equal(manifest.manifests.length, 0);
    assert.equal(evil.seen.length, 1, 'a token host the caller vouched for is asked');
    assert.match(evil.seen[0].authorization ?? '', /^Basic /);
  });

  it('never sends the token to a realm over plain http off loopback', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const fake: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ url: String(input), authorization: headers.get('authorization') });
      return new Response('{}', { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://ghcr.io/token",service="ghcr.io"' } });
    };
    const client = new ContainerRegistryClient({ registry: 'ghcr.io', token: async () => TOKEN, fetch: fake });
    const refused = await rejection(client.getManifest('mona', 'app', 'latest'));
    assert.ok(isGitHubError(refused) && refused.kind === 'untrustedHost');
    assert.match(refused.message, /not https/);
    assert.ok(
      seen.every((entry) => entry.authorization === null),
      'no request carried credentials',
    );
  });
});

describe('bad data from GitHub ends as a clear error', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  const mona = { login: 'mona', kind: 'viewer' as const };

  async function answering(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    const server = await recorder((_url, _headers, res) => res.writeHead(200, headers).end(body));
    closers.push(server.close);
    return testClient({ url: server.origin } as never, undefined, { token: async () => TOKEN, throttle: { retries: 0 } }).api;
  }

  const cases: [string, string | Buffer, RegExp][] = [
    ['malformed JSON', '[{"id": 1, "name": ', /not JSON/],
    ['a package whose name is null', JSON.stringify([{ id: 1, name: null, package_type: 'npm' }]), /a package without a name/],
    ['an object where a list belongs', JSON.stringify({ id: 1 }), /not a list/],
  ];
  for (const [what, body, expected] of cases) {
    it(`says what was wrong when GitHub sends ${what}`, async () => {
      const api = await answering(body);
      const error = await rejection(api.listPackagesPage(mona, 'npm'));
      assert.ok(isGitHubError(error) && error.kind === 'badResponse', String(error));
      assert.match(error.message, expected);
      assert.match(error.message, /Could not list npm packages of mona/);
    });
  }

  it('says a token the container registry denies at its token endpoint may be expired, fine-grained or short of scopes', async () => {
    // ghcr.io's answer to an expired or fine-grained token: 403 DENIED from /token, no challenge, no more detail.
    const registry = await recorder((url, _headers, res) => {
      if (url.startsWith('/token'))
        res
          .writeHead(403, { 'content-type': 'application/json' })
          .end('{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}');
      else res.writeHead(401, { 'www-authenticate': 'Bearer realm="/token",service="ghcr.io"' }).end();
    });
    closers.push(registry.close);
    const client = new ContainerRegistryClient({ registry: registry.origin, token: async () => TOKEN, username: () => 'mona' });
    const denied = await rejection(client.getManifest('mona', 'app', 'latest'));
    assert.ok(isGitHubError(denied) && denied.kind === 'refused', String(denied));
    assert.match(denied.message, /requested access to the resource is denied/);
    assert.match(denied.message, /may have expired or been revoked, be a fine-grained token .* or lack read:packages\. Sign in again/);
    assert.ok(!denied.message.includes(TOKEN));
    assert.equal(registry.seen.filter((entry) => entry.url.startsWith('/token')).length, 1, 'a refusal is not retried');
  });

  it('refuses version tags that are a string instead of a list', async () => {
    const api = await answering(
      JSON.stringify([{ id: 7, name: 'sha256:abc', metadata: { package_type: 'container', container: { tags: 'latest' } } }]),
    );
    const error = await rejection(api.listVersionsPage({ owner: mona, type: 'container', name: 'app' }));
    assert.ok(isGitHubError(error) && error.kind === 'badResponse');
    assert.match(error.message, /tags are not a list/);
  });

  it('stops reading an answer larger than the cap instead of filling memory', async () => {
    const huge = Buffer.alloc(40 * 1024 * 1024, 0x20);
    const api = await answering(huge);
    const before = process.memoryUsage().arrayBuffers;
    const error = await rejection(api.listPackagesPage(mona, 'npm'));
    assert.ok(isGitHubError(error) && error.kind === 'badResponse', String(error));
    assert.match(error.message, /larger than 32 MiB/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 200 * 1024 * 1024);
  });
});
