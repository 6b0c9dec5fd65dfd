import * as vscode from 'vscode';
import { showInView, updateLockfile } from '../commands/manifestDependencies';
import type { Services } from '../commands/services';
import { MANIFEST_SELECTOR, ManifestAnalyzer } from './analyzer';
import { DependencyHover, LatestVersionHints } from './presentation';
import { DependencyActions, ManifestDiagnostics } from './problems';

/**
 * Everything the extension shows inside open manifests: latest-version hints, hovers, diagnostics and quick fixes,
 * all read from the RegistryService the tree uses.
 */
export function registerManifestFeatures(services: Services): vscode.Disposable {
  const analyzer = new ManifestAnalyzer(services);
  const hintsEnabled = () => vscode.workspace.getConfiguration('githubPackages').get<boolean>('manifestHints') ?? true;
  const hints = new LatestVersionHints(analyzer, hintsEnabled);
  return vscode.Disposable.from(
    analyzer,
    new ManifestDiagnostics(analyzer),
    vscode.languages.registerInlayHintsProvider(MANIFEST_SELECTOR, hints),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new DependencyHover(analyzer)),
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new DependencyActions(analyzer), { providedCodeActionKinds: DependencyActions.kinds }),
    vscode.commands.registerCommand('githubPackages.updateLockfile', (uri?: vscode.Uri) => updateLockfile(services, uri)),
    vscode.commands.registerCommand('githubPackages.showInView', (owner?: string, type?, name?: string) => showInView(owner, type, name)),
  );
}
