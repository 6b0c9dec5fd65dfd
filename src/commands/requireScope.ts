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
      const which = source === 'env' ? 'The GITHUB_PACKAGES_TOKEN token' : 'The saved token';
      services.output.warn(`${act}: ${which} lacks ${error.detail.scope}; nothing was changed.`);
      await offerClassicToken(
        services,
        tier,
        `${which} lacks the ${error.detail.scope} scope needed to ${act}. Nothing was changed. Create a classic token with ${scopesFor(tier).join(', ')} and save it.`,
      );
      return undefined;
    }
    if (isGitHubError(error) && error.detail.kind === 'notSignedIn') {
      const choice = await vscode.window.showWarningMessage(`Sign in to GitHub Packages to ${act}.`, 'Sign In');
      if (choice) await vscode.commands.executeCommand('githubPackages.signIn');
      return undefined;
    }
    // VS Code's own sign-in dialog was dismissed, or the account provider failed.
    const message = errorText(error);
    services.output.warn(`${act}: sign-in with the wider scopes did not complete (${message}); nothing was changed.`);
    void vscode.window.showWarningMessage(`Nothing was changed: GitHub did not grant the scopes needed to ${act} (${message}).`);
    return undefined;
  }
}

/**
 * A saved or environment token cannot be widened by VS Code: offer to create a classic token with the tier's scopes
 * (GitHub's page with them ticked) or to save one.
 */
export async function offerClassicToken(services: Services, tier: ScopeTier, message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Create Token', 'Save Token');
  if (choice === 'Create Token') await vscode.env.openExternal(vscode.Uri.parse(newTokenUrl(services.host(), scopesFor(tier))));
  if (choice === 'Save Token') await vscode.commands.executeCommand('githubPackages.signInWithToken');
}
