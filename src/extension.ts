import * as vscode from 'vscode';
import { AuthService } from './auth/tokens';
import { CleanupJobs } from './commands/cleanupJobs';
import { registerCommands } from './commands/index';
import { settingsPanelDeps } from './commands/openSettings';
import { VIEW_TYPE } from './views/settingsPanel';
import { SettingsPanelSerializer } from './views/settingsSerializer';
import { setConfirmHandler, type ConfirmHandler } from './commands/confirm';
import { manifestReader } from './commands/shared/manifestReader';
import type { Services } from './commands/services';
import { HostSettings, viewSettings } from './configuration';
import { CurrentRegistry } from './currentRegistry';
import { createGitHubClient } from './github/client';
import { GitHubError } from './github/errors';
import { hostFromApiUrl, isGitHubWebUrl } from './github/hosts';
import { PackagesApi } from './github/packages';
import { readManifestGraph } from './registry/multiArchGuard';
import { RegistryService } from './registry/service';
import { ManifestParents } from './views/manifestParents';
import type { PackageFilter } from './views/model';
import { PackagesTreeProvider, setTooltipLinkPolicy } from './views/packagesTree';
import { readWorkspaceInputs } from './workspace/manifests';
import { registerManifestFeatures } from './manifests';

const FILTER_KEY = 'githubPackages.filter';
const VIEW_ID = 'githubPackages.packages';

/** What activate() returns: used by the integration tests, and by other extensions that want the listing. */
export interface GitHubPackagesApi {
  registry(): RegistryService;
  tree: PackagesTreeProvider;
  auth: AuthService;
  /** Resolves when the current refresh (if any) has finished. */
  whenIdle(): Promise<void>;
  /** For the integration suite only: VS Code refuses modal dialogs during tests, so it answers confirmations itself. */
  testing: { setConfirmHandler(handler: ConfirmHandler | undefined): void };
}

