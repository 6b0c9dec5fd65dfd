import * as vscode from 'vscode';
import type { Services } from './services';
import { signInContainerCli, whereStored } from './shared/containerCli';

/**
 * `githubPackages.containerLogin`: signs docker or podman in to the container registry of the configured host with the
 * token the extension holds (standard input only), and says where the CLI now keeps it.
 */
export async function containerLogin(services: Services): Promise<void> {
  const signedIn = await signInContainerCli(services, 'browse');
  if (!signedIn) return;
  const stored = await whereStored(signedIn.cli, signedIn.host);
  services.output.info(stored);
  const scopes = signedIn.token.scopes;
  const readOnly = scopes !== undefined && !scopes.includes('write:packages');
  void vscode.window.showInformationMessage(
    readOnly
      ? vscode.l10n.t(
          '{0} is signed in to {1}; the token can pull but not push (no write:packages). {2}',
          signedIn.cli,
          signedIn.host,
          stored,
        )
      : vscode.l10n.t('{0} is signed in to {1}. {2}', signedIn.cli, signedIn.host, stored),
  );
}
