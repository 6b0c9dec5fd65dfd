/**
 * The account side of the extension: where tokens go (`HostSettings`), the token sources (`AuthService`) and the
 * RegistryService of that host (`CurrentRegistry`), built together because each needs the others.
 */
import * as vscode from 'vscode';
import { AuthService } from './auth/tokens';
import { HostSettings, viewSettings } from './configuration';
import { CurrentRegistry } from './currentRegistry';
import type { GitHubClient, GitHubClientOptions } from './github/client';
import { hostFromApiUrl } from './github/hosts';
import { PackagesApi, type RouteClient } from './github/packages';
import { GITHUB_CONCURRENCY } from './registry/limiter';
import { RegistryService } from './registry/service';

export interface Account {
  hosts: HostSettings;
  auth: AuthService;
  current: CurrentRegistry;
}

export function createAccount(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Account {
  const hosts = new HostSettings(context.globalState);
  const userAgent = `${context.extension.packageJSON.name}/${context.extension.packageJSON.version} (VS Code ${vscode.version})`;
  const packagesApi = (apiUrl: string, token: () => Promise<string | undefined>) =>
    new PackagesApi(
      lazyClient({ apiUrl, token, userAgent, log: output, throttle: { maxConcurrent: GITHUB_CONCURRENCY } }),
      hostFromApiUrl(apiUrl).graphqlUrl,
    );
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
      cache: {
        get: (key) => context.globalState.get(key),
        update: (key, value) => Promise.resolve(context.globalState.update(key, value)),
      },
      packageTypes: viewSettings.packageTypes(),
      extraOwners: viewSettings.owners(),
      webHost: hostFromApiUrl(apiUrl).webHost,
    });
  });
  context.subscriptions.push(hosts, auth, current);
  // A new host means a new registry, and every token lookup dropped before the next request.
  context.subscriptions.push(
    hosts.onDidChange(() => {
      current.rebuild();
      auth.invalidate();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('githubPackages.owners')) current.registry.setExtraOwners(viewSettings.owners());
      if (e.affectsConfiguration('githubPackages.packageTypes')) current.registry.setPackageTypes(viewSettings.packageTypes() ?? []);
    }),
  );
  warnAboutIgnoredWorkspaceSettings(hosts, output);
  return { hosts, auth, current };
}

/** Octokit (a third of the extension's code) loads with the first request instead of at activation. */
function lazyClient(options: GitHubClientOptions): RouteClient {
  let client: Promise<GitHubClient> | undefined;
  return {
    request: async (route) => {
      // A failed load is not kept: the next request (Retry, the next refresh) loads the client again.
      client ??= import('./github/client.js')
        .then(({ createGitHubClient }) => createGitHubClient(options))
        .catch((error: unknown) => {
          client = undefined;
          options.log?.error(`Could not load the GitHub client: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        });
      return (await client).request(route);
    },
  };
}

/** Says once, in the output, which workspace settings about hosts were ignored and why. */
function warnAboutIgnoredWorkspaceSettings(hosts: HostSettings, output: vscode.LogOutputChannel): void {
  const ignored = hosts.ignoredWorkspaceValues();
  if (ignored.length === 0) return;
  output.warn(
    `This workspace sets ${ignored.join(', ')}. GitHub Packages reads where tokens go only from your user settings, so these workspace values are not used. Copy them to your user settings if you trust them.`,
  );
}
