import * as vscode from 'vscode';
import type { GitHubPackagesTestApi } from '../../../src/extension';
import type { PackageNode, TreeNode } from '../../../src/views/nodes';
import { start, type LocalGitHub, type StartOptions } from '../../github-local';
import { driver, type TreeRow } from './driver';

export const EXTENSION_ID = 'github-packages-vscode.github-packages';

export async function extensionApi(): Promise<GitHubPackagesTestApi> {
  const extension = vscode.extensions.getExtension<GitHubPackagesTestApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the local GitHub stand-in, points the extension at it and signs in with a saved token. */
export async function signInToLocalGitHub(options: StartOptions = { seed: 'demo' }, tokenName = 'mona'): Promise<LocalGitHub> {
  const gh = await start(options);
  const config = vscode.workspace.getConfiguration('githubPackages');
  await config.update('apiUrl', gh.url, vscode.ConfigurationTarget.Global);
  // Every registry the stand-in serves: a loopback API host has no registry subdomains to derive.
  await config.update('registryUrls', { ...gh.registries }, vscode.ConfigurationTarget.Global);
  const api = await extensionApi();
  const saved = await vscode.commands.executeCommand<boolean>('githubPackages.signInWithToken', gh.tokens[tokenName]);
  if (!saved) throw new Error('signing in with the local token failed');
  await api.whenIdle();
  return gh;
}

export async function signOutOfLocalGitHub(gh: LocalGitHub | undefined): Promise<void> {
  await vscode.commands.executeCommand('githubPackages.signOut');
  const config = vscode.workspace.getConfiguration('githubPackages');
  await config.update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
  await config.update('registryUrls', undefined, vscode.ConfigurationTarget.Global);
  await gh?.stop();
}

/** The texts of the notifications matching `pattern`, read from the notification center once one is there. */
export async function notificationsMatching(pattern: RegExp): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  let texts: string[] = [];
  await waitUntil(
    async () =>
      (texts = (await driver.query('.notifications-center .notification-list-item-message')).map((n) => n.text)).some((t) =>
        pattern.test(t),
      ),
    `a notification matching ${pattern}`,
  );
  await vscode.commands.executeCommand('notifications.hideList');
  return texts.filter((t) => pattern.test(t));
}

export const VIEW = '[id="workbench.view.extension.githubPackages"]';
const ROW = `${VIEW} .monaco-list-row`;

export function treeRows(): Promise<TreeRow[]> {
  return driver.treeRows(VIEW);
}

/** Waits until the tree shows a row whose label is `label` (optionally at `level`), and returns all rows. */
export async function waitForRow(
  label: string | RegExp,
  options: { level?: number; timeout?: number; gone?: boolean } = {},
): Promise<TreeRow[]> {
  let rows: TreeRow[] = [];
  await waitUntil(
    async () => {
      rows = await treeRows();
      const found = rows.some(
        (r) =>
          (typeof label === 'string' ? r.label === label : label.test(r.label)) &&
          (options.level === undefined || r.level === options.level),
      );
      return options.gone ? !found : found;
    },
    `tree row ${String(label)}${options.gone ? ' to go' : ''}`,
    options.timeout ?? 20_000,
  ).catch((e: Error) => {
    throw new Error(
      `${e.message}; rows: ${rows.map((r) => `${r.level}:${r.label}${r.expanded === undefined ? '' : r.expanded ? '▾' : '▸'}`).join(' | ')}`,
    );
  });
  return rows;
}

/** Clicks the first row labelled `label` (at `level` if given): expands or collapses it, or runs its command. */
export async function clickRow(label: string, level?: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const rows = await treeRows();
  if (!rows.some((r) => r.label === label && (level === undefined || r.level === level))) {
    throw new Error(`no tree row ${label} (rows: ${rows.map((r) => r.label).join(', ')})`);
  }
  // Matched by level and label when clicked, not by a position read earlier: the list may re-render in between.
  const levelAttr = level === undefined ? '' : `[aria-level="${level}"]`;
  await driver.click(`${ROW}${levelAttr}`, { button, label });
}

