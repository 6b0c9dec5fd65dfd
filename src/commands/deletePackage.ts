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
  const target = node?.kind === 'package' ? { owner: node.owner, pkg: node.pkg } : await pickPackage(services, 'Delete which package?');
  if (!target) return;
  const { owner, pkg } = target;
  const name = `${owner.login}/${pkg.name}`;
  if (!(await requireScope(services, 'delete', `delete the package ${pkg.name}`))) return;

  const ref = refOf(owner, pkg);
  const versions = services.registry.getVersions(ref)?.active;
  const tags = isContainer(pkg) ? [...new Set((versions ?? []).flatMap((version) => version.tags))] : [];
  const detail = [
    `${TYPE_LABELS[pkg.packageType]} package, ${pkg.visibility}. All ${plural(pkg.versionCount, 'version')} go with it${tags.length ? `, and every tag: ${tags.join(', ')}` : ''}.`,
    'Anything that installs or pulls it will fail.',
    'It can be restored for 30 days (GitHub Packages: Restore Package), unless its name is used again.',
    ...(pkg.visibility === 'public' ? ['GitHub refuses to delete a public package with a version downloaded more than 5,000 times.'] : []),
  ].join('\n');
  const button = 'Delete Package';
  const choice = await confirm(`Delete the package ${name}?`, detail, button);
  if (choice !== button) return;

  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting ${name}…` }, () =>
      services.registry.deletePackage(ref),
    );
  } catch (error) {
    showError(services, error, `${name} was not deleted.`);
    return;
  }
  services.output.info(
    `Deleted package ${name} (${TYPE_LABELS[pkg.packageType]}, ${plural(pkg.versionCount, 'version')}${tags.length ? `, tags ${tags.join(', ')}` : ''}).`,
  );
  const undo = await vscode.window.showInformationMessage(`Deleted the package ${name}. It can be restored for 30 days.`, 'Restore');
  if (undo) await vscode.commands.executeCommand('githubPackages.restorePackage', ref);
}
