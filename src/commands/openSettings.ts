import type * as vscode from 'vscode';
import type { TreeNode } from '../views/nodes';
import { PackageSettingsPanel } from '../views/settingsPanel';
import type { Services } from './services';
import { installSnippetFor } from './shared/installSnippet';
import { pickPackage } from './shared/pickPackage';

/** `githubPackages.openSettings [node]`: the package settings page of a package (or a version's package). */
export async function openSettings(services: Services, extensionUri: vscode.Uri, node?: TreeNode): Promise<void> {
  const target = node?.kind === 'package' || node?.kind === 'version' ? { owner: node.owner, pkg: node.pkg } : await pickPackage(services, 'Open the settings of which package?');
  if (!target) return;
  PackageSettingsPanel.show(
    extensionUri,
    {
      registry: () => services.registry,
      onDidChange: services.onDidChangeRegistry,
      host: () => services.host(),
      installSnippet: (owner, pkg) => {
        const snippet = installSnippetFor(services, owner, pkg);
        return 'text' in snippet ? snippet.text : undefined;
      },
    },
    target.owner,
    target.pkg,
  );
}
