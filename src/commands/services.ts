import type * as vscode from 'vscode';
import type { AuthService } from '../auth/tokens';
import type { GitHubHost, RegistryOptions } from '../github/hosts';
import type { PackagesTreeProvider } from '../views/packagesTree';
import type { PackagesModel } from '../views/model';
import type { RegistryService } from '../registry/service';

/** What every command may use; built once in activate(). */
export interface Services {
  auth: AuthService;
  model: PackagesModel;
  /** The RegistryService of the current host: every mutation goes through it (it updates the cache and fires). */
  readonly registry: RegistryService;
  /** The current API base URL (github.com, GHES, GHE.com, or the local stand-in). */
  apiUrl(): string;
  tree: PackagesTreeProvider;
  output: vscode.LogOutputChannel;
  host(): GitHubHost;
  registryOptions(): RegistryOptions;
  /** Re-reads owners and packages; resolves when done (errors land in the tree, not here). */
  refresh(): Promise<void>;
  /** Fires when the current host's RegistryService changes, and when the service is replaced (host changed). */
  onDidChangeRegistry: vscode.Event<void>;
}
