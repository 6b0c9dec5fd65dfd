/** Every command of the extension in one table, behind one wrapper that reports what a command threw. */
import * as vscode from 'vscode';
import { viewSettings, type HostSettings } from '../configuration';
import type { PackageRef, PackageType } from '../github/types';
import type { PackageFilter } from '../views/model';
import type { TreeNode } from '../views/nodes';
import { cleanup } from './cleanup';
import type { CleanupJobs } from './cleanupJobs';
import { exportCleanupWorkflow, previewCleanupWorkflows } from './cleanupWorkflows';
import { untag } from './untag';
import { configureRegistry } from './configureRegistry';
import { containerLogin } from './containerLogin';
import { copyInstallCommand } from './copyInstallCommand';
import { deletePackage } from './deletePackage';
import { deleteVersions } from './deleteVersions';
import { filterPackages } from './filter';
import { install } from './install';
import { showInView, updateLockfile } from './manifestDependencies';
import { openGitHubUrl, openOnGitHub } from './openOnGitHub';
import { openSettings } from './openSettings';
import { publish } from './publish';
import { restorePackage, restoreVersions } from './restore';
import type { Services } from './services';
import { setVisibility } from './setVisibility';
import { showError } from './shared/errors';
import { signIn, signInWithToken, signOut } from './signIn';

export interface CommandContext {
  extensionUri: vscode.Uri;
  hostSettings: HostSettings;
  applyFilter(filter: PackageFilter): void;
  cleanupJobs: CleanupJobs;
}

type Handler = (...args: never[]) => unknown;

export function registerCommands(context: vscode.ExtensionContext, services: Services, extra: CommandContext): void {
  const commands: Record<string, Handler> = {
    refresh: () => services.refresh(),
    signIn: (provider?: string, mode?: 'upgrade' | 'reauthenticate') => signIn(services, extra.hostSettings, provider, mode),
    signInWithToken: (token?: string) => signInWithToken(services, token),
    signOut: () => signOut(services),
    openOnGitHub: (node?: TreeNode) => openOnGitHub(services, node),
    openGitHubUrl: (url?: string) => openGitHubUrl(services, url),
    copyInstallCommand: (node?: TreeNode) => copyInstallCommand(services, node),
    setVisibility: (node?: TreeNode, visibility?: 'public' | 'private' | 'internal') => setVisibility(services, node, visibility),
    openSettings: (node?: TreeNode) => openSettings(services, extra.extensionUri, node),
    configureRegistry: (target?: TreeNode | vscode.Uri) => configureRegistry(services, target),
    // A keybinding's or task's `args` arrive first (a rule); the view passes its node there instead.
    cleanup: (ruleOrNode?: unknown) => cleanup(services, extra.cleanupJobs, ruleOrNode),
    exportCleanupWorkflow: (ruleOrNode?: unknown) => exportCleanupWorkflow(services, ruleOrNode),
    previewCleanupWorkflows: () => previewCleanupWorkflows(services, extra.cleanupJobs),
    untag: (node?: TreeNode, tag?: string) => untag(services, node, typeof tag === 'string' ? tag : undefined),
    cleanupResume: () => extra.cleanupJobs.resume(),
    cleanupPause: () => extra.cleanupJobs.pause(),
    cleanupAbandon: () => extra.cleanupJobs.abandon(),
    publish: (target?: TreeNode | vscode.Uri) => publish(services, target),
    install: (target?: TreeNode | vscode.Uri) => install(services, target),
    containerLogin: () => containerLogin(services),
    filter: (preset?: PackageFilter) => filterPackages(services, extra.applyFilter, preset),
    showDeleted: () => viewSettings.setShowDeleted(true),
    hideDeleted: () => viewSettings.setShowDeleted(false),
    loadMore: (node?: TreeNode) => node?.kind === 'loadMore' && services.tree.loadMore(node.pkg),
    deleteVersion: (node?: TreeNode, selected?: TreeNode[]) => deleteVersions(services, node, selected),
    deletePackage: (node?: TreeNode) => deletePackage(services, node),
    // The Delete and Enter keys on tree rows: keybindings pass no node, so these act on the view's selection.
    deleteSelectedVersions: () => deleteVersions(services, services.tree.selection()[0], [...services.tree.selection()]),
    openSelectedSettings: () => openSettings(services, extra.extensionUri, services.tree.selection()[0]),
    restoreVersion: (node?: TreeNode, selected?: TreeNode[]) => restoreVersions(services, node, selected),
    restorePackage: (ref?: PackageRef) => restorePackage(services, ref),
    updateLockfile: (manifest?: vscode.Uri) => updateLockfile(services, manifest),
    showInView: (owner?: string, type?: PackageType, name?: string) => showInView(owner, type, name),
  };
  for (const [name, handler] of Object.entries(commands)) {
    const id = `githubPackages.${name}`;
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await (handler as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          // Commands report their own failures; this catches what slipped through, so nothing fails silently.
          showError(services, error, 'GitHub Packages:');
          return undefined;
        }
      }),
    );
  }
}
