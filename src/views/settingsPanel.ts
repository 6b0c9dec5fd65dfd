import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isRepositoryScoped, rulesOf } from '../github/permissions';
import { isGitHubWebUrl, type GitHubHost } from '../github/hosts';
import { refOf, shortDigest, type Owner, type Package, type PackageRef, type PackageVersion } from '../github/types';
import type { RegistryService } from '../registry/service';
import { isWebviewMessage, type HostMessage, type PackageDetails } from '../webview/protocol';
import { isContainer, TYPE_LABELS, type PackageNode } from './nodes';
import { relativeTime } from './relativeTime';

export interface SettingsPanelDeps {
  registry(): RegistryService;
  /** Changes of whichever RegistryService is current: the panel outlives a change of host. */
  onDidChange: vscode.Event<void>;
  host(): GitHubHost;
  installSnippet(owner: Owner, pkg: Package): string | undefined;
  /** A version named as the tree names it ("linux/arm64 of v1"). */
  versionLabel(owner: Owner, pkg: Package, version: PackageVersion): string;
  /** False after Sign Out: a private package's page then closes. */
  signedIn(): boolean;
}

const MAX_VERSIONS = 100;
export const VIEW_TYPE = 'githubPackages.settings';

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/** The package settings page: one webview panel per package, kept in step with the RegistryService. */
export class PackageSettingsPanel {
  private static readonly open = new Map<string, PackageSettingsPanel>();
  private ready = false;
  private seenSignedIn = false;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, deps: SettingsPanelDeps, owner: Owner, pkg: Package): PackageSettingsPanel {
    const key = `${owner.login}/${pkg.packageType}/${pkg.name}`.toLowerCase();
    const existing = PackageSettingsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      existing.retryFailedVersions();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `${pkg.name} · Package Settings`,
      vscode.ViewColumn.Active,
      webviewOptions(extensionUri),
    );
    return PackageSettingsPanel.adopt(panel, extensionUri, deps, owner, pkg);
  }

  /** Takes over a panel VS Code restored after a window reload (see `SettingsPanelSerializer`). */
  static adopt(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    deps: SettingsPanelDeps,
    owner: Owner,
    pkg: Package,
  ): PackageSettingsPanel {
    const key = `${owner.login}/${pkg.packageType}/${pkg.name}`.toLowerCase();
    panel.webview.options = webviewOptions(extensionUri);
    const created = new PackageSettingsPanel(panel, extensionUri, deps, owner, pkg, () => PackageSettingsPanel.open.delete(key));
    PackageSettingsPanel.open.set(key, created);
    return created;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly deps: SettingsPanelDeps,
    private readonly owner: Owner,
    private pkg: Package,
    onDispose: () => void,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'packages.svg');
    panel.webview.html = html(panel.webview, extensionUri, pkg.name);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      deps.onDidChange(() => this.post()),
      panel.onDidDispose(() => {
        onDispose();
        for (const d of this.disposables) d.dispose();
      }),
    );
    void deps
      .registry()
      .loadVersions(this.ref(), { state: 'active' })
      .catch(() => undefined);
  }

  /** Opening the page again after versions failed to load asks GitHub again. */
  retryFailedVersions(): void {
    if (this.deps.registry().getVersions(this.ref())?.status === 'error')
      void this.deps
        .registry()
        .loadVersions(this.ref(), { state: 'active' })
        .catch(() => undefined);
  }

  private versionColumns(version: PackageVersion, newest: boolean): { name: string; tags: string[] } {
    return versionColumnsOf(this.owner, this.pkg, version, newest, this.deps);
  }

  private ref(): PackageRef {
    return refOf(this.owner, this.pkg);
  }

  private async receive(message: unknown): Promise<void> {
    // The page names no package: every action is about the package this panel shows, whatever the page says.
    if (!isWebviewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.post();
      return;
    }
    if (message.type !== 'action') return;
    const node: PackageNode = { kind: 'package', owner: this.owner, pkg: this.pkg };
    switch (message.action) {
      case 'refresh':
        await Promise.all([
          this.deps.registry().refreshPackage(this.ref()),
          this.deps.registry().loadVersions(this.ref(), { state: 'active' }),
        ]).catch(() => undefined);
        return;
      default:
        await vscode.commands.executeCommand(`githubPackages.${message.action}`, node);
    }
  }

  private post(): void {
    if (this.deps.signedIn()) this.seenSignedIn = true;
    else if (this.seenSignedIn && this.pkg.visibility !== 'public') {
      // Signed out: what only the token could see must not stay on screen.
      this.panel.dispose();
      return;
    }
    if (!this.ready) return;
    const current = this.deps
      .registry()
      .getPackages(this.owner.login)
      ?.find((p) => p.packageType === this.pkg.packageType && p.name === this.pkg.name);
    if (current) this.pkg = current;
    const versions = this.deps.registry().getVersions(this.ref());
    const details: PackageDetails = {
      owner: this.owner.login,
      ownerKind: this.owner.kind,
      name: this.pkg.name,
      packageType: this.pkg.packageType,
      typeLabel: TYPE_LABELS[this.pkg.packageType],
      visibility: this.pkg.visibility,
      repositoryScoped: isRepositoryScoped(this.pkg.packageType, rulesOf(this.deps.host().kind, this.deps.registry().viewer)),
      // Links from GitHub reach the page only when they point at GitHub's own web host.
      htmlUrl: isGitHubWebUrl(this.pkg.htmlUrl, this.deps.host()) ? this.pkg.htmlUrl : '',
      repository: this.pkg.repository
        ? {
            fullName: this.pkg.repository.fullName,
            htmlUrl: isGitHubWebUrl(this.pkg.repository.htmlUrl, this.deps.host()) ? this.pkg.repository.htmlUrl : '',
          }
        : undefined,
      versionCount: this.pkg.versionCount,
      createdAt: this.pkg.createdAt,
      updatedAt: this.pkg.updatedAt,
      installSnippet: this.deps.installSnippet(this.owner, this.pkg),
      versions: versions?.active
        ?.slice(0, MAX_VERSIONS)
        .map((v, index) => ({ id: v.id, ...this.versionColumns(v, index === 0), published: relativeTime(v.createdAt) })),
      tagsNote: isContainer(this.pkg)
        ? undefined
        : vscode.l10n.t(
            '“latest” marks the newest version published, as in the Packages view; GitHub’s API lists no dist-tags for this type.',
          ),
      versionsError: versions?.status === 'error' ? versions.error?.message : undefined,
      gone: current === undefined,
    };
    void this.panel.webview.postMessage({ type: 'details', details } satisfies HostMessage);
  }
}

/** Containers: tags, or the tree's "linux/arm64 of v1"; other types have no tags in GitHub's API, so "latest" is the newest. */
function versionColumnsOf(
  owner: Owner,
  pkg: Package,
  version: PackageVersion,
  newest: boolean,
  deps: SettingsPanelDeps,
): { name: string; tags: string[] } {
  if (!isContainer(pkg)) return { name: version.name, tags: newest ? ['latest'] : [] };
  return { name: version.tags.length ? shortDigest(version.name) : deps.versionLabel(owner, pkg, version), tags: version.tags };
}

/** The page: a nonce-based Content-Security-Policy; only our bundled script runs, nothing inline. */
function html(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.css'));
  const csp = [
    `default-src 'none'`,
    `img-src ${webview.cspSource} https:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app"><p>${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
