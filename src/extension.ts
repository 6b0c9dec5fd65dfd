import * as vscode from 'vscode';
import { AuthService } from './auth/tokens';
import { setConfirmHandler, type ConfirmHandler } from './commands/confirm';
import { copyInstallCommand } from './commands/copyInstallCommand';
import { deletePackage } from './commands/deletePackage';
import { deleteVersions } from './commands/deleteVersions';
import { restorePackage, restoreVersions } from './commands/restore';
import { filterPackages } from './commands/filter';
import { openOnGitHub } from './commands/openOnGitHub';
import type { Services } from './commands/services';
import { manifestReader } from './commands/requireScope';
import { setVisibility } from './commands/setVisibility';
import { configureRegistry } from './commands/configureRegistry';
import { install } from './commands/install';
import { publish } from './commands/publish';
import { cleanup } from './commands/cleanup';
import type { RetentionRule } from './registry/retention';
import { openSettings, settingsPanelDeps } from './commands/openSettings';
import { VIEW_TYPE } from './views/settingsPanel';
import { SettingsPanelSerializer } from './views/settingsSerializer';
import { signIn, signInWithToken, signOut } from './commands/signIn';
import { createGitHubClient } from './github/client';
import { hostFromApiUrl, resolveApiUrl, type RegistryOptions } from './github/hosts';
import { PackagesApi } from './github/packages';
import type { PackageRef } from './github/types';
import { RegistryService } from './registry/service';
import type { PackageFilter } from './views/model';
import type { TreeNode } from './views/nodes';
import { PackagesTreeProvider } from './views/packagesTree';
import { readWorkspaceInputs } from './workspace/manifests';
import { ManifestParents } from './views/manifestParents';
import { readManifestGraph } from './registry/multiArchGuard';
import { GitHubError } from './github/errors';
import { RegistryModel } from './views/registryModel';

