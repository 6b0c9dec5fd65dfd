import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { AuthService } from '../../../src/auth/tokens';
import type { GitHubPackagesTestApi } from '../../../src/extension';
import { createGitHubClient } from '../../../src/github/client';
import { PackagesApi } from '../../../src/github/packages';
import type { VersionNode } from '../../../src/views/nodes';
import { start, type LocalGitHub } from '../../github-local';
import { driver, type TreeRow } from './driver';

const EXTENSION_ID = 'github-packages-vscode.github-packages';
const VIEW = '[id="workbench.view.extension.githubPackages"]';
const ROW = `${VIEW} .monaco-list-row`;
/** VS Code refuses modal dialogs in tests; the suite's confirm handler shows the same words as a notification. */
const CONFIRMATION = '.notifications-center .notification-list-item';

async function extensionApi(): Promise<GitHubPackagesTestApi> {
  const extension = vscode.extensions.getExtension<GitHubPackagesTestApi>(EXTENSION_ID)!;
  return extension.isActive ? extension.exports : extension.activate();
}

async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rows = (): Promise<TreeRow[]> => driver.treeRows(VIEW);

async function rowIndex(label: string, level: number): Promise<number> {
  let index = -1;
  await waitUntil(
    async () => (index = (await rows()).findIndex((row) => row.label === label && row.level === level)) >= 0,
    `row ${label} at level ${level}`,
  );
  return index;
}

