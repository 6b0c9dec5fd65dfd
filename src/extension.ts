import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const commands = (require('../package.json') as { contributes: { commands: { command: string }[] } }).contributes.commands;
  for (const { command } of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(command, () => undefined));
  }
  void vscode.commands.executeCommand('setContext', 'githubPackages.state', 'signedOut');
}

export function deactivate(): void {}