export function activate(context: vscode.ExtensionContext): GitHubPackagesApi {
  // Services: where tokens go (user settings only), the token sources, the RegistryService of that host.
  const output = vscode.window.createOutputChannel('GitHub Packages', { log: true });
  const hosts = new HostSettings(context.globalState);
  const userAgent = `${context.extension.packageJSON.name}/${context.extension.packageJSON.version} (VS Code ${vscode.version})`;
  const packagesApi = (apiUrl: string, token: () => Promise<string | undefined>) =>
    new PackagesApi(createGitHubClient({ apiUrl, token, userAgent, log: output }), hostFromApiUrl(apiUrl).graphqlUrl);
  const auth = new AuthService({
    secrets: context.secrets,
    apiUrl: () => hosts.apiUrl(),
    enterpriseUri: () => hosts.effectiveEnterpriseUri(),
    checkToken: async (token) => packagesApi(hosts.apiUrl(), async () => token).getViewer(),
  });
  const current = new CurrentRegistry(() => {
    const apiUrl = hosts.apiUrl();
    return new RegistryService({
      // Bound to this host: after a host change this client gets no token at all.
      api: packagesApi(apiUrl, () => auth.tokenFor(apiUrl)),
      cacheScope: apiUrl,
      cache: { get: (key) => context.globalState.get(key), update: (key, value) => Promise.resolve(context.globalState.update(key, value)) },
      packageTypes: viewSettings.packageTypes(),
      extraOwners: viewSettings.owners(),
      webHost: hostFromApiUrl(apiUrl).webHost,
    });
  });
  context.subscriptions.push(output, hosts, auth, current);

  // Views: the Packages tree over the current registry, with multi-arch labels read in the background.
  const manifestParents = new ManifestParents(async (owner, pkg, active) => {
    const token = await auth.current();
    if (!token) return { ok: false, error: new GitHubError({ kind: 'notSignedIn', tokenRejected: false }), unreadable: [] };
    return readManifestGraph(manifestReader(services, token), { owner: owner.login, name: pkg.name }, active);
  }, () => current.fire());
  setTooltipLinkPolicy((url) => isGitHubWebUrl(url, hosts.host()));
  const tree = new PackagesTreeProvider(current, vscode.Uri.joinPath(context.extensionUri, 'media'), (owner, pkg, active) => manifestParents.get(owner, pkg, active));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  context.subscriptions.push(tree, view, view.onDidExpandElement((event) => tree.didExpand(event.element)), view.onDidCollapseElement((event) => tree.didCollapse(event.element)), view.onDidChangeSelection((event) => tree.setSelection(event.selection)));
  const applyFilter = (filter: PackageFilter): void => {
    tree.setFilter(filter);
    view.description = tree.filterDescription();
    void context.workspaceState.update(FILTER_KEY, filter);
  };
  applyFilter(context.workspaceState.get<PackageFilter>(FILTER_KEY) ?? {});
  tree.setShowDeleted(viewSettings.showDeleted());

  // Refresh: who is signed in, then the listing, with progress on the view.
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> => (refreshing = Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => refreshListing())));
  const refreshListing = async (): Promise<void> => {
    const token = await signedOutMeanwhile(auth.current(), () => current.setSignedIn(false));
    current.setSignedIn(token !== undefined);
    const state = vscode.commands.executeCommand('setContext', 'githubPackages.state', token ? 'signedIn' : 'signedOut');
    if (!token) return void (await state);
    // The workspace only adds owners: GitHub is asked at once, not after the workspace's files are read.
    const workspace = readWorkspaceInputs().then((inputs) => current.registry.setWorkspace(inputs));
    const source = token.source === 'saved' ? 'saved token' : token.source === 'env' ? 'GITHUB_PACKAGES_TOKEN token' : 'VS Code account session';
    output.info(`Listing packages on ${hosts.apiUrl()} with the ${source}.`);
    const listing = current.registry.refresh().catch((e: unknown) => output.warn(`Refresh stopped: ${e instanceof Error ? e.message : String(e)}`));
    await Promise.all([state, workspace, listing]);
  };

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
    refresh,
  };
  // The saved clean-up plan: shown in the view, resumable after a reload.
  const cleanupJobs = new CleanupJobs(services, context.globalState);
  const showCleanupJob = (): void => void (view.message = cleanupJobs.describe());
  context.subscriptions.push(cleanupJobs, cleanupJobs.onDidChange(showCleanupJob));
  showCleanupJob();
  registerCommands(context, services, { extensionUri: context.extensionUri, hostSettings: hosts, applyFilter, cleanupJobs });
  context.subscriptions.push(registerManifestFeatures(services));
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, new SettingsPanelSerializer(context.extensionUri, settingsPanelDeps(services))));

  // Start, and follow what changes: the host (a new registry, every token lookup dropped), sign-ins, settings.
  warnAboutIgnoredWorkspaceSettings(hosts, output);
  context.subscriptions.push(
    hosts.onDidChange(() => {
      current.rebuild();
      auth.invalidate();
    }),
    auth.onDidChange(() => void refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('githubPackages.owners')) current.registry.setExtraOwners(viewSettings.owners());
      if (e.affectsConfiguration('githubPackages.packageTypes')) current.registry.setPackageTypes(viewSettings.packageTypes() ?? []);
      if (e.affectsConfiguration('githubPackages.showDeleted')) tree.setShowDeleted(viewSettings.showDeleted());
    }),
  );
  void refresh();

  return {
    registry: () => current.registry,
    tree,
    auth,
    whenIdle: () => refreshing,
    testing: {
      // Other extensions can reach this API; a confirmation that skips the modal is for the test host only.
      setConfirmHandler: (handler) => {
        if (context.extensionMode !== vscode.ExtensionMode.Test) throw new Error('setConfirmHandler is only available when VS Code runs extension tests.');
        setConfirmHandler(handler);
      },
    },
  };
}

const SIGN_IN_OFFER_AFTER_MS = 1500;

/**
 * VS Code's account lookup can take many seconds when no provider answers; offer the sign-in buttons meanwhile
 * (the welcome view) instead of "Connecting to GitHub…", and show the listing as soon as a token arrives.
 */
async function signedOutMeanwhile<T>(lookup: Promise<T | undefined>, showSignedOut: () => void): Promise<T | undefined> {
  const timer = setTimeout(() => {
    showSignedOut();
    void vscode.commands.executeCommand('setContext', 'githubPackages.state', 'signedOut');
  }, SIGN_IN_OFFER_AFTER_MS);
  try {
    return await lookup;
  } finally {
    clearTimeout(timer);
  }
}

/** Says once, in the output, which workspace settings about hosts were ignored and why. */
function warnAboutIgnoredWorkspaceSettings(hosts: HostSettings, output: vscode.LogOutputChannel): void {
  const ignored = hosts.ignoredWorkspaceValues();
  if (ignored.length === 0) return;
  output.warn(
    `This workspace sets ${ignored.join(', ')}. GitHub Packages reads where tokens go only from your user settings, so these workspace values are not used. Copy them to your user settings if you trust them.`,
  );
}

export function deactivate(): void {}
