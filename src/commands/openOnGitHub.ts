import * as vscode from 'vscode';
import { isGitHubWebUrl, ownerPackagesWebUrl } from '../github/hosts';
import type { TreeNode } from '../views/nodes';
import type { Services } from './services';
import { pickPackage } from './shared/pickPackage';

export async function openOnGitHub(services: Services, node?: TreeNode): Promise<void> {
  const url = await urlFor(services, node);
  if (url) await openGitHubUrl(services, url);
}

/** Opens a URL that came from GitHub only when it is https on GitHub's own web host (loopback for the stand-in). */
export async function openGitHubUrl(services: Services, url: unknown): Promise<boolean> {
  const host = services.host();
  if (typeof url !== 'string' || !isGitHubWebUrl(url, host)) {
    const shown = typeof url === 'string' ? url.slice(0, 200) : String(url);
    services.output.warn(`Not opening ${shown}: links from GitHub are opened only when they are https on ${host.webHost}.`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Not opening a link that is not on {0}: {1}', host.webHost, shown));
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
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
      const picked = await pickPackage(services, vscode.l10n.t('Open which package on GitHub?'));
      return picked?.pkg.htmlUrl;
    }
  }
}
