import * as vscode from 'vscode';
import { isGitHubError } from '../github/errors';
import { newTokenUrl } from '../github/hosts';
import type { AccountProvider, HostSettings } from '../configuration';
import { scopesFor } from '../github/scopes';
import { offerClassicToken } from './requireScope';
import type { Services } from './services';

/**
 * `githubPackages.signIn [provider] [mode]`: VS Code account sign-in; `upgrade` asks for more scopes, `reauthenticate`
 * a new session. With a provider, signs in to exactly that kind of account; the choice (and a GitHub Enterprise host
 * typed for it) is kept only when the sign-in succeeds.
 */
export async function signIn(
  services: Services,
  hosts: HostSettings,
  provider?: string,
  mode?: 'upgrade' | 'reauthenticate',
): Promise<void> {
  if (provider === 'github' || provider === 'github-enterprise') {
    await signInToProvider(services, hosts, provider);
    return;
  }
  const current = await services.auth.current();
  if (current && current.source !== 'session' && mode === 'reauthenticate') {
    // Signing in to an account would not help: a saved or environment token is used first.
    if (current.source === 'env') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'GitHub rejected the token in GITHUB_PACKAGES_TOKEN (expired or revoked). Set a valid classic token in that variable and reload the window.',
        ),
      );
      return;
    }
    const replace = vscode.l10n.t('Paste a New Token');
    const forget = vscode.l10n.t('Forget It, Use My GitHub Account');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('GitHub rejected the saved personal access token (expired, revoked, or not authorized for this organization).'),
      replace,
      forget,
    );
    if (choice === replace) await vscode.commands.executeCommand('githubPackages.signInWithToken');
    if (choice === forget) {
      await services.auth.signOut();
      await signInToAccount(services);
    }
    return;
  }
  if (current && current.source !== 'session' && mode === 'upgrade') {
    const which = current.source === 'saved' ? vscode.l10n.t('a saved personal access token') : 'GITHUB_PACKAGES_TOKEN';
    await offerClassicToken(
      services,
      'delete',
      vscode.l10n.t(
        'The token in use comes from {0} and cannot be widened by VS Code. Create a classic token with the scopes you need and save it.',
        which,
      ),
    );
    return;
  }
  await signInToAccount(services, mode);
}

/** Signs in to an account of `provider`; on failure or cancel, the provider and host the user had are put back. */
async function signInToProvider(services: Services, hosts: HostSettings, provider: AccountProvider): Promise<void> {
  const previousProvider = hosts.provider();
  const enterprise = vscode.workspace.getConfiguration('github-enterprise');
  let typedUri: string | undefined;
  if (provider === 'github-enterprise' && !hosts.enterpriseUri()) {
    typedUri = await askEnterpriseUri();
    if (!typedUri) return;
    // VS Code's GitHub Enterprise provider reads the host from this setting, so it has to be there to sign in.
    await enterprise.update('uri', typedUri, vscode.ConfigurationTarget.Global);
  }
  await hosts.setProvider(provider);
  const signedIn = await signInToAccount(services);
  if (signedIn) return;
  await hosts.setProvider(previousProvider);
  if (typedUri !== undefined) await enterprise.update('uri', undefined, vscode.ConfigurationTarget.Global);
}

/** True when VS Code gave a session. A provider that does not answer leads to the token path instead. */
async function signInToAccount(services: Services, mode?: 'upgrade' | 'reauthenticate'): Promise<boolean> {
  try {
    if (mode === 'reauthenticate') {
      await services.auth.reauthenticate();
      return true;
    }
    return (await services.auth.signIn()) !== undefined;
  } catch (e) {
    const message = isGitHubError(e) || e instanceof Error ? e.message : String(e);
    const useToken = vscode.l10n.t('Use a Personal Access Token');
    const stuck = /timed out waiting for authentication provider|no authentication provider/i.test(message);
    services.output.warn(`Sign-in did not complete: ${message}`);
    void vscode.window
      .showErrorMessage(
        stuck
          ? vscode.l10n.t(
              "VS Code's GitHub sign-in did not answer ({0}). You can sign in with a personal access token (classic) instead.",
              message,
            )
          : vscode.l10n.t('Sign-in did not complete: {0}', message),
        useToken,
      )
      .then((choice) => choice && vscode.commands.executeCommand('githubPackages.signInWithToken'));
    return false;
  }
}

/** GitHub Enterprise sign-in needs the host; VS Code's own `github-enterprise.uri` setting holds it. */
async function askEnterpriseUri(): Promise<string | undefined> {
  const uri = await vscode.window.showInputBox({
    title: vscode.l10n.t('GitHub Enterprise host'),
    prompt: vscode.l10n.t('The address of your GitHub Enterprise Server or GHE.com instance'),
    placeHolder: vscode.l10n.t('https://github.example.com or https://octocorp.ghe.com'),
    ignoreFocusOut: true,
    validateInput: (value) =>
      /^https:\/\/[^\s/]+\/?$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter an https:// address with no path'),
  });
  return uri ? uri.trim().replace(/\/+$/, '') : undefined;
}

/** `githubPackages.signInWithToken [token]`: asks for a classic token, checks it with GitHub, keeps it in SecretStorage. */
export async function signInWithToken(services: Services, token?: string): Promise<boolean> {
  const value =
    typeof token === 'string'
      ? token
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Sign in with a personal access token (classic)'),
          prompt: vscode.l10n.t(
            "Scopes: read:packages to browse; add write:packages to publish and restore, delete:packages to delete. It is kept in VS Code's secret storage.",
          ),
          password: true,
          ignoreFocusOut: true,
          placeHolder: vscode.l10n.t('Paste the token'),
          validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Paste a token, or press Escape to cancel')),
        });
  if (!value) return false;
  try {
    const check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with GitHub…') },
      () => services.auth.saveToken(value),
    );
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to GitHub Packages as {0}.', check.login));
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Not awaited: the command's result must not wait for someone to dismiss the notification.
    void vscode.window
      .showErrorMessage(vscode.l10n.t('The token was not saved: {0}', message), vscode.l10n.t('Create a Token'))
      .then((choice) => {
        if (choice) void vscode.env.openExternal(vscode.Uri.parse(newTokenUrl(services.host(), scopesFor('delete'))));
      });
    return false;
  }
}

export async function signOut(services: Services): Promise<void> {
  // Finding out what else signs you in may wait on VS Code's accounts: say at once that it is under way.
  const { hadSavedToken, source } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing out of GitHub Packages…') },
    () => services.auth.signOut(),
  );
  if (source === 'env') {
    void vscode.window.showInformationMessage(
      (hadSavedToken ? vscode.l10n.t('The saved token was forgotten. ') : '') +
        vscode.l10n.t('GITHUB_PACKAGES_TOKEN is still set in this environment, so you stay signed in with it.'),
    );
  } else if (source === 'session') {
    void vscode.window.showInformationMessage(
      (hadSavedToken ? vscode.l10n.t('The saved token was forgotten. ') : '') +
        vscode.l10n.t('You are still signed in with your VS Code GitHub account; sign out of it from the Accounts menu.'),
    );
  } else {
    void vscode.window.showInformationMessage(
      hadSavedToken ? vscode.l10n.t('Signed out: the saved token was forgotten.') : vscode.l10n.t('Signed out.'),
    );
  }
}
