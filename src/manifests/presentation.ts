import * as vscode from 'vscode';
import { label } from '../registry/deletePlan';
import { shortDigest } from '../github/types';
import { isContainer } from '../views/nodes';
import { relativeTime } from '../views/relativeTime';
import type { AnalyzedDependency, ManifestAnalyzer } from './analyzer';
import { hintLabel, missingReason, type PackageStatus } from './describe';

const SHOWN_VERSIONS = 8;

/** Beside each GitHub-hosted dependency: the latest version on GitHub Packages (or the newest image). */
export class LatestVersionHints implements vscode.InlayHintsProvider {
  readonly onDidChangeInlayHints: vscode.Event<void>;

  constructor(
    private readonly analyzer: ManifestAnalyzer,
    private readonly enabled: () => boolean,
  ) {
    this.onDidChangeInlayHints = analyzer.onDidChange;
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.enabled()) return [];
    const hints: vscode.InlayHint[] = [];
    for (const analyzed of this.analyzer.analyze(document)) {
      const { status } = analyzed;
      if (status.kind !== 'package' || !status.resolution || !range.contains(analyzed.range.end)) continue;
      // At the end of the line: inside a quoted version it would read as part of the version.
      const hint = new vscode.InlayHint(document.lineAt(analyzed.range.end.line).range.end, hintLabel(status.resolution));
      hint.paddingLeft = true;
      hint.tooltip = vscode.l10n.t('Latest on GitHub Packages; hover the dependency for its versions.');
      hints.push(hint);
    }
    return hints;
  }
}

/** The package behind a dependency: visibility, repository, versions, tags, and links to act on it. */
export class DependencyHover implements vscode.HoverProvider {
  constructor(private readonly analyzer: ManifestAnalyzer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analyzed = this.analyzer.analyze(document).find((candidate) => candidate.range.contains(position));
    if (!analyzed || analyzed.status.kind === 'elsewhere') return undefined;
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: ['githubPackages.showInView', 'githubPackages.openSettings', 'githubPackages.openGitHubUrl'] };
    if (analyzed.status.kind !== 'package') markdown.appendText(missingReason(analyzed.status, analyzed.dependency.name));
    else describePackage(markdown, analyzed, analyzed.status);
    return new vscode.Hover(markdown, analyzed.range);
  }
}

function describePackage(markdown: vscode.MarkdownString, analyzed: AnalyzedDependency, status: PackageStatus): void {
  const { pkg, owner, versions, resolution } = status;
  const container = isContainer(pkg);
  const heading = vscode.l10n.t(
    '**{0}** on GitHub Packages — {1}, owned by {2}',
    escape(analyzed.dependency.name),
    pkg.visibility,
    escape(owner.login),
  );
  markdown.appendMarkdown(`$(package) ${heading}\n\n`);
  if (pkg.repository)
    markdown.appendMarkdown(
      `${vscode.l10n.t('Repository: {0}', `[${escape(pkg.repository.fullName)}](${gitHubLink(pkg.repository.htmlUrl)})`)}\n\n`,
    );
  if (resolution?.kind === 'semver') {
    const { latest, latestMatching, range } = resolution.latest;
    const written = analyzed.dependency.version || vscode.l10n.t('any version');
    const gives =
      range === undefined
        ? vscode.l10n.t('{0} is not a range semver reads; shown as written', code(written))
        : vscode.l10n.t('{0} gives {1}', code(written), escape(latestMatching ?? vscode.l10n.t('no version')));
    markdown.appendMarkdown(`${vscode.l10n.t('Latest: **{0}** · {1}', escape(latest ?? vscode.l10n.t('none')), gives)}\n\n`);
  } else if (resolution?.kind === 'image' && resolution.newest) {
    const current = resolution.current
      ? vscode.l10n.t(
          '{0} is {1}',
          code(analyzed.dependency.digest ? shortDigest(resolution.current.name) : analyzed.dependency.version || 'latest'),
          escape(shortDigest(resolution.current.name)),
        )
      : vscode.l10n.t('the written tag names no image');
    const newest = escape(label(resolution.newest, true));
    markdown.appendMarkdown(
      `${vscode.l10n.t('Newest: **{0}** ({1}) · {2}', newest, escape(shortDigest(resolution.newest.name)), current)}\n\n`,
    );
  }
  if (!versions || versions.status === 'loading') markdown.appendMarkdown(`$(loading~spin) ${vscode.l10n.t('Loading versions…')}\n\n`);
  else if (versions.error && !versions.active)
    markdown.appendText(`${vscode.l10n.t('Versions could not be loaded: {0}', versions.error.message)}\n\n`);
  const active = versions?.active ?? [];
  const tagged = container ? active.filter((version) => version.tags.length > 0) : active;
  if (tagged.length > 0) {
    const heading = container
      ? vscode.l10n.t('Tagged images ({0} in all):', pkg.versionCount)
      : vscode.l10n.t('Versions ({0} in all):', pkg.versionCount);
    markdown.appendMarkdown(`${heading}\n\n`);
    for (const version of tagged.slice(0, SHOWN_VERSIONS)) {
      const name = container ? `${escape(version.tags.join(', '))} — ${shortDigest(version.name)}` : escape(version.name);
      markdown.appendMarkdown(`- ${vscode.l10n.t('{0}, published {1}', name, relativeTime(version.createdAt))}\n`);
    }
    if (tagged.length > SHOWN_VERSIONS) markdown.appendMarkdown(`- ${vscode.l10n.t('… {0} more', tagged.length - SHOWN_VERSIONS)}\n`);
    markdown.appendMarkdown('\n');
  }
  const node = { kind: 'package', owner, pkg };
  const links = [
    `[${vscode.l10n.t('Show in View')}](command:githubPackages.showInView?${commandArgs([owner.login, pkg.packageType, pkg.name])})`,
    `[${vscode.l10n.t('Package Settings')}](command:githubPackages.openSettings?${commandArgs([node])})`,
    `[${vscode.l10n.t('Open on GitHub')}](${gitHubLink(pkg.htmlUrl)})`,
  ];
  markdown.appendMarkdown(links.join(' · '));
}

/** Links from GitHub's answers open through the command that checks they lead to GitHub. */
function gitHubLink(url: string): string {
  return `command:githubPackages.openGitHubUrl?${commandArgs([url])}`;
}

/** A command link's arguments, as VS Code reads them from the query. */
function commandArgs(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args));
}

/** Text as an inline code span; backslash escapes do not work inside one, so backticks are replaced. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}
