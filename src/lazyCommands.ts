/**
 * Every command is registered at activation by its id only; the commands' code (most of the extension) loads when
 * one is first run, so activation does not pay for it.
 */
import * as vscode from 'vscode';
import type { CommandContext } from './commands/index';
import type { Services } from './commands/services';

const REFRESH = 'githubPackages.refresh';

export function registerLazyCommands(context: vscode.ExtensionContext, services: Services, extra: () => Promise<CommandContext>): void {
  const ids = (context.extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map(
    (declared) => declared.command,
  );
  let loading: Promise<void> | undefined;
  const load = async (): Promise<void> => {
    const [{ registerCommands }, resolved] = await Promise.all([import('./lazyFeatures.js'), extra()]);
    // The real commands take the ids over in the same tick, so no call finds none.
    forwarders.forEach((forwarder) => forwarder.dispose());
    registerCommands(context, services, resolved);
  };
  const forwarders = ids.map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      // Refresh needs none of the commands' code: a first click on it does not wait for the chunk.
      if (id === REFRESH && !loading) return services.refresh();
      loading ??= load();
      await loading;
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  context.subscriptions.push({ dispose: () => forwarders.forEach((forwarder) => forwarder.dispose()) });
}
