import * as vscode from 'vscode';
import type { TokenInfo } from '../auth/tokens';
import { isGitHubError } from '../github/errors';
import { newTokenUrl } from '../github/hosts';
import { scopesFor, type ScopeTier } from '../github/scopes';
import type { Services } from './services';
import { errorText } from './shared/errors';

/**
 * A token good for `tier`, asked for BEFORE any confirmation: a VS Code session is widened (VS Code asks the
 * person); a saved or environment token cannot be, so say which token to create. `undefined` means stop.
 */
export async function requireScope(services: Services, tier: ScopeTier, act: string): Promise<TokenInfo | undefined> {
  try {
    return await services.auth.require(tier, true);
  } catch (error) {
    if (isGitHubError(error) && error.detail.kind === 'scopeMissing') {
      const source = (await services.auth.current())?.source;
      const which = source === 'env' ? vscode.l10n.t('The GITHUB_PACKAGES_TOKEN token') : vscode.l10n.t('The saved token');
      services.output.warn(`${act}: ${which} lacks ${error.detail.scope}; nothing was changed.`);
      await offerClassicToken(
        services,
        tier,
        vscode.l10n.t(
          '{0} lacks the {1} scope needed to {2}. Nothing was changed. Create a classic token with {3} and save it.',
          which,
          error.detail.scope,
          act,
          scopesFor(tier).join(', '),
        ),
      );
      return undefined;
    }
    if (isGitHubError(error) && error.detail.kind === 'notSignedIn') {
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Sign in to GitHub Packages to {0}.', act),
        vscode.l10n.t('Sign In'),
      );
      if (choice) await vscode.commands.executeCommand('githubPackages.signIn');
      return undefined;
    }
    // VS Code's own sign-in dialog was dismissed, or the account provider failed.
    const message = errorText(error);
    services.output.warn(`${act}: sign-in with the wider scopes did not complete (${message}); nothing was changed.`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Nothing was changed: GitHub did not grant the scopes needed to {0} ({1}).', act, message),
    );
    return undefined;
  }
}

/**
 * A saved or environment token cannot be widened by VS Code: offer to create a classic token with the tier's scopes
 * (GitHub's page with them ticked) or to save one.
 */
export async function offerClassicToken(services: Services, tier: ScopeTier, message: string): Promise<void> {
  const create = vscode.l10n.t('Create Token');
  const save = vscode.l10n.t('Save Token');
  const choice = await vscode.window.showErrorMessage(message, create, save);
  if (choice === create) await vscode.env.openExternal(vscode.Uri.parse(newTokenUrl(services.host(), scopesFor(tier))));
  if (choice === save) await vscode.commands.executeCommand('githubPackages.signInWithToken');
}
