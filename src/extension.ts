import * as vscode from 'vscode';
import { createAccount, type Account } from './account';
import type { AuthService } from './auth/tokens';
import { setConfirmHandler, type ConfirmHandler } from './commands/confirm';
import type { Services } from './commands/services';
import { cleanupJobsWhenNeeded, manifestFeaturesWhenNeeded, settingsSerializer } from './deferredFeatures';
import { registerLazyCommands } from './lazyCommands';
import { Refresher } from './refresher';
import type { RegistryService } from './registry/service';
import { registerPackagesView } from './views/index';
import type { OwnerListing } from './views/model';
import type { PackagesTreeProvider } from './views/packagesTree';

const VIEW_ID = 'githubPackages.packages';
/** The settings page's webview type (`VIEW_TYPE` in views/settingsPanel.ts), named here so activation need not load the page. */
const SETTINGS_VIEW_TYPE = 'githubPackages.settings';

/** What another extension may rely on: the listing as the Packages view shows it, and when it changes. */
export interface GitHubPackagesApi {
  /** Owners with their packages (or the error that stopped their listing). */
  owners(): OwnerListing[];
  /** Fires whenever the listing changes, including when the API host changes. */
  onDidChange: vscode.Event<void>;
  /** Resolves when the current refresh (if any) has finished. */
  whenIdle(): Promise<void>;
}

/** Only while VS Code runs extension tests: the objects the integration suite drives. */
export interface GitHubPackagesTestApi extends GitHubPackagesApi {
  registry(): RegistryService;
  tree: PackagesTreeProvider;
  auth: AuthService;
  /** VS Code refuses modal dialogs during tests, so the suite answers confirmations itself. */
  testing: { setConfirmHandler(handler: ConfirmHandler | undefined): void };
  /** The extension's log folder; the GitHub Packages output channel is written beside it, as the suite reads it. */
  logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): GitHubPackagesApi {
  // Services: where tokens go (user settings only), the token sources, the RegistryService of that host.
  const output = vscode.window.createOutputChannel('GitHub Packages', { log: true });
  context.subscriptions.push(output);
  const account = createAccount(context, output);
  const { auth, current, hosts } = account;
  const refresher = new Refresher(account, output, VIEW_ID);

  // Views: the Packages tree; commands and every other feature get the same services.
  const { tree, view, applyFilter } = registerPackagesView(context, account, VIEW_ID, () => services);
  const services: Services = {
    auth,
    model: current,
    get registry() {
      return current.registry;
    },
    apiUrl: () => hosts.apiUrl(),
    onDidChangeRegistry: current.onDidChange,
    tree,
    output,
    host: () => hosts.host(),
    registryOptions: () => hosts.registryOptions(),
    refresh: () => refresher.refresh(),
  };
  // What activation does not need loads when first needed: clean-up jobs, commands, manifest features, the page.
  const cleanupJobs = cleanupJobsWhenNeeded(context, services, view);
  registerLazyCommands(context, services, async () => ({
    extensionUri: context.extensionUri,
    hostSettings: hosts,
    applyFilter,
    cleanupJobs: await cleanupJobs(),
  }));
  manifestFeaturesWhenNeeded(context, services);
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(SETTINGS_VIEW_TYPE, settingsSerializer(context, services)));

  // Start, and refresh when the account or the workspace changes.
  context.subscriptions.push(
    auth.onDidChange(() => void refresher.refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refresher.refresh()),
  );
  void refresher.refresh();
  return exportedApi(context, account, tree, refresher);
}

function exportedApi(
  context: vscode.ExtensionContext,
  account: Account,
  tree: PackagesTreeProvider,
  refresher: Refresher,
): GitHubPackagesApi {
  const api: GitHubPackagesApi = {
    owners: () => account.current.owners(),
    onDidChange: account.current.onDidChange,
    whenIdle: () => refresher.whenIdle(),
  };
  // Test hooks (a confirmation that skips the modal among them) are not handed to other extensions.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const testApi: GitHubPackagesTestApi = {
    ...api,
    registry: () => account.current.registry,
    tree,
    auth: account.auth,
    testing: { setConfirmHandler },
    logUri: context.logUri,
  };
  return testApi;
}

export function deactivate(): void {}
