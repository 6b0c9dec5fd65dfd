import * as vscode from 'vscode';
import type { Services } from '../commands/services';
import { MANIFEST_SELECTOR, ManifestAnalyzer } from './analyzer';
import { DependencyHover, LatestVersionHints } from './presentation';
import { DependencyActions, ManifestDiagnostics } from './problems';

/**
 * Everything the extension shows inside open manifests: latest-version hints, hovers, diagnostics and quick fixes,
 * all read from the RegistryService the tree uses. Their commands are in the command table (src/commands/index.ts).
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
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new DependencyActions(analyzer), {
      providedCodeActionKinds: DependencyActions.kinds,
    }),
  );
}
