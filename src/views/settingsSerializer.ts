import * as vscode from 'vscode';
import type { Owner, Package } from '../github/types';
import type { SettingsPageState } from '../webview/protocol';
import { PackageSettingsPanel, type SettingsPanelDeps } from './settingsPanel';

const GIVE_UP_MS = 60_000;

/** Brings settings tabs back after a window reload, once the restored listing holds their package. */
export class SettingsPanelSerializer implements vscode.WebviewPanelSerializer<SettingsPageState> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: SettingsPanelDeps,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: SettingsPageState | undefined): Promise<void> {
    const found = state && (await this.whenListed(state));
    if (!found) {
      panel.dispose();
      return;
    }
    PackageSettingsPanel.adopt(panel, this.extensionUri, this.deps, found.owner, found.pkg);
  }

  private find(state: SettingsPageState): { owner: Owner; pkg: Package } | undefined {
    const listing = this.deps.registry().getOwner(state.owner);
    const pkg = listing?.packages?.find((candidate) => candidate.packageType === state.packageType && candidate.name === state.name);
    return listing && pkg ? { owner: listing.owner, pkg } : undefined;
  }

  /** The listing may still be on its way (first start, other host): wait for it, for a while. */
  private whenListed(state: SettingsPageState): Promise<{ owner: Owner; pkg: Package } | undefined> {
    const now = this.find(state);
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const finish = (value: { owner: Owner; pkg: Package } | undefined): void => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(value);
      };
      const subscription = this.deps.onDidChange(() => {
        const found = this.find(state);
        if (found) finish(found);
      });
      const timer = setTimeout(() => finish(undefined), GIVE_UP_MS);
    });
  }
}
