/**
 * The extension's settings, read in one place. Settings that decide where a token goes (`apiUrl`, `registryUrls`,
 * and VS Code's `github-enterprise.uri` as far as we derive the API host from it) are read from the user's own
 * settings only: a workspace's `.vscode/settings.json` can never send a token to another host.
 */
import * as vscode from 'vscode';
import { hostFromApiUrl, resolveApiUrl, type GitHubHost, type RegistryOptions, type RegistryUrlOverrides } from './github/hosts';
import type { PackageType } from './github/types';

export const SECTION = 'githubPackages';
/** Which account kind the user chose to sign in with: github.com, or the GitHub Enterprise host of `github-enterprise.uri`. */
const PROVIDER_KEY = 'githubPackages.provider';

export type AccountProvider = 'github' | 'github-enterprise';

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** A value from user settings (local or remote), never from a workspace or folder. */
export function userValue<T>(sectionName: string, key: string): T | undefined {
  return vscode.workspace.getConfiguration(sectionName).inspect<T>(key)?.globalValue;
}

/** Settings that only change what is shown; a workspace may set these. */
export const viewSettings = {
  owners: (): string[] => section().get<string[]>('owners') ?? [],
  packageTypes: (): PackageType[] | undefined => section().get<PackageType[]>('packageTypes'),
  showDeleted: (): boolean => section().get<boolean>('showDeleted') ?? false,
  setShowDeleted: (show: boolean): Thenable<void> => section().update('showDeleted', show, vscode.ConfigurationTarget.Global),
};

/** The API host the user configured, and the one event that says it changed. */
export class HostSettings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the API host or a registry URL changes: every token lookup must be dropped before the next request. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly globalState: vscode.Memento) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(`${SECTION}.apiUrl`) ||
        e.affectsConfiguration('github-enterprise.uri') ||
        e.affectsConfiguration(`${SECTION}.registryUrls`)
      ) {
        this.changed.fire();
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  provider(): AccountProvider {
    return this.globalState.get<AccountProvider>(PROVIDER_KEY) ?? 'github';
  }

  async setProvider(provider: AccountProvider): Promise<void> {
    if (this.provider() === provider) return;
    await this.globalState.update(PROVIDER_KEY, provider);
    this.changed.fire();
  }

  /** The user's own `github-enterprise.uri`. */
  enterpriseUri(): string | undefined {
    return userValue<string>('github-enterprise', 'uri')?.trim() || undefined;
  }

  /** `github-enterprise.uri` as VS Code's GitHub Enterprise provider reads it (a workspace can set it there). */
  effectiveEnterpriseUri(): string | undefined {
    return vscode.workspace.getConfiguration('github-enterprise').get<string>('uri')?.trim() || undefined;
  }

  apiUrl(): string {
    return resolveApiUrl({ apiUrl: userValue<string>(SECTION, 'apiUrl'), enterpriseUri: this.enterpriseUri(), provider: this.provider() });
  }

  host(): GitHubHost {
    return hostFromApiUrl(this.apiUrl());
  }

  registryOptions(): RegistryOptions {
    return { overrides: userValue<RegistryUrlOverrides>(SECTION, 'registryUrls') ?? {} };
  }

  /** Workspace values the extension ignores for where tokens go, to say so once in the output. */
  ignoredWorkspaceValues(): string[] {
    const ignored: string[] = [];
    for (const [name, key] of [
      [SECTION, 'apiUrl'],
      [SECTION, 'registryUrls'],
      ['github-enterprise', 'uri'],
    ] as const) {
      const inspected = vscode.workspace.getConfiguration(name).inspect(key);
      if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) ignored.push(`${name}.${key}`);
    }
    return ignored;
  }
}