/** The rows under the first row labelled `parent` (at `level`), down to the next row at that level or above. */
export function rowsUnder(rows: TreeRow[], parent: string, level: number): TreeRow[] {
  const start = rows.findIndex((r) => r.label === parent && r.level === level);
  if (start < 0) return [];
  const end = rows.findIndex((r, i) => i > start && r.level <= level);
  return rows.slice(start + 1, end < 0 ? undefined : end);
}

/** Expands (or collapses) a row by clicking it, only when it is not already in that state, and waits for the change. */
export async function setExpanded(label: string, level: number, expanded = true): Promise<void> {
  const find = async () => (await treeRows()).find((r) => r.label === label && r.level === level);
  // The tree may re-render between reading the rows and the click (a refresh landing); try again then.
  for (let attempt = 1; ; attempt++) {
    // A row can be missing for a moment while the list re-renders (a refresh landing): give it a few seconds.
    let row = await find();
    for (let waited = 0; !row && waited < 10_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      row = await find();
    }
    if (!row)
      throw new Error(
        `no tree row ${label} at level ${level} (rows: ${(await treeRows()).map((r) => `${r.level}:${r.label}`).join(' | ')})`,
      );
    if (row.expanded === expanded) return;
    await clickRow(label, level);
    try {
      await waitUntil(async () => (await find())?.expanded === expanded, `${label} to ${expanded ? 'expand' : 'collapse'}`, 3000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** The view's description (e.g. the active filter) as shown in the side bar's title. */
export async function viewDescription(): Promise<string> {
  const parts = await driver.query('.part.sidebar .title-description, .part.sidebar .pane-header .description');
  return parts
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * VS Code refuses modal dialogs in extension tests: record every confirmation the extension asks for and answer it
 * with its first button (the act). Returns the list the questions are pushed to.
 */
export async function acceptConfirmations(): Promise<string[]> {
  const questions: string[] = [];
  (await extensionApi()).testing.setConfirmHandler(async (message, detail, buttons) => {
    questions.push(`${message}\n${detail}`);
    return buttons[0];
  });
  return questions;
}

export async function stopAnsweringConfirmations(): Promise<void> {
  (await extensionApi()).testing.setConfirmHandler(undefined);
}

/** The tree's node for a package, once its owner is listed. */
export async function packageNodeOf(login: string, type: string, name: string): Promise<PackageNode> {
  const api = await extensionApi();
  const ownerNode = () => (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'owner' && n.owner.login === login);
  await waitUntil(() => ownerNode() !== undefined, `${login} in the tree`);
  const group = api.tree.getChildren(ownerNode()).find((n) => n.kind === 'type' && n.packageType === type);
  const pkg = group && api.tree.getChildren(group).find((n): n is PackageNode => n.kind === 'package' && n.pkg.name === name);
  if (!pkg) throw new Error(`no package ${login}/${type}/${name} in the tree`);
  return pkg;
}

/**
 * For a `describe` block: before it, the local stand-in with `seed`, signed in with `tokenName`, and every
 * confirmation recorded and accepted; after it, all undone. `session.gh` and `session.questions` are set by then.
 */
export function signedInSession(seed: 'small' | 'demo' = 'demo', tokenName = 'mona'): { gh: LocalGitHub; questions: string[] } {
  const session = { gh: undefined as unknown as LocalGitHub, questions: [] as string[] };
  before(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    session.gh = await signInToLocalGitHub({ seed }, tokenName);
    session.questions = await acceptConfirmations();
  });
  after(async () => {
    await stopAnsweringConfirmations();
    await signOutOfLocalGitHub(session.gh);
  });
  return session;
}

/** Everything the extension's output channels wrote (the log files in and beside its log folder). */
export async function outputLog(logUri: vscode.Uri): Promise<string> {
  const texts: string[] = [];
  const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
    const entries = await vscode.workspace.fs.readDirectory(dir).then(undefined, () => [] as [string, vscode.FileType][]);
    for (const [name, type] of entries) {
      const uri = vscode.Uri.joinPath(dir, name);
      if (type === vscode.FileType.Directory && depth > 0) await walk(uri, depth - 1);
      else if (name.endsWith('.log')) texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    }
  };
  await walk(vscode.Uri.joinPath(logUri, '..'), 2);
  return texts.join('\n');
}
