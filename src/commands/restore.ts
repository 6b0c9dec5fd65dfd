import * as vscode from 'vscode';
import { isGitHubError } from '../github/errors';
import { type Owner, type Package, PACKAGE_TYPES, type PackageRef, type PackageVersion, refOf } from '../github/types';
import { label } from '../registry/deletePlan';
import { plural } from '../registry/plural';
import { isContainer, TYPE_LABELS, type TreeNode } from '../views/nodes';
import { pickVersions } from './pickVersions';
import { requireScope } from './requireScope';
import type { Services } from './services';
import { errorText, showError } from './shared/errors';
import { groupByPackage } from './shared/versionSelection';

/** `githubPackages.restoreVersion`: deleted version nodes (one or many selected), or the palette flow. */
export async function restoreVersions(services: Services, node?: TreeNode, selected?: readonly TreeNode[]): Promise<void> {
  const groups = groupByPackage([...(selected ?? []), ...(node ? [node] : [])], 'deleted');
  if (groups.length === 0) {
    const picked = await pickVersions(services, vscode.l10n.t('Restore versions'), 'deleted');
    if (picked) groups.push(picked);
  }
  for (const group of groups) {
    if (!(await requireScope(services, 'write', vscode.l10n.t('restore versions of {0}', group.pkg.name)))) return;
    await restoreGroup(services, group.owner, group.pkg, group.versions);
  }
}

async function restoreGroup(services: Services, owner: Owner, pkg: Package, versions: PackageVersion[]): Promise<void> {
  const ref = refOf(owner, pkg);
  const container = isContainer(pkg);
  const restored: string[] = [];
  const failed: string[] = [];
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Restoring {0} of {1}', plural(versions.length, 'version'), pkg.name),
      cancellable: true,
    },
    async (progress, cancellation) => {
      for (const [index, version] of versions.entries()) {
        if (cancellation.isCancellationRequested) break;
        try {
          await services.registry.restoreVersion(ref, version.id);
          restored.push(label(version, container));
        } catch (error) {
          failed.push(`${label(version, container)}: ${errorText(error)}`);
        }
        progress.report({ increment: 100 / versions.length, message: vscode.l10n.t('{0} of {1}', index + 1, versions.length) });
      }
    },
  );
  const notAttempted = versions.length - restored.length - failed.length;
  const headline = [
    vscode.l10n.t('Restored {0} of {1}', plural(restored.length, 'version'), `${owner.login}/${pkg.name}`),
    failed.length ? vscode.l10n.t('{0} failed', failed.length) : '',
    notAttempted ? vscode.l10n.t('{0} not attempted', notAttempted) : '',
  ]
    .filter(Boolean)
    .join('; ');
  services.output.info(`${headline}.`);
  for (const line of restored) services.output.info(`  Restored ${line}`);
  for (const line of failed) services.output.warn(`  Not restored: ${line}`);
  if (container) services.output.info('  Restored container versions get back the tags no other version took meanwhile.');
  if (failed.length || notAttempted) void vscode.window.showWarningMessage(`${headline}. ${failed[0] ?? ''}`.trim());
  else void vscode.window.showInformationMessage(`${headline}.`);
}

/**
 * `githubPackages.restorePackage`: deleted packages are not listed, so the palette asks owner, type and name.
 * The undo button of a package delete passes the package it deleted.
 */
export async function restorePackage(services: Services, given?: PackageRef): Promise<void> {
  const ref = isPackageRef(given) ? given : await askForDeletedPackage(services);
  if (!ref) return;
  const name = `${ref.owner.login}/${ref.name}`;
  if (!(await requireScope(services, 'write', vscode.l10n.t('restore the package {0}', ref.name)))) return;
  try {
    const title = vscode.l10n.t('Restoring {0}…', name);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
      services.registry.restorePackage(ref),
    );
  } catch (error) {
    const hint =
      isGitHubError(error) && error.kind === 'notFound'
        ? vscode.l10n.t(' Packages can be restored within 30 days of deletion, if the name was not used again.')
        : '';
    showError(services, error, vscode.l10n.t('{0} was not restored.', name), hint);
    return;
  }
  services.output.info(`Restored package ${name} (${TYPE_LABELS[ref.type]}).`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Restored the package {0}.', name));
}

async function askForDeletedPackage(services: Services): Promise<PackageRef | undefined> {
  const owners = services.model.owners().map((listing) => listing.owner);
  if (owners.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Sign in to GitHub Packages first, and let the owners load.'));
    return undefined;
  }
  const owner = await vscode.window.showQuickPick(
    owners.map((candidate) => ({
      label: candidate.login,
      description: candidate.kind === 'viewer' ? vscode.l10n.t('you') : candidate.kind,
      owner: candidate,
    })),
    { title: vscode.l10n.t('Restore package (1/3): whose package was it?') },
  );
  if (!owner) return undefined;
  const type = await vscode.window.showQuickPick(
    PACKAGE_TYPES.map((candidate) => ({ label: TYPE_LABELS[candidate], type: candidate })),
    { title: vscode.l10n.t('Restore package (2/3): which kind?') },
  );
  if (!type) return undefined;
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Restore package (3/3): its name'),
    prompt:
      type.type === 'npm'
        ? vscode.l10n.t('The name without the @scope, e.g. hello')
        : type.type === 'container'
          ? vscode.l10n.t('The image name, e.g. app or repo/app')
          : vscode.l10n.t('The package name as GitHub lists it'),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the package name')),
  });
  if (!name) return undefined;
  return { owner: { login: owner.owner.login, kind: owner.owner.kind }, type: type.type, name: name.trim().replace(/^@[^/]+\//, '') };
}

function isPackageRef(value: unknown): value is PackageRef {
  const ref = value as PackageRef | undefined;
  return typeof ref?.name === 'string' && typeof ref.type === 'string' && typeof ref.owner?.login === 'string';
}
