import * as vscode from 'vscode';
import { refOf } from '../github/types';
import { plural } from '../registry/plural';
import { isContainer, TYPE_LABELS, type TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import { requireScope } from './requireScope';
import type { Services } from './services';
import { showError } from './shared/errors';
import { pickPackage } from './shared/pickPackage';

/** `githubPackages.deletePackage`: a package node, or owner → package from the palette; confirmed in a modal. */
export async function deletePackage(services: Services, node?: TreeNode): Promise<void> {
  const target =
    node?.kind === 'package' ? { owner: node.owner, pkg: node.pkg } : await pickPackage(services, vscode.l10n.t('Delete which package?'));
  if (!target) return;
  const { owner, pkg } = target;
  const name = `${owner.login}/${pkg.name}`;
  if (!(await requireScope(services, 'delete', vscode.l10n.t('delete the package {0}', pkg.name)))) return;

  const ref = refOf(owner, pkg);
  const versions = services.registry.getVersions(ref)?.active;
  const tags = isContainer(pkg) ? [...new Set((versions ?? []).flatMap((version) => version.tags))] : [];
  const detail = [
    tags.length
      ? vscode.l10n.t(
          '{0} package, {1}. All {2} go with it, and every tag: {3}.',
          TYPE_LABELS[pkg.packageType],
          pkg.visibility,
          plural(pkg.versionCount, 'version'),
          tags.join(', '),
        )
      : vscode.l10n.t(
          '{0} package, {1}. All {2} go with it.',
          TYPE_LABELS[pkg.packageType],
          pkg.visibility,
          plural(pkg.versionCount, 'version'),
        ),
    vscode.l10n.t('Anything that installs or pulls it will fail.'),
    vscode.l10n.t('It can be restored for 30 days (GitHub Packages: Restore Package), unless its name is used again.'),
    ...(pkg.visibility === 'public'
      ? [vscode.l10n.t('GitHub refuses to delete a public package with a version downloaded more than 5,000 times.')]
      : []),
  ].join('\n');
  const button = vscode.l10n.t('Delete Package');
  const choice = await confirm(vscode.l10n.t('Delete the package {0}?', name), detail, button);
  if (choice !== button) return;

  try {
    const title = vscode.l10n.t('Deleting {0}…', name);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => services.registry.deletePackage(ref));
  } catch (error) {
    showError(services, error, vscode.l10n.t('{0} was not deleted.', name));
    return;
  }
  services.output.info(
    `Deleted package ${name} (${TYPE_LABELS[pkg.packageType]}, ${plural(pkg.versionCount, 'version')}${tags.length ? `, tags ${tags.join(', ')}` : ''}).`,
  );
  const undo = await vscode.window.showInformationMessage(
    vscode.l10n.t('Deleted the package {0}. It can be restored for 30 days.', name),
    vscode.l10n.t('Restore'),
  );
  if (undo) await vscode.commands.executeCommand('githubPackages.restorePackage', ref);
}
