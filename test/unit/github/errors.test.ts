import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalGitHub } from '../../github-local';
import { GitHubError, isGitHubError, refusalReason, type GitHubErrorKind } from '../../../src/github/errors';
import { rejection, startLocal, testClient } from './local';
import { extensionManifest } from '../extensionManifest';

const mona = { login: 'mona', kind: 'viewer' as const };
const octoOrg = { login: 'octo-org', kind: 'org' as const };

function expectKind(error: unknown, kind: GitHubErrorKind): GitHubError {
  assert.ok(isGitHubError(error), `expected a GitHubError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  return error;
}

describe('github/errors (pure)', () => {
  it("classifies GitHub's refusals", () => {
    assert.equal(refusalReason('You cannot delete the last version of a package. You must delete the package instead.'), 'lastVersion');
    assert.equal(
      refusalReason('You cannot delete the last tagged version of a package. You must delete the package instead.'),
      'lastTaggedVersion',
    );
    assert.equal(
      refusalReason(
        'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.',
      ),
      'downloads',
    );
  });

  it('says what to do in every message', () => {
    const messages = [
      new GitHubError({ kind: 'notSignedIn', tokenRejected: false }),
      new GitHubError({ kind: 'scopeMissing', scope: 'delete:packages', granted: ['read:packages'] }),
      new GitHubError({ kind: 'saml', authorizeUrl: 'https://github.com/orgs/o/sso' }),
      new GitHubError({ kind: 'rateLimited', until: new Date(), secondary: false }),
      new GitHubError({ kind: 'network', cause: 'timeout' }),
    ].map((error) => error.message);
    assert.match(messages[0], /Sign In/);
    assert.match(messages[1], /grant "delete:packages"/);
    assert.match(messages[2], /Authorize it at https:\/\/github.com\/orgs\/o\/sso/);
    assert.match(messages[3], /Try again after/);
    assert.match(messages[4], /did not answer in time/);
  });
});

describe('github/errors against the local server', () => {
  let server: LocalGitHub;
  before(async () => (server = await startLocal()));
  after(async () => server.stop());
  afterEach(() => {
    server.setFaults(undefined);
    server.setSecondaryRateLimit(undefined);
    server.state.rateLimit = 5000;
  });

  it('notSignedIn: no token, and a token GitHub rejects', async () => {
    expectKind(await rejection(testClient(server, undefined).api.getViewer()), 'notSignedIn');
    const { api } = testClient(server, undefined, { token: async () => 'gplocal_not_a_real_token' });
    const error = expectKind(await rejection(api.getViewer()), 'notSignedIn');
    assert.deepEqual(error.detail, { kind: 'notSignedIn', tokenRejected: true });
  });

  it('scopeMissing: names the scope the call needs from X-OAuth-Scopes', async () => {
    const { api } = testClient(server, 'monaRead');
    const error = expectKind(await rejection(api.deleteVersion({ owner: mona, type: 'npm', name: 'hello' }, 1)), 'scopeMissing');
    assert.equal(error.detail.kind === 'scopeMissing' && error.detail.scope, 'delete:packages');
    const listing = expectKind(await rejection(testClient(server, 'monaNoScopes').api.listPackagesPage(mona, 'npm')), 'scopeMissing');
    assert.equal(listing.detail.kind === 'scopeMissing' && listing.detail.scope, 'read:packages');
  });

  it('notFound: missing or hidden', async () => {
    const { api } = testClient(server, 'mona');
    expectKind(await rejection(api.getPackage({ owner: mona, type: 'npm', name: 'does-not-exist' })), 'notFound');
    const hubotSecret = { owner: { login: 'hubot', kind: 'user' as const }, type: 'npm' as const, name: 'secret' };
    expectKind(await rejection(api.getPackage(hubotSecret)), 'notFound');
  });

  it('saml: carries the authorization URL from X-GitHub-SSO', async () => {
    server.state.addToken('monaNoSso', 'gplocal_mona_nosso', 'mona', ['read:packages', 'read:org']);
    const { api } = testClient(server, 'monaNoSso');
    const error = expectKind(await rejection(api.listPackagesPage({ login: 'saml-org', kind: 'org' }, 'npm')), 'saml');
    assert.match(
      error.detail.kind === 'saml' ? (error.detail.authorizeUrl ?? '') : '',
      /^https:\/\/github\.com\/orgs\/saml-org\/sso\?authorization_request=/,
    );
    assert.match(error.message, /Authorize it at https:\/\/github\.com\/orgs\/saml-org\/sso/);
  });

  it('rateLimited: primary limit reports when it resets', async () => {
    server.state.rateLimit = 0;
    const error = expectKind(await rejection(testClient(server, 'mona').api.getViewer()), 'rateLimited');
    assert.ok(error.detail.kind === 'rateLimited' && error.detail.until.getTime() > Date.now());
  });

  it('rateLimited: secondary limits are retried a bounded number of times, then reported', async () => {
    server.setFaults({ rules: [{ path: '^/user$', status: 429, times: 2 }] });
    // A bare 429 (no "secondary rate" text) is not retried by the plugins; it is reported.
    expectKind(await rejection(testClient(server, 'mona').api.getViewer()), 'rateLimited');
    server.setFaults(undefined);

    server.setSecondaryRateLimit({ minWriteIntervalMs: 60_000 });
    const { api } = testClient(server, 'mona', { throttle: { retries: 2 } });
    const ref = { owner: octoOrg, type: 'npm' as const, name: 'paged' };
    const versions = await api.listVersionsPage(ref, { perPage: 3 });
    await api.deleteVersion(ref, versions.items[0].id);
    const before = server.requestLog.length;
    const error = expectKind(await rejection(api.deleteVersion(ref, versions.items[1].id)), 'rateLimited');
    assert.ok(error.detail.kind === 'rateLimited' && error.detail.secondary);
    assert.equal(server.requestLog.length - before, 3, 'one try and two retries');
  });

  it('rateLimited: a secondary limit that clears is retried transparently', async () => {
    server.setSecondaryRateLimit({ minWriteIntervalMs: 30 });
    const { api } = testClient(server, 'mona', { throttle: { retryAfterBaseMs: 15 } });
    const ref = { owner: octoOrg, type: 'npm' as const, name: 'paged' };
    const versions = await api.listVersionsPage(ref, { perPage: 5 });
    await api.deleteVersion(ref, versions.items[0].id);
    // retry-after is at least 1 s, here 15 ms: the second or third try lands after the 30 ms interval.
    await api.deleteVersion(ref, versions.items[1].id);
  });

  it('refused: carries GitHub’s own message (last version, 5000 downloads)', async () => {
    const { api } = testClient(server, 'mona');
    const solo = { owner: mona, type: 'rubygems' as const, name: 'solo-gem' };
    const [only] = (await api.listVersionsPage(solo)).items;
    const last = expectKind(await rejection(api.deleteVersion(solo, only.id)), 'refused');
    assert.ok(last.detail.kind === 'refused' && last.detail.reason === 'lastVersion');
    assert.match(last.message, /last version.*Delete the whole package instead/s);

    const popular = { owner: octoOrg, type: 'npm' as const, name: 'popular' };
    const versions = (await api.listVersionsPage(popular)).items;
    const downloaded = versions.find((version) => version.name === '1.0.0')!;
    const refused = expectKind(await rejection(api.deleteVersion(popular, downloaded.id)), 'refused');
    assert.ok(refused.detail.kind === 'refused' && refused.detail.reason === 'downloads');
    expectKind(await rejection(api.deletePackage(popular)), 'refused');
  });

  it('network: unreachable, dropped and timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = testClient(server, 'mona', { apiUrl: `http://127.0.0.1:${port}`, throttle: { retries: 1 } });
    const error = expectKind(await rejection(unreachable.api.getViewer()), 'network');
    assert.equal(error.detail.kind === 'network' && error.detail.cause, 'unreachable');

    server.setFaults({ rules: [{ path: '^/user$', drop: true }] });
    const dropped = expectKind(await rejection(testClient(server, 'mona', { throttle: { retries: 1 } }).api.getViewer()), 'network');
    assert.equal(dropped.detail.kind === 'network' && dropped.detail.cause, 'dropped');

    server.setFaults({ slowBodyMs: 400 });
    const timedOut = expectKind(
      await rejection(testClient(server, 'mona', { timeoutMs: 50, throttle: { retries: 1 } }).api.getViewer()),
      'network',
    );
    assert.equal(timedOut.detail.kind === 'network' && timedOut.detail.cause, 'timeout');
  });

  it('server: 5xx is retried with backoff, then reported', async () => {
    server.setFaults({ rules: [{ path: '^/user$', status: 502, times: 2 }] });
    const viewer = await testClient(server, 'mona').api.getViewer();
    assert.equal(viewer.login, 'mona');

    server.setFaults({ rules: [{ path: '^/user$', status: 503 }] });
    const before = server.requestLog.length;
    const error = expectKind(await rejection(testClient(server, 'mona', { throttle: { retries: 2 } }).api.getViewer()), 'server');
    assert.ok(error.detail.kind === 'server' && error.detail.status === 503);
    assert.equal(server.requestLog.length - before, 3);
  });

  it('cancelled: an aborted call stops at once, also while waiting to retry', async () => {
    const { api } = testClient(server, 'mona');
    const aborted = new AbortController();
    aborted.abort();
    expectKind(await rejection(api.getViewer({ signal: aborted.signal })), 'cancelled');

    server.setFaults({ rules: [{ path: '^/user$', status: 500 }] });
    const slowRetries = testClient(server, 'mona', { throttle: { retryAfterBaseMs: 10_000 } });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    expectKind(await rejection(slowRetries.api.getViewer({ signal: controller.signal })), 'cancelled');
    assert.ok(Date.now() - started < 1000, 'did not wait for the backoff');

    const clientWide = new AbortController();
    const whole = testClient(server, 'mona', { signal: clientWide.signal });
    clientWide.abort();
    expectKind(await rejection(whole.api.getViewer()), 'cancelled');
  });

  it('never lets the token into a message, an error or a log line', async () => {
    const token = server.tokens.mona;
    const readToken = server.tokens.monaRead;
    const everything: string[] = [];
    const collect = (value: unknown) => {
      everything.push(String(value));
      if (value instanceof Error) everything.push(value.stack ?? '', JSON.stringify(value), JSON.stringify(Object.entries(value)));
    };
    const full = testClient(server, 'mona', { throttle: { retries: 1 } });
    const read = testClient(server, 'monaRead', { throttle: { retries: 1 } });
    const ref = { owner: mona, type: 'npm' as const, name: 'hello' };
    const attempts: Promise<unknown>[] = [
      read.api.deleteVersion(ref, 1),
      full.api.getPackage({ owner: mona, type: 'npm', name: `x-${token}` }),
      full.api.restorePackage({ owner: mona, type: 'npm', name: 'gone' }, { token }),
      full.api.getAccount(token),
    ].map((attempt) => attempt.catch((error: unknown) => error));
    for (const attempt of attempts) collect(await attempt);
    server.setFaults({ rules: [{ path: '.', status: 500 }] });
    collect(await rejection(full.api.getViewer()));
    server.setFaults({ rules: [{ path: '.', drop: true }] });
    collect(await rejection(full.api.listPackagesPage(mona, 'npm')));
    server.setFaults(undefined);
    server.state.rateLimit = 0;
    collect(await rejection(full.api.getViewer()));
    everything.push(...full.logs, ...read.logs);
    assert.ok(full.logs.length > 0, 'the client logged its requests');
    for (const text of everything) {
      assert.ok(!text.includes(token), `token leaked: ${text.slice(0, 300)}`);
      assert.ok(!text.includes(readToken), `token leaked: ${text.slice(0, 300)}`);
    }
  });
});

describe('github/errors: sign-in advice', () => {
  const manifest = extensionManifest<{
    contributes: { commands: { title: string; category?: string }[] };
  }>();
  const paletteNames = new Set(manifest.contributes.commands.map((command) => `${command.category}: ${command.title}`));

  for (const tokenRejected of [true, false]) {
    it(`names only commands that exist when ${tokenRejected ? 'the token is rejected' : 'nobody is signed in'}`, () => {
      const message = new GitHubError({ kind: 'notSignedIn', tokenRejected }).message;
      const named = [...message.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
      assert.ok(named.length >= 2, message);
      for (const name of named) assert.ok(paletteNames.has(name), `"${name}" is not a command: ${message}`);
      if (tokenRejected) assert.match(message, /mistyped, expired or revoked/);
    });
  }
});