/** Expands a row (earlier suites may have left it expanded or collapsed; rows re-render while loading). */
async function expand(label: string, level: number): Promise<void> {
  await waitUntil(async () => {
    const index = await rowIndex(label, level);
    const current = await rows();
    if (current[index]?.expanded === true && current[index + 1]?.level === level + 1) return true;
    if (current[index]?.expanded !== true) await driver.click(`${ROW} >> nth=${index}`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    return false;
  }, `row ${label} to expand`);
}

/** Clicks a confirmation button by its text, as a person would. */
async function clickConfirmationButton(text: string): Promise<void> {
  await driver.waitFor(`${CONFIRMATION} .monaco-button`, { text });
  const buttons = await driver.query(`${CONFIRMATION} .monaco-button`);
  const nth = buttons.findIndex((button) => button.text.trim() === text);
  assert.ok(nth >= 0, `confirmation buttons: ${buttons.map((button) => button.text).join(' | ')}`);
  await driver.click(`${CONFIRMATION} .monaco-button >> nth=${nth}`);
}

describe('Delete and restore (code-server)', function () {
  let gh: LocalGitHub;
  let api: GitHubPackagesTestApi;

  before(async function () {
    if (!driver.available) this.skip();
    gh = await start({ seed: 'small' });
    const config = vscode.workspace.getConfiguration('githubPackages');
    await config.update('apiUrl', gh.url, vscode.ConfigurationTarget.Global);
    await config.update('registryUrls', { npm: gh.registries.npm, container: gh.registries.container }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    api = await extensionApi();
    api.testing.setConfirmHandler((message, detail, buttons) =>
      vscode.window.showWarningMessage(`${message} ${detail.replace(/\n+/g, ' ')}`, ...buttons),
    );
    assert.ok(await vscode.commands.executeCommand<boolean>('githubPackages.signInWithToken', gh.tokens.mona));
    await api.whenIdle();
    await rowIndex('mona', 1);
  });

  after(async () => {
    if (!gh) return;
    api.testing.setConfirmHandler(undefined);
    await vscode.commands.executeCommand('githubPackages.signOut');
    const config = vscode.workspace.getConfiguration('githubPackages');
    await config.update('showDeleted', undefined, vscode.ConfigurationTarget.Global);
    await config.update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config.update('registryUrls', undefined, vscode.ConfigurationTarget.Global);
    await gh.stop();
  });

  it('deletes a version from the tree’s context menu after a modal that names it, and the node goes', async () => {
    const hello = gh.state.findPackage('mona', 'npm', 'hello')!;
    const target = gh.state.listVersions(hello).find((version) => version.name === '1.0.0')!;
    // Earlier suites leave notifications behind; the confirmation must be the only one in the list.
    await vscode.commands.executeCommand('notifications.clearAll');
    await expand('npm', 2);
    await expand('hello', 3);
    const index = await rowIndex('1.0.0', 4);
    await driver.click(`${ROW} >> nth=${index}`, { button: 'right' });
    await driver.waitFor('.monaco-menu .action-label', { text: 'Delete Version' });
    await driver.screenshot('delete-version-context-menu');
    await driver.click('role=menuitem[name="Delete Version"]');

    // Toasts come and go; the notification center always lists the question.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('notifications.showList');
    const asked = await driver.waitFor(CONFIRMATION, { text: 'Delete 1 version of mona/hello?' }).catch(async (e: Error) => {
      await driver.screenshot('delete-version-confirmation-missing');
      throw e;
    });
    const question = asked.find((toast) => toast.text.includes('Delete 1 version of mona/hello?'))!.text;
    assert.match(question, /• 1\.0\.0/);
    assert.match(question, /restored for 30 days/);
    await driver.screenshot('delete-version-confirmation');
    assert.strictEqual(gh.state.version(target.id)!.deletedAt, undefined, 'nothing deleted before confirming');
    await clickConfirmationButton('Delete 1 version');
    await vscode.commands.executeCommand('notifications.hideList');

    await waitUntil(async () => !(await rows()).some((row) => row.label === '1.0.0' && row.level === 4), 'the 1.0.0 node to go');
    assert.ok(gh.state.version(target.id)!.deletedAt, 'deleted on the server');
    assert.ok(
      (await rows()).some((row) => row.label === '1.1.0' && row.level === 4),
      'the other version stays',
    );
  });

  it('shows the deleted version under "Deleted versions" and restores it from there', async () => {
    const hello = gh.state.findPackage('mona', 'npm', 'hello')!;
    const target = gh.state.listVersions(hello, 'all').find((version) => version.name === '1.0.0')!;
    await vscode.workspace.getConfiguration('githubPackages').update('showDeleted', true, vscode.ConfigurationTarget.Global);
    await expand('Deleted versions', 4);
    await rowIndex('1.0.0', 5);
    const state = api.registry().getVersions({ owner: { login: 'mona', kind: 'viewer' }, type: 'npm', name: 'hello' })!;
    const deleted = state.deleted!.find((version) => version.id === target.id)!;
    const owner = api.registry().getOwner('mona')!.owner;
    const pkg = api
      .registry()
      .getPackages('mona')!
      .find((candidate) => candidate.name === 'hello')!;
    const node: VersionNode = { kind: 'version', owner, pkg, version: deleted, deleted: true, latest: false };
    await vscode.commands.executeCommand('githubPackages.restoreVersion', node, [node]);
    assert.strictEqual(gh.state.version(target.id)!.deletedAt, undefined, 'restored on the server');
    await rowIndex('1.0.0', 4);
  });

  it('refuses the children of a tagged multi-arch image before asking, and deletes nothing', async () => {
    const appRecord = gh.state.findPackage('mona', 'container', 'app')!;
    const before = gh.state.listVersions(appRecord).length;
    const owner = api.registry().getOwner('mona')!.owner;
    const pkg = api
      .registry()
      .getPackages('mona')!
      .find((candidate) => candidate.name === 'app')!;
    const ref = { owner: { login: 'mona', kind: 'viewer' as const }, type: 'container' as const, name: 'app' };
    const active = (await api.registry().loadVersions(ref)).active!;
    const child = active.find((version) => version.tags.length === 0)!;
    const node: VersionNode = { kind: 'version', owner, pkg, version: child, deleted: false, latest: false };
    await vscode.commands.executeCommand('githubPackages.deleteVersion', node, [node]);
    assert.strictEqual(gh.state.listVersions(appRecord).length, before, 'nothing deleted');
    assert.ok(
      !(await driver.query(CONFIRMATION)).some((toast) => /Delete \d+ version/.test(toast.text) && /\?/.test(toast.text)),
      'no confirmation was asked for',
    );
    // The summary may arrive as a toast or straight into the notification center: read the center.
    await vscode.commands.executeCommand('notifications.showList');
    let toasts: { text: string }[] = [];
    await waitUntil(
      async () =>
        (toasts = await driver.query('.notifications-center .notification-list-item-message')).some((toast) =>
          toast.text.includes('mona/app'),
        ),
      'the summary',
    );
    await driver.screenshot('delete-refused-multi-arch-child');
    await vscode.commands.executeCommand('notifications.hideList');
    const summary = toasts.find((toast) => toast.text.includes('mona/app'))!.text;
    assert.match(
      summary,
      /^Deleted 0 versions of mona\/app; 1 refused or failed \(sha256:[0-9a-f]{12} is the (attestation|linux\/\w+ image) .*of latest, 1\.0; deleting it would break pulling app:latest/,
    );
  });
});

describe('Scope upgrade before deleting (VS Code session)', () => {
  it('asks VS Code for delete:packages, and API calls then use the wider session', async () => {
    const gh = await start({ seed: 'small' });
    try {
      const sessions = new Map<string, vscode.AuthenticationSession>();
      const key = (scopes: readonly string[]) => [...scopes].sort().join(' ');
      const session = (token: string, scopes: readonly string[]): vscode.AuthenticationSession => ({
        id: key(scopes),
        accessToken: token,
        scopes: [...scopes],
        account: { id: 'mona', label: 'mona' },
      });
      sessions.set(key(['read:packages']), session(gh.tokens.monaRead, ['read:packages']));
      const asked: string[] = [];
      const changed = new vscode.EventEmitter<vscode.AuthenticationSessionsChangeEvent>();
      const authentication = {
        // Like VS Code's GitHub provider: a session matches only the exact same scope set.
        getSession: async (_provider: string, scopes: readonly string[], options?: vscode.AuthenticationGetSessionOptions) => {
          const found = sessions.get(key(scopes));
          if (found || !options?.createIfNone) return found;
          asked.push(key(scopes));
          const created = session(scopes.includes('delete:packages') ? gh.tokens.mona : gh.tokens.monaRead, scopes);
          sessions.set(key(scopes), created);
          return created;
        },
        onDidChangeSessions: changed.event,
      } as unknown as Pick<typeof vscode.authentication, 'getSession' | 'onDidChangeSessions'>;
      const secrets = {
        get: async () => undefined,
        store: async () => undefined,
        delete: async () => undefined,
        onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
      } as unknown as vscode.SecretStorage;
      const auth = new AuthService({
        secrets,
        apiUrl: () => gh.url,
        enterpriseUri: () => gh.url,
        checkToken: async () => ({ login: 'mona', scopes: [] }),
        authentication,
        env: {},
      });
      const api = new PackagesApi(
        createGitHubClient({
          apiUrl: gh.url,
          token: async () => (await auth.current())?.token,
          userAgent: 'tests',
          throttle: { writeIntervalMs: 0 },
        }),
      );
      const ref = { owner: { login: 'mona', kind: 'viewer' as const }, type: 'nuget' as const, name: 'Mona.Lib' };
      const [version] = (await api.listVersionsPage(ref)).items;

      await assert.rejects(api.deleteVersion(ref, version.id), (error: Error & { kind?: string }) => error.kind === 'scopeMissing');
      await assert.rejects(
        auth.require('delete', false),
        (error: Error & { kind?: string }) => error.kind === 'scopeMissing',
        'not widened without a user action',
      );
      assert.deepStrictEqual(asked, []);

      const granted = await auth.require('delete', true);
      assert.deepStrictEqual(asked, ['delete:packages read:packages write:packages'], 'VS Code was asked for the delete tier once, sorted');
      assert.strictEqual(granted.token, gh.tokens.mona);
      assert.strictEqual((await auth.current())?.token, gh.tokens.mona, 'later calls use the wider session');
      await api.deleteVersion(ref, version.id);
      assert.ok(gh.state.version(version.id)!.deletedAt);
      auth.dispose();
    } finally {
      await gh.stop();
    }
  });
});
