import * as vscode from 'vscode';
import { restorable } from '../registry/dependencyStatus';
import type { VersionNode } from '../views/nodes';
import { ManifestAnalyzer, type AnalyzedDependency } from './analyzer';
import { missingReason, updateTarget, versionProblem } from './describe';
import { respelled } from '../ecosystems/dependencies';

const SOURCE = 'GitHub Packages';
const DEBOUNCE_MS = 300;

/** Problems of open manifests: deleted or missing versions, packages that cannot be seen, newer versions (hints). */
export class ManifestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('githubPackages');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [this.collection];

  constructor(private readonly analyzer: ManifestAnalyzer) {
    // Typing only schedules work: the analysis runs once the user pauses.
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
      analyzer.onDidChange(() => vscode.workspace.textDocuments.forEach((document) => this.schedule(document, 0))),
    );
    vscode.workspace.textDocuments.forEach((document) => this.schedule(document, 0));
  }

  private schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!ManifestAnalyzer.isManifest(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.update(document);
      }, delay),
    );
  }

  private update(document: vscode.TextDocument): void {
    const analysis = this.analyzer.analyze(document);
    const visible = vscode.window.visibleTextEditors
      .filter((editor) => editor.document === document)
      .flatMap((editor) => editor.visibleRanges);
    this.analyzer.loadMissing(analysis, visible);
    this.collection.set(document.uri, analysis.flatMap(diagnosticOf));
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

function diagnosticOf(analyzed: AnalyzedDependency): vscode.Diagnostic[] {
  const { status } = analyzed;
  let diagnostic: vscode.Diagnostic | undefined;
  if (status.kind === 'packageMissing' || status.kind === 'ownerNotListed') {
    const severity = status.kind === 'ownerNotListed' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning;
    diagnostic = new vscode.Diagnostic(analyzed.range, missingReason(status, analyzed.dependency.name), severity);
    diagnostic.code = status.kind === 'ownerNotListed' ? 'owner-not-listed' : 'package-not-visible';
  } else if (status.kind === 'package') {
    const problem = versionProblem(analyzed, status);
    if (!problem) return [];
    const severity = problem.kind === 'newer' ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Error;
    diagnostic = new vscode.Diagnostic(analyzed.versionRange ?? analyzed.digestRange ?? analyzed.range, problem.message, severity);
    diagnostic.code = `${problem.kind}-version`;
  }
  if (!diagnostic) return [];
  diagnostic.source = SOURCE;
  return [diagnostic];
}

/** Quick fixes on a dependency: Update to X (and update the lockfile), Restore Version, Update Tag, Pin Image to Digest. */
export class DependencyActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyzer: ManifestAnalyzer) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const analyzed of this.analyzer.analyze(document)) {
      if (!analyzed.range.intersection(range) || analyzed.status.kind !== 'package') continue;
      const diagnostics = context.diagnostics.filter((d) => d.source === SOURCE && d.range.intersection(analyzed.range));
      actions.push(...actionsFor(document, analyzed, diagnostics));
    }
    return actions;
  }
}

function actionsFor(document: vscode.TextDocument, analyzed: AnalyzedDependency, diagnostics: vscode.Diagnostic[]): vscode.CodeAction[] {
  const { status, dependency } = analyzed;
  if (status.kind !== 'package' || !status.resolution) return [];
  const resolution = status.resolution;
  const actions: vscode.CodeAction[] = [];
  const add = (title: string, build: (action: vscode.CodeAction) => void, preferred = false) => {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics;
    action.isPreferred = preferred;
    build(action);
    actions.push(action);
  };
  const deleted = resolution.deleted;
  if (deleted && restorable(deleted)) {
    const node: VersionNode = { kind: 'version', owner: status.owner, pkg: status.pkg, version: deleted, deleted: true, latest: false };
    add(
      vscode.l10n.t('Restore Version {0}', resolution.kind === 'image' ? deleted.tags.join(', ') || deleted.name : deleted.name),
      (action) => {
        action.command = { command: 'githubPackages.restoreVersion', title: vscode.l10n.t('Restore Version'), arguments: [node] };
      },
      true,
    );
  }
  const target = updateTarget(resolution);
  if (resolution.kind === 'semver' && target && analyzed.versionRange) {
    const text = respelled(dependency.version, target);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, analyzed.versionRange, text);
    add(vscode.l10n.t('Update to {0}', target), (action) => (action.edit = edit), !deleted);
    if (dependency.ecosystem === 'npm') {
      add(vscode.l10n.t('Update to {0} and run npm install', target), (action) => {
        action.edit = edit;
        action.command = { command: 'githubPackages.updateLockfile', title: vscode.l10n.t('Run npm install'), arguments: [document.uri] };
      });
    }
  }
  if (resolution.kind === 'image') {
    const nameEnd = analyzed.range.start.translate(0, dependency.name.length);
    if (target) {
      const edit = new vscode.WorkspaceEdit();
      // A digest pins the old image: moving the tag drops it (Pin Image to Digest pins the new one).
      const end = analyzed.digestRange ? analyzed.digestRange.end : (analyzed.versionRange?.end ?? nameEnd);
      edit.replace(document.uri, new vscode.Range(nameEnd, end), `:${target}`);
      add(vscode.l10n.t('Update Tag to {0}', target), (action) => (action.edit = edit), !deleted);
    }
    const current = resolution.current;
    if (current && !dependency.digest) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, analyzed.versionRange?.end ?? nameEnd, `@${current.name}`);
      add(vscode.l10n.t('Pin Image to Digest'), (action) => (action.edit = edit));
    }
  }
  return actions;
}
