import * as vscode from 'vscode';
import { ecosystemFor, isEcosystemError } from '../ecosystems';
import { registryUrl } from '../github/hosts';
import type { Owner, Package, PackageVersion } from '../github/types';
import { isContainer, TreeNode } from '../views/nodes';
import { pickPackage } from './pick';
import type { Services } from './services';
import { showError } from './shared/errors';

/** The install command line (or manifest lines) for a package or version, as its ecosystem writes it. */
export function installSnippetFor(services: Services, owner: Owner, pkg: Package, version?: PackageVersion): { text: string; language: string } | { error: string } {
  const ecosystem = ecosystemFor(pkg.packageType);
  if (!ecosystem) return { error: `No install command is known for ${pkg.packageType} packages.` };
  const repo = pkg.repository?.name;
  const snippet = ecosystem.installSnippet({
    owner: owner.login,
    name: pkg.name,
    version: version ? (isContainer(pkg) ? version.tags[0] ?? version.name : version.name) : undefined,
    registryUrl: registryUrl(services.host(), ecosystem.id, { owner: owner.login, repo }, services.registryOptions()),
  });
  return isEcosystemError(snippet) ? { error: snippet.message } : snippet;
}

export async function copyInstallCommand(services: Services, node?: TreeNode): Promise<void> {
  let target: { owner: Owner; pkg: Package; version?: PackageVersion } | undefined;
  if (node?.kind === 'package') target = { owner: node.owner, pkg: node.pkg };
  else if (node?.kind === 'version') target = { owner: node.owner, pkg: node.pkg, version: node.version };
  else target = await pickPackage(services, 'Copy the install command of which package?');
  if (!target) return;
  const snippet = installSnippetFor(services, target.owner, target.pkg, target.version);
  if ('error' in snippet) {
    showError(services, snippet.error);
    return;
  }
  await vscode.env.clipboard.writeText(snippet.text);
  const firstLine = snippet.text.split('\n')[0];
  void vscode.window.showInformationMessage(`Copied: ${firstLine}${snippet.text.includes('\n') ? ' …' : ''}`);
}
