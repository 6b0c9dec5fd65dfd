import * as vscode from 'vscode';

/** Commands declared in the contract whose feature has not landed: they say so instead of doing nothing. */
export const NOT_YET_AVAILABLE: Record<string, string> = {
  'githubPackages.cleanup': 'Cleaning up versions by retention rule',
};

export function notYetAvailable(command: string): () => Promise<void> {
  const what = NOT_YET_AVAILABLE[command] ?? command;
  return async () => {
    await vscode.window.showInformationMessage(`${what} is not available yet in this version of GitHub Packages. Use Open on GitHub for now.`);
  };
}
