import * as vscode from 'vscode';
import type { TokenInfo } from '../auth/tokens';
import type { ContainerCli } from '../ecosystems/containerCli';
import { chosenContainerCli, cliFailureText, containerHost, runLogin, showFailure, whereStored } from './containerCli';
import { requireScope } from './requireScope';
import type { Services } from './services';

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

/**
 * Signs the chosen CLI in to the registry with a token good for `tier`, with progress; says what went wrong and returns
 * undefined when it could not (no CLI, no token, refused, cancelled).
 */
export async function signInContainerCli(
  services: Services,
  tier: 'browse' | 'write',
): Promise<{ cli: ContainerCli; host: string; token: TokenInfo } | undefined> {
  const { cli, missing } = chosenContainerCli();
  if (missing) {
    void vscode.window.showErrorMessage(missing);
    return undefined;
  }
  const host = containerHost(services);
  if (!host) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The container registry in githubPackages.registryUrls is not a host name such as ghcr.io; fix the setting first.'),
    );
    return undefined;
  }
  const token = await requireScope(services, tier, vscode.l10n.t('sign {0} in to {1}', cli, host));
  if (!token) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing {0} in to {1}…', cli, host), cancellable: true },
    (_progress, cancellation) => runLogin(services, cli, host, token, cancellation),
  );
  if (result.code === 0) return { cli, host, token };
  if (!result.cancelled)
    showFailure(
      services,
      vscode.l10n.t('{0} could not sign in to {1}: {2}', cli, host, cliFailureText(result, { cli, host, action: 'login' })),
    );
  return undefined;
}
