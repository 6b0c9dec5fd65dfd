import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import { createGitHubClient } from '../../../src/github/client';
import { PackagesApi } from '../../../src/github/packages';
import { driver } from './driver';
import { extensionApi, setExpanded, signInToLocalGitHub, signOutOfLocalGitHub, waitForRow, waitUntil } from './helpers';

/** A host that a cloned repository names in its settings: it records every credential it is sent. */
async function evilHost(): Promise<{
  origin: string;
  hostPort: string;
  requests: string[];
  credentials: string[];
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const credentials: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    for (const [name, value] of Object.entries(req.headers)) {
      if (/authorization|token|cookie/i.test(name)) credentials.push(`${name}: ${String(value)}`);
    }
    if (req.url?.startsWith('/v2/')) {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${origin}/token",service="evil"` }).end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/user') ? '{"login":"mona","id":1}' : '[]');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${hostPort}`;
  return { origin, hostPort, requests, credentials, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** True when a recorded header holds the token as it is, or base64-encoded inside Basic auth. */
function leaks(credentials: string[], token: string): boolean {
  return credentials.some((line) => {
    if (line.includes(token)) return true;
    const basic = /Basic\s+(\S+)/i.exec(line);
    return basic !== null && Buffer.from(basic[1], 'base64').toString('utf8').includes(token);
  });
}

describe('a workspace cannot send your token to another host', () => {
  let gh: LocalGitHub | undefined;
  let evil: Awaited<ReturnType<typeof evilHost>> | undefined;
  let settingsDir: string | undefined;

  before(async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    gh = await signInToLocalGitHub();
    evil = await evilHost();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    settingsDir = join(folder, '.vscode');
    mkdirSync(settingsDir, { recursive: true });
    // What a hostile repository would commit: the API host and the container registry pointed elsewhere.
    writeFileSync(
      join(settingsDir, 'settings.json'),
      JSON.stringify(
        { 'githubPackages.apiUrl': evil.origin, 'githubPackages.registryUrls': { container: evil.hostPort, npm: `${evil.origin}/npm/` } },
        null,
        2,
      ),
    );
    await waitUntil(
      () => vscode.workspace.getConfiguration('githubPackages').inspect('apiUrl') !== undefined,
      'the workspace settings to load',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });

  after(async function () {
    this.timeout(60_000);
    if (settingsDir) rmSync(join(settingsDir, 'settings.json'), { force: true });
    await evil?.close();
    await signOutOfLocalGitHub(gh);
    delete process.env.GITHUB_PACKAGES_TOKEN;
  });

  it('keeps listing from the host in your user settings, and the workspace host receives no token with a saved token', async function () {
    this.timeout(120_000);
    const api = await extensionApi();
    await vscode.commands.executeCommand('githubPackages.refresh');
    await api.whenIdle();
    const rows = await waitForRow('octo-org', { level: 1, timeout: 30_000 });
    assert.ok(
      rows.some((r) => r.label === 'mona'),
      'the listing comes from the configured host',
    );
    // Open a multi-arch container package: the tree reads its manifests from the container registry.
    await setExpanded('mona', 1);
    await setExpanded('Containers', 2);
    await waitForRow('hello-world', { level: 3 });
    await setExpanded('hello-world', 3);
    await waitForRow(/^linux\/arm64 of latest, 2\.0$/, { level: 4, timeout: 30_000 });
    await driver.screenshot('token-hosts-workspace-override');
    await setExpanded('hello-world', 3, false);
    await setExpanded('Containers', 2, false);
    assert.equal(leaks(evil!.credentials, gh!.tokens.mona), false, `the workspace's host got the token: ${evil!.credentials.join(' | ')}`);
    assert.deepEqual(evil!.credentials, [], `no credential of any kind reached it (requests: ${evil!.requests.join(', ')})`);
  });

  it('sends the GITHUB_PACKAGES_TOKEN token only to the configured host, never to the workspace host', async function () {
    this.timeout(120_000);
    const api = await extensionApi();
    await vscode.commands.executeCommand('githubPackages.signOut');
    process.env.GITHUB_PACKAGES_TOKEN = gh!.tokens.mona;
    api.auth.invalidate();
    await api.whenIdle();
    await vscode.commands.executeCommand('githubPackages.refresh');
    await api.whenIdle();
    assert.equal((await api.auth.current())?.source, 'env');
    await waitForRow('octo-org', { level: 1, timeout: 30_000 });
    assert.equal(leaks(evil!.credentials, gh!.tokens.mona), false);
    assert.deepEqual(evil!.credentials, []);
    assert.ok(gh!.requestLog.length > 0, 'the configured host was asked');
  });

  it('drops the token at a redirect to another origin under VS Code’s own fetch', async function () {
    this.timeout(30_000);
    const redirecting = await new Promise<{ origin: string; seen: (string | undefined)[]; close(): Promise<void> }>((resolve) => {
      const seen: (string | undefined)[] = [];
      const server = createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.writeHead(302, { location: `${evil!.origin}/user` }).end();
      });
      server.listen(0, '127.0.0.1', () =>
        resolve({
          origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          seen,
          close: () => new Promise((done) => server.close(() => done())),
        }),
      );
    });
    try {
      const before = evil!.credentials.length;
      // No fetch passed in: the client uses the extension host's global fetch, as it does in the extension.
      const api = new PackagesApi(
        createGitHubClient({ apiUrl: redirecting.origin, token: async () => gh!.tokens.mona, userAgent: 'tests' }),
      );
      const viewer = await api.getViewer();
      assert.equal(viewer.login, 'mona', 'the redirect was followed');
      assert.deepEqual(redirecting.seen, [`token ${gh!.tokens.mona}`], 'the configured host got the token');
      assert.deepEqual(evil!.credentials.slice(before), [], 'the other origin got none');
    } finally {
      await redirecting.close();
    }
  });
});
