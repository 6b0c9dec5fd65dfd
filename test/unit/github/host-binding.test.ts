import * as assert from 'node:assert/strict';
import { LineBuffer } from '../../../src/commands/runProcess';
import { isGitHubError } from '../../../src/github/errors';
import { hostFromApiUrl, isGitHubWebUrl, registryTokenHosts, sessionBelongsTo } from '../../../src/github/hosts';
import { redact, registerSecret } from '../../../src/github/redact';
import { isWebviewMessage } from '../../../src/webview/protocol';
import { rejection, startLocal, testClient } from './local';

describe('each token source is bound to its host', () => {
  it('uses a github.com session only for api.github.com', () => {
    assert.equal(sessionBelongsTo('github', 'https://api.github.com', undefined), true);
    assert.equal(sessionBelongsTo('github', 'https://ghes.example.com/api/v3', undefined), false);
    assert.equal(sessionBelongsTo('github', 'https://evil.example.com', undefined), false);
  });

  it('uses a GitHub Enterprise session only for the host of github-enterprise.uri', () => {
    assert.equal(sessionBelongsTo('github-enterprise', 'https://ghes.example.com/api/v3', 'https://ghes.example.com'), true);
    assert.equal(sessionBelongsTo('github-enterprise', 'https://api.octo.ghe.com', 'https://octo.ghe.com'), true);
    assert.equal(
      sessionBelongsTo('github-enterprise', 'https://evil.example.com/api/v3', 'https://ghes.example.com'),
      false,
      'another host',
    );
    assert.equal(sessionBelongsTo('github-enterprise', 'https://ghes.example.com/api/v3', undefined), false, 'no enterprise host at all');
    assert.equal(sessionBelongsTo('github-enterprise', 'https://api.github.com', 'https://ghes.example.com'), false);
  });

  it('lets the container registry send the token only to GitHub’s own hosts of the API host', () => {
    assert.deepEqual(registryTokenHosts(hostFromApiUrl('https://api.github.com')), ['github.com', 'api.github.com']);
    assert.deepEqual(registryTokenHosts(hostFromApiUrl('https://ghes.example.com/api/v3')), ['ghes.example.com']);
  });
});

describe('links from GitHub open only on GitHub', () => {
  const dotcom = hostFromApiUrl('https://api.github.com');
  const local = hostFromApiUrl('http://127.0.0.1:4000');
  const table: [string, boolean][] = [
    ['https://github.com/mona/hello/pkgs/npm/hello', true],
    ['https://github.com/orgs/octo/sso?authorization_request=abc', true],
    ['http://github.com/mona', false],
    ['https://github.com.evil.example/mona', false],
    ['https://evil.example/?https://github.com', false],
    ['https://user:pass@github.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['command:workbench.action.terminal.new', false],
    ['not a url', false],
  ];
  for (const [url, allowed] of table) {
    it(`${allowed ? 'opens' : 'refuses'} ${url}`, () => assert.equal(isGitHubWebUrl(url, dotcom), allowed));
  }
  it('allows plain http only for the loopback stand-in itself', () => {
    assert.equal(isGitHubWebUrl('http://127.0.0.1:4000/mona', local), true);
    assert.equal(isGitHubWebUrl('http://127.0.0.1:5000/mona', local), false);
  });
});

describe('hostile names never reach GitHub', () => {
  it('refuses owner and package names of . and .. and control characters before any request', async () => {
    const server = await startLocal();
    try {
      const { api } = testClient(server, 'mona');
      const before = server.requestLog.length;
      for (const name of ['..', '.', 'a\nb', '']) {
        const error = await rejection(api.getPackage({ owner: { login: 'mona', kind: 'viewer' }, type: 'npm', name }));
        assert.ok(isGitHubError(error) && error.kind === 'invalidName', `${JSON.stringify(name)}: ${String(error)}`);
      }
      const owner = await rejection(api.listPackagesPage({ login: '..', kind: 'user' }, 'npm'));
      assert.ok(isGitHubError(owner) && owner.kind === 'invalidName');
      assert.equal(server.requestLog.length, before, 'nothing was sent');
      const encoded = await api
        .getPackage({ owner: { login: 'mona', kind: 'viewer' }, type: 'npm', name: '../hello' })
        .catch((e: unknown) => e);
      assert.ok(isGitHubError(encoded) && encoded.kind === 'notFound', 'a name with a slash is sent encoded, as one path segment');
      assert.ok(server.requestLog.at(-1)!.path.includes('..%2Fhello'));
    } finally {
      await server.stop();
    }
  });
});

describe('output masking', () => {
  it('masks a token split across two chunks of a process’s output', () => {
    const secret = 'gp_split_secret_0123456789';
    registerSecret(secret);
    const lines: string[] = [];
    const buffer = new LineBuffer((line) => lines.push(redact(line)));
    buffer.push(`npm http fetch GET 200 with ${secret.slice(0, 10)}`);
    buffer.push(`${secret.slice(10)} done\nnext line`);
    buffer.flush();
    assert.deepEqual(lines, ['npm http fetch GET 200 with *** done', 'next line']);
  });
});

describe('the settings page is trusted with nothing', () => {
  it('accepts only the known message shapes and actions', () => {
    assert.equal(isWebviewMessage({ type: 'ready' }), true);
    assert.equal(isWebviewMessage({ type: 'action', action: 'deletePackage' }), true);
    for (const hostile of [
      { type: 'action', action: 'signInWithToken' },
      { type: 'action', action: 'deleteVersion' },
      { type: 'action', action: 'deletePackage', name: 'other-package' },
      { type: 'action', action: ['deletePackage'] },
      { type: 'ready', extra: 1 },
      'ready',
      null,
    ]) {
      assert.equal(isWebviewMessage(hostile), false, JSON.stringify(hostile));
    }
  });
});

describe('a GitHub Enterprise session and an API URL override on the same server', () => {
  it('belong together whatever the API path, and never across servers', () => {
    assert.equal(sessionBelongsTo('github-enterprise', 'https://ghes.example.com/custom/api', 'https://ghes.example.com'), true);
    assert.equal(sessionBelongsTo('github-enterprise', 'http://127.0.0.1:4000', 'http://127.0.0.1:4000'), true);
    assert.equal(sessionBelongsTo('github-enterprise', 'http://127.0.0.1:4001', 'http://127.0.0.1:4000'), false);
  });
});
