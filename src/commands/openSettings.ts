import * as vscode from 'vscode';
import type { TreeNode } from '../views/nodes';
import { PackageSettingsPanel, type SettingsPanelDeps } from '../views/settingsPanel';
import type { Services } from './services';
import { installSnippetFor } from './shared/installSnippet';
import { pickPackage } from './shared/pickPackage';

/** `githubPackages.openSettings [node]`: the package settings page of a package (or a version's package). */
export async function openSettings(services: Services, extensionUri: vscode.Uri, node?: TreeNode): Promise<void> {
  const target =
    node?.kind === 'package' || node?.kind === 'version'
      ? { owner: node.owner, pkg: node.pkg }
      : await pickPackage(services, vscode.l10n.t('Open the settings of which package?'));
  if (!target) return;
  PackageSettingsPanel.show(extensionUri, settingsPanelDeps(services), target.owner, target.pkg);
}

/** What a settings page reads; shared by the command and the serializer that restores pages after a reload. */
export function settingsPanelDeps(services: Services): SettingsPanelDeps {
  return {
    registry: () => services.registry,
    onDidChange: services.onDidChangeRegistry,
    host: () => services.host(),
    installSnippet: (owner, pkg) => {
      const snippet = installSnippetFor(services, owner, pkg);
      return 'text' in snippet ? snippet.text : undefined;
    },
    versionLabel: (owner, pkg, version) => services.tree.labelOf(owner, pkg, version),
    signedIn: () => services.model.signedIn(),
  };
}
