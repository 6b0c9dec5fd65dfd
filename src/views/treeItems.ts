/** How each row of the Packages tree is drawn (label, description, icon, tooltip) and the message rows' text. */
import * as vscode from 'vscode';
import { GitHubError } from '../github/errors';
import { type Owner, type Package, type PackageVersion, shortDigest } from '../github/types';
import {
  isContainer,
  TYPE_LABELS,
  type DeletedGroupNode,
  type LoadMoreNode,
  type MessageNode,
  type PackageNode,
  type VersionNode,
} from './nodes';
import { rowId } from './expansionMemory';
import { plural } from '../registry/plural';
import { relativeTime } from './relativeTime';
import { versionLabel } from '../registry/deletePlan';

export const CACHED_NOTE = '\n\n_Shown from the last session until GitHub answers._';

/** `cachedVersions`: its versions come from the last session, not yet confirmed by GitHub. */
export function renderPackage(
  node: PackageNode,
  state: vscode.TreeItemCollapsibleState,
  cachedVersions: boolean,
  linkAllowed: (url: string) => boolean,
): vscode.TreeItem {
  const { pkg } = node;
  const item = new vscode.TreeItem(pkg.name, state);
  item.id = rowId(node);
  item.iconPath = new vscode.ThemeIcon(pkg.visibility === 'public' ? 'unlock' : pkg.visibility === 'internal' ? 'shield' : 'lock');
  item.description = [
    pkg.visibility,
    plural(pkg.versionCount, 'version'),
    pkg.repository ? pkg.repository.name : undefined,
    relativeTime(pkg.updatedAt),
    cachedVersions ? 'cached' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(
    `**${escapeMd(pkg.name)}** · ${TYPE_LABELS[pkg.packageType]} · $(${pkg.visibility === 'public' ? 'unlock' : 'lock'}) ${pkg.visibility}\n\n`,
  );
  md.appendMarkdown(
    `${plural(pkg.versionCount, 'version')} · updated ${relativeTime(pkg.updatedAt)} (${new Date(pkg.updatedAt).toUTCString()})\n\n`,
  );
  md.appendMarkdown(
    pkg.repository
      ? `Linked to ${mdLink(escapeMd(pkg.repository.fullName), pkg.repository.htmlUrl, linkAllowed)}\n\n`
      : 'Not linked to a repository\n\n',
  );
  md.appendMarkdown(mdLink('Open on GitHub', pkg.htmlUrl, linkAllowed));
  if (cachedVersions) md.appendMarkdown(CACHED_NOTE);
  item.tooltip = md;
  return item;
}

export function renderDeletedGroup(node: DeletedGroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Deleted versions', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `deleted:${node.pkg.id}`;
  item.description = `${node.versions.length} restorable`;
  item.accessibilityInformation = {
    label: `Deleted versions, ${plural(node.versions.length, 'version')} restorable for 30 days`,
    role: 'treeitem',
  };
  item.iconPath = new vscode.ThemeIcon('history');
  item.tooltip = 'Versions deleted in the last 30 days. Restore them from their context menu.';
  return item;
}

export function renderLoadMore(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(`Load more (${node.shown} of ${node.total} shown)`, vscode.TreeItemCollapsibleState.None);
  item.id = `loadMore:${node.pkg.id}:${node.shown}`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: 'githubPackages.loadMore', title: 'Load More Versions', arguments: [node] };
  return item;
}

export function renderMessage(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `message:${node.id}`;
  item.description = node.detail;
  const color =
    node.icon === 'error' ? 'problemsErrorIcon.foreground' : node.icon === 'warning' ? 'problemsWarningIcon.foreground' : 'foreground';
  item.iconPath =
    node.icon === 'loading' ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon(node.icon, new vscode.ThemeColor(color));
  item.tooltip = node.error ? node.error.message : (node.detail ?? node.label);
  item.command = node.command;
  return item;
}

