import * as vscode from 'vscode';
import type { Owner, Package, PackageVersion } from '../github/types';
import type { TreeNode } from '../views/nodes';
import type { Services } from './services';
import { showError } from './shared/errors';
import { installSnippetFor } from './shared/installSnippet';
import { pickPackage } from './shared/pickPackage';

export async function copyInstallCommand(services: Services, node?: TreeNode): Promise<void> {
  let target: { owner: Owner; pkg: Package; version?: PackageVersion } | undefined;
  if (node?.kind === 'package') target = { owner: node.owner, pkg: node.pkg };
  else if (node?.kind === 'version') target = { owner: node.owner, pkg: node.pkg, version: node.version };
  else target = await pickPackage(services, vscode.l10n.t('Copy the install command of which package?'));
  if (!target) return;
  const snippet = installSnippetFor(services, target.owner, target.pkg, target.version);
  if ('error' in snippet) {
    showError(services, snippet.error);
    return;
  }
  await vscode.env.clipboard.writeText(snippet.text);
  const firstLine = snippet.text.split('\n')[0];
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', `${firstLine}${snippet.text.includes('\n') ? ' …' : ''}`));
}
