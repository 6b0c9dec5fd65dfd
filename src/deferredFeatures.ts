/**
 * Features activation does not need, loaded (a separate chunk, see esbuild.js) when first needed: the clean-up plan,
 * the manifest hints and the settings page. Nothing here runs inside activate()'s own time.
 */
import * as vscode from 'vscode';
import type { CleanupJobs } from './commands/cleanupJobs';
import type { Services } from './commands/services';
import type { SettingsPageState } from './webview/protocol';

/** Where `CleanupJobs` saves its plan (JOB_KEY in commands/cleanupJobs.ts). */
const CLEANUP_JOB_KEY = 'githubPackages.cleanupJob';

/** The saved clean-up plan, shown in the view's message: loaded after activation when one is saved, else on first use. */
export function cleanupJobsWhenNeeded(
  context: vscode.ExtensionContext,
  services: Services,
  view: vscode.TreeView<unknown>,
): () => Promise<CleanupJobs> {
  let loading: Promise<CleanupJobs> | undefined;
  const load = (): Promise<CleanupJobs> =>
    (loading ??= import('./lazyFeatures.js').then(({ CleanupJobs }) => {
      const cleanupJobs = new CleanupJobs(services, context.globalState);
      const showCleanupJob = (): void => void (view.message = cleanupJobs.describe());
      context.subscriptions.push(cleanupJobs, cleanupJobs.onDidChange(showCleanupJob));
      showCleanupJob();
      return cleanupJobs;
    }));
  if (context.globalState.get(CLEANUP_JOB_KEY) !== undefined) setImmediate(() => void load());
  return load;
}

/** Hints, hovers and problems in manifests: loaded once a document in one of the activation languages is open. */
export function manifestFeaturesWhenNeeded(context: vscode.ExtensionContext, services: Services): void {
  const languages = new Set(
    (context.extension.packageJSON as { activationEvents: string[] }).activationEvents
      .filter((event) => event.startsWith('onLanguage:'))
      .map((event) => event.slice('onLanguage:'.length)),
  );
  let loaded = false;
  const load = (): void => {
    if (loaded) return;
    loaded = true;
    opened.dispose();
    void import('./lazyFeatures.js').then(({ registerManifestFeatures }) => context.subscriptions.push(registerManifestFeatures(services)));
  };
  const opened = vscode.workspace.onDidOpenTextDocument((document) => languages.has(document.languageId) && load());
  context.subscriptions.push(opened);
  if (vscode.workspace.textDocuments.some((document) => languages.has(document.languageId))) setImmediate(load);
}

/** Restores settings pages open before a reload; their code loads only when there is one. */
export function settingsSerializer(context: vscode.ExtensionContext, services: Services): vscode.WebviewPanelSerializer<SettingsPageState> {
  return {
    async deserializeWebviewPanel(panel, state) {
      const { SettingsPanelSerializer, settingsPanelDeps } = await import('./lazyFeatures.js');
      await new SettingsPanelSerializer(context.extensionUri, settingsPanelDeps(services)).deserializeWebviewPanel(panel, state);
    },
  };
}