export function renderVersion(node: VersionNode, linkAllowed: (url: string) => boolean): vscode.TreeItem {
  const { version, pkg } = node;
  const container = isContainer(pkg);
  const label = versionLabel(version, container, node.parent);
  const description: string[] = [];
  if (container) description.push(version.tags.length || node.parent ? shortDigest(version.name) : 'untagged');
  if (node.latest) description.unshift('latest');
  description.push(node.deleted ? `deleted ${relativeTime(version.deletedAt)}` : relativeTime(version.createdAt));
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `version:${pkg.id}:${version.id}:${node.deleted ? 'd' : 'a'}`;
  item.description = description.filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(
    node.deleted
      ? 'trash'
      : container
        ? version.tags.length
          ? 'tag'
          : node.parent
            ? 'layers'
            : 'circle-outline'
        : node.latest
          ? 'star-full'
          : 'versions',
  );
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMd(pkg.name)}** ${container ? '' : escapeMd(version.name)}\n\n`);
  if (container) {
    md.appendMarkdown(`Digest \`${version.name}\`\n\n`);
    md.appendMarkdown(
      version.tags.length ? `Tags: ${version.tags.map((t) => `\`${t.replace(/`/g, "'")}\``).join(' ')}\n\n` : 'Untagged\n\n',
    );
    if (node.parent)
      md.appendMarkdown(
        `Part of ${node.parent.indexTags.map((t) => `\`${t}\``).join(' ') || `\`${shortDigest(node.parent.indexDigest)}\``} (${node.parent.role})\n\n`,
      );
  }
  md.appendMarkdown(`Published ${relativeTime(version.createdAt)} (${new Date(version.createdAt).toUTCString()})\n\n`);
  if (node.deleted) md.appendMarkdown(`Deleted ${relativeTime(version.deletedAt)} — restorable for 30 days after deletion\n\n`);
  if (version.htmlUrl) md.appendMarkdown(mdLink('Open on GitHub', version.htmlUrl, linkAllowed));
  item.tooltip = md;
  return item;
}

export function latestVersionId(pkg: Package, newestFirst: PackageVersion[]): number | undefined {
  if (isContainer(pkg)) return newestFirst.find((v) => v.tags.includes('latest'))?.id;
  return newestFirst[0]?.id;
}

export function message(
  id: string,
  label: string,
  icon: MessageNode['icon'],
  detail?: string,
  command?: MessageNode['command'],
): MessageNode {
  return { kind: 'message', id, label, icon, detail, command };
}

/** An error as a tree item whose click does what the error asks for. */
export function errorMessage(id: string, error: GitHubError, stale: boolean): MessageNode {
  const staleNote = stale ? ' (showing the last listing)' : '';
  const detail = error.detail;
  switch (detail.kind) {
    case 'notSignedIn':
      return {
        kind: 'message',
        id,
        label: 'Sign in again',
        detail: `GitHub rejected the token${staleNote}`,
        icon: 'error',
        error,
        command: { command: 'githubPackages.signIn', title: 'Sign In', arguments: [undefined, 'reauthenticate'] },
      };
    case 'scopeMissing':
      return {
        kind: 'message',
        id,
        label: `Add the ${detail.scope} scope`,
        detail: staleNote.trim(),
        icon: 'warning',
        error,
        command: { command: 'githubPackages.signIn', title: 'Sign In', arguments: [undefined, 'upgrade'] },
      };
    case 'saml':
      return {
        kind: 'message',
        id,
        label: 'Authorize SAML single sign-on',
        detail: `organization requires it${staleNote}`,
        icon: 'warning',
        error,
        command: detail.authorizeUrl
          ? { command: 'githubPackages.openGitHubUrl', title: 'Authorize', arguments: [detail.authorizeUrl] }
          : { command: 'githubPackages.signIn', title: 'Sign In', arguments: [undefined, 'reauthenticate'] },
      };
    case 'rateLimited':
      return {
        kind: 'message',
        id,
        label: 'Rate limited by GitHub',
        detail: `retry after ${detail.until.toLocaleTimeString()}${staleNote}`,
        icon: 'warning',
        error,
        command: { command: 'githubPackages.refresh', title: 'Retry' },
      };
    default:
      return {
        kind: 'message',
        id,
        label: errorTitle(error),
        detail: `click to retry${staleNote}`,
        icon: 'error',
        error,
        command: { command: 'githubPackages.refresh', title: 'Retry' },
      };
  }
}

export function noticeMessage(notice: GitHubError): MessageNode {
  if (notice.detail.kind === 'scopeMissing') {
    return {
      kind: 'message',
      id: 'notice',
      label: 'Some organizations may be hidden',
      detail: `the token lacks ${notice.detail.scope}`,
      icon: 'info',
      error: notice,
      command: { command: 'githubPackages.signIn', title: 'Sign In', arguments: [undefined, 'upgrade'] },
    };
  }
  return {
    kind: 'message',
    id: 'notice',
    label: 'Your organizations could not be listed',
    detail: 'showing your own packages',
    icon: 'warning',
    error: notice,
    command: { command: 'githubPackages.refresh', title: 'Retry' },
  };
}

function errorTitle(error: GitHubError): string {
  const detail = error.detail;
  switch (detail.kind) {
    case 'network':
      return 'GitHub could not be reached';
    case 'server':
      return `GitHub answered ${detail.status}`;
    case 'notFound':
      return 'Not found or no access';
    case 'badResponse':
      return 'GitHub sent an unusable answer';
    case 'untrustedHost':
      return `Token withheld from ${detail.host}`;
    default:
      return 'Could not load';
  }
}

/** A Markdown link when the URL may be opened, else the plain text: a tooltip never links off GitHub. */
function mdLink(text: string, url: string | undefined, linkAllowed: (url: string) => boolean): string {
  if (!url || !linkAllowed(url)) return text;
  return `[${text}](${new URL(url).href.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function sourceNote(owner: Owner): string {
  switch (owner.source) {
    case 'setting':
      return '\n\nListed because of the `githubPackages.owners` setting';
    case 'workspace':
      return '\n\nFound in this workspace (npm scope or GitHub remote)';
    default:
      return '';
  }
}
