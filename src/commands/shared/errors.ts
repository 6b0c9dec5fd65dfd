import * as vscode from 'vscode';
import { isGitHubError } from '../../github/errors';
import { redact } from '../../github/redact';
import type { Services } from '../services';

/** A button on an error notification and what it does. */
interface ErrorAction {
  title: string;
  run(): unknown;
}

/** The text of any failure: a GitHubError's message (which names the fix), an Error's, or a value's, never a token. */
export function errorText(error: unknown): string {
  if (isGitHubError(error) || error instanceof Error) return redact(error.message);
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return redact(typeof message === 'string' ? message : String(error));
}

/**
 * The one way a command reports a failure: `context` says what did not happen ("octo/app was not deleted."), the
 * redacted message goes to the output log, and the notification offers what the error's kind can fix. Returns at
 * once; the button's action runs when it is chosen.
 */
export function showError(services: Pick<Services, 'output'>, error: unknown, context = '', hint = ''): void {
  const text = [context, errorText(error)].filter(Boolean).join(' ');
  services.output.error(text);
  const actions = actionsFor(services, error);
  void vscode.window
    .showErrorMessage(`${text}${hint}`, ...actions.map((action) => action.title))
    .then((choice) => actions.find((action) => action.title === choice)?.run());
}

function actionsFor(services: Pick<Services, 'output'>, error: unknown): ErrorAction[] {
  if (!isGitHubError(error)) return [];
  const signIn = (mode?: 'upgrade' | 'reauthenticate'): ErrorAction => ({
    title: vscode.l10n.t('Sign In'),
    run: () => vscode.commands.executeCommand('githubPackages.signIn', undefined, mode),
  });
  const detail = error.detail;
  switch (detail.kind) {
    case 'notSignedIn':
      return [signIn(detail.tokenRejected ? 'reauthenticate' : undefined)];
    case 'scopeMissing':
      return [signIn('upgrade')];
    case 'saml': {
      const url = detail.authorizeUrl;
      // githubPackages.openGitHubUrl opens only links on the GitHub host in use.
      return url
        ? [{ title: vscode.l10n.t('Authorize'), run: () => vscode.commands.executeCommand('githubPackages.openGitHubUrl', url) }]
        : [signIn('reauthenticate')];
    }
    case 'network':
    case 'server':
      return [{ title: vscode.l10n.t('Show Output'), run: () => services.output.show(true) }];
    default:
      return [];
  }
}
