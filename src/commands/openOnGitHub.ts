import * as vscode from 'vscode';
import { ownerPackagesWebUrl } from '../github/hosts';
import type { TreeNode } from '../views/nodes';
import type { Services } from './services';
import { pickPackage } from './shared/pickPackage';

export async function openOnGitHub(services: Services, node?: TreeNode): Promise<void> {
  const url = await urlFor(services, node);
  if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
}

async function urlFor(services: Services, node?: TreeNode): Promise<string | undefined> {
  switch (node?.kind) {
    case 'owner':
      return ownerPackagesWebUrl(services.host(), node.owner);
    case 'package':
      return node.pkg.htmlUrl;
    case 'version':
      return node.version.htmlUrl ?? node.version.packageHtmlUrl ?? node.pkg.htmlUrl;
    default: {
      const picked = await pickPackage(services, 'Open which package on GitHub?');
      return picked?.pkg.htmlUrl;
    }
  }
}