const FILTER_KEY = 'githubPackages.filter';
/** Which account kind the user chose to sign in with: github.com, or the GitHub Enterprise host of `github-enterprise.uri`. */
const PROVIDER_KEY = 'githubPackages.provider';

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
  const output = vscode.window.createOutputChannel('GitHub Packages', { log: true });
  context.subscriptions.push(output);
  const config = () => vscode.workspace.getConfiguration('githubPackages');
  const apiUrl = (): string =>
    resolveApiUrl({
      apiUrl: config().get<string>('apiUrl'),
      enterpriseUri: vscode.workspace.getConfiguration('github-enterprise').get<string>('uri'),
      provider: context.globalState.get<'github' | 'github-enterprise'>(PROVIDER_KEY) ?? 'github',
    });
  const registryOptions = (): RegistryOptions => ({ overrides: config().get('registryUrls') ?? {} });
  const userAgent = `${context.extension.packageJSON.name}/${context.extension.packageJSON.version} (VS Code ${vscode.version})`;

  const makeApi = (url: string, token: () => Promise<string | undefined>): PackagesApi => {
    const client = createGitHubClient({ apiUrl: url, token, userAgent, log: output });
    return new PackagesApi(client, hostFromApiUrl(url).graphqlUrl);
  };
  const auth = new AuthService({
    secrets: context.secrets,
    apiUrl,
    checkToken: async (token) => {
      const viewer = await makeApi(apiUrl(), async () => token).getViewer();
      return { login: viewer.login, scopes: viewer.scopes };
    },
  });
  context.subscriptions.push(auth);

  // One RegistryService per API host; rebuilt when the host changes so caches never mix accounts.
  let registry: RegistryService | undefined;
  let model: RegistryModel | undefined;
  let registrySubscription: { dispose(): void } | undefined;
  const modelChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(modelChanged);
  const buildRegistry = (): { registry: RegistryService; model: RegistryModel } => {
    registrySubscription?.dispose();
    registry?.dispose();
    const url = apiUrl();
    registry = new RegistryService({
      api: makeApi(url, async () => (await auth.current())?.token),
      cacheScope: url,
      cache: { get: (key) => context.globalState.get(key), update: (key, value) => Promise.resolve(context.globalState.update(key, value)) },
      packageTypes: config().get('packageTypes'),
      extraOwners: config().get('owners') ?? [],
      webHost: hostFromApiUrl(url).webHost,
    });
    model = new RegistryModel(registry);
    registrySubscription = registry.onDidChange(() => modelChanged.fire());
    return { registry, model };
  };
  let current = buildRegistry();

  const mediaUri = vscode.Uri.joinPath(context.extensionUri, 'media');
  const manifestParents = new ManifestParents(async (owner, pkg, active) => {
    const token = await auth.current();
    if (!token) return { ok: false, error: new GitHubError({ kind: 'notSignedIn', tokenRejected: false }), unreadable: [] };
    return readManifestGraph(manifestReader(services, token), { owner: owner.login, name: pkg.name }, active);
  }, () => modelChanged.fire());
  const tree = new PackagesTreeProvider(
    {
      onDidChange: (listener) => modelChanged.event(listener),
      signedIn: () => current.model.signedIn(),
      accountError: () => current.model.accountError(),
      notice: () => current.model.notice(),
      owners: () => current.model.owners(),
      versions: (owner, pkg) => current.model.versions(owner, pkg),
      loadVersions: (owner, pkg, deleted) => current.model.loadVersions(owner, pkg, deleted),
    },
    mediaUri,
    (owner, pkg, active) => manifestParents.get(owner, pkg, active),
  );
  const view = vscode.window.createTreeView('githubPackages.packages', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  context.subscriptions.push(tree, view, view.onDidExpandElement((event) => tree.didExpand(event.element)), view.onDidCollapseElement((event) => tree.didCollapse(event.element)));

  const applyFilter = (filter: PackageFilter): void => {
    tree.setFilter(filter);
    view.description = tree.filterDescription();
    void context.workspaceState.update(FILTER_KEY, filter);
  };
  applyFilter(context.workspaceState.get<PackageFilter>(FILTER_KEY) ?? {});
  tree.setShowDeleted(config().get<boolean>('showDeleted') ?? false);

  let refreshing: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> => {
    refreshing = Promise.resolve(vscode.window.withProgress({ location: { viewId: 'githubPackages.packages' } }, async () => {
      const token = await signedOutMeanwhile(auth.current(), () => {
        current.model.setSignedIn(false);
        modelChanged.fire();
      });
      current.model.setSignedIn(token !== undefined);
      await vscode.commands.executeCommand('setContext', 'githubPackages.state', token ? 'signedIn' : 'signedOut');
      if (!token) {
        modelChanged.fire();
        return;
      }
      current.registry.setWorkspace(await readWorkspaceInputs());
      output.info(`Listing packages on ${apiUrl()} with the ${token.source === 'saved' ? 'saved token' : token.source === 'env' ? 'GITHUB_PACKAGES_TOKEN token' : 'VS Code account session'}.`);
      await current.registry.refresh().catch((e: unknown) => output.warn(`Refresh stopped: ${e instanceof Error ? e.message : String(e)}`));
    }));
    return refreshing;
  };

  const rebuildAndRefresh = (): void => {
    current = buildRegistry();
    void refresh();
  };

  context.subscriptions.push(
    auth.onDidChange(() => void refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('githubPackages.apiUrl') || e.affectsConfiguration('github-enterprise.uri')) rebuildAndRefresh();
      else if (e.affectsConfiguration('githubPackages.owners')) current.registry.setExtraOwners(config().get('owners') ?? []);
      else if (e.affectsConfiguration('githubPackages.packageTypes')) current.registry.setPackageTypes(config().get('packageTypes') ?? []);
      if (e.affectsConfiguration('githubPackages.showDeleted')) tree.setShowDeleted(config().get<boolean>('showDeleted') ?? false);
    }),
    { dispose: () => current.registry.dispose() },
  );

  const services: Services = {
    auth,
    get model() {
      return current.model;
    },
    get registry() {
      return current.registry;
    },
    apiUrl,
    onDidChangeRegistry: modelChanged.event,
    tree,
    output,
    host: () => hostFromApiUrl(apiUrl()),
    registryOptions,
    refresh,
  };

  const register = (id: string, handler: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
  };
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, new SettingsPanelSerializer(context.extensionUri, settingsPanelDeps(services))));
  register('githubPackages.refresh', () => refresh());
  register('githubPackages.signIn', async (provider?: string, mode?: 'upgrade' | 'reauthenticate') => {
    if (provider === 'github' || provider === 'github-enterprise') {
      if (provider === 'github-enterprise' && !(await ensureEnterpriseUri())) return;
      if (context.globalState.get(PROVIDER_KEY) !== provider) {
        await context.globalState.update(PROVIDER_KEY, provider);
        current = buildRegistry();
        auth.invalidate();
      }
    }
    await signIn(services, undefined, mode);
  });
  register('githubPackages.signInWithToken', (token?: string) => signInWithToken(services, token));
  register('githubPackages.signOut', () => signOut(services));
  register('githubPackages.openOnGitHub', (node?: TreeNode) => openOnGitHub(services, node));
  register('githubPackages.copyInstallCommand', (node?: TreeNode) => copyInstallCommand(services, node));
  register('githubPackages.setVisibility', (node?: TreeNode, visibility?: 'public' | 'private' | 'internal') => setVisibility(services, node, visibility));
  register('githubPackages.openSettings', (node?: TreeNode) => openSettings(services, context.extensionUri, node));
  register('githubPackages.configureRegistry', (target?: TreeNode | vscode.Uri) => configureRegistry(services, target));
  register('githubPackages.cleanup', (node?: TreeNode, rule?: RetentionRule) => cleanup(services, node, rule));
  register('githubPackages.publish', (target?: TreeNode | vscode.Uri) => publish(services, target));
  register('githubPackages.install', (target?: TreeNode | vscode.Uri) => install(services, target));
  register('githubPackages.filter', (preset?: PackageFilter) => filterPackages(services, applyFilter, preset));
  register('githubPackages.showDeleted', () => config().update('showDeleted', true, vscode.ConfigurationTarget.Global));
  register('githubPackages.hideDeleted', () => config().update('showDeleted', false, vscode.ConfigurationTarget.Global));
  register('githubPackages.loadMore', (node?: TreeNode) => node?.kind === 'loadMore' && tree.loadMore(node.pkg));
  register('githubPackages.deleteVersion', (node?: TreeNode, selected?: TreeNode[]) => deleteVersions(services, node, selected));
  register('githubPackages.deletePackage', (node?: TreeNode) => deletePackage(services, node));
  register('githubPackages.restoreVersion', (node?: TreeNode, selected?: TreeNode[]) => restoreVersions(services, node, selected));
  register('githubPackages.restorePackage', (ref?: PackageRef) => restorePackage(services, ref));
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

/** GitHub Enterprise sign-in needs the host; VS Code's own `github-enterprise.uri` setting holds it. */
async function ensureEnterpriseUri(): Promise<boolean> {
  const setting = vscode.workspace.getConfiguration('github-enterprise');
  if (setting.get<string>('uri')) return true;
  const uri = await vscode.window.showInputBox({
    title: 'GitHub Enterprise host',
    prompt: 'The address of your GitHub Enterprise Server or GHE.com instance',
    placeHolder: 'https://github.example.com or https://octocorp.ghe.com',
    ignoreFocusOut: true,
    validateInput: (value) => (/^https:\/\/[^\s/]+\/?$/.test(value.trim()) ? undefined : 'Enter an https:// address with no path'),
  });
  if (!uri) return false;
  await setting.update('uri', uri.trim().replace(/\/+$/, ''), vscode.ConfigurationTarget.Global);
  return true;
}

export function deactivate(): void {}
