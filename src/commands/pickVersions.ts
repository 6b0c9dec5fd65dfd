import * as vscode from 'vscode';
import { type Owner, type Package, type PackageVersion, refOf, shortDigest } from '../github/types';
import { label } from '../registry/deletePlan';
import { isContainer } from '../views/nodes';
import type { Services } from './services';
import { showError } from './shared/errors';
import { pickPackage } from './shared/pickPackage';

export interface PickedVersions {
  owner: Owner;
  pkg: Package;
  versions: PackageVersion[];
}

/** Palette flow: owner → package → versions (multi-select), for commands run without a tree node. */
export async function pickVersions(services: Services, verb: string, state: 'active' | 'deleted'): Promise<PickedVersions | undefined> {
  const target = await pickPackage(services, vscode.l10n.t('{0}: which package?', verb));
  if (!target) return undefined;
  const ref = refOf(target.owner, target.pkg);
  const loaded = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing versions of {0}…', target.pkg.name) },
    () => services.registry.loadVersions(ref, { state }),
  );
  const versions = (state === 'active' ? loaded.active : loaded.deleted) ?? [];
  if (loaded.error) {
    showError(services, loaded.error);
    return undefined;
  }
  if (versions.length === 0) {
    void vscode.window.showInformationMessage(
      state === 'deleted'
        ? vscode.l10n.t('{0} has no restorable deleted versions.', target.pkg.name)
        : vscode.l10n.t('{0} has no versions.', target.pkg.name),
    );
    return undefined;
  }
  const container = isContainer(target.pkg);
  const items = versions.map((version) => ({
    label: label(version, container),
    description: [
      container && version.tags.length ? shortDigest(version.name) : undefined,
      container && !version.tags.length ? vscode.l10n.t('untagged') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    detail:
      state === 'deleted'
        ? vscode.l10n.t('deleted {0}', version.deletedAt?.slice(0, 10) ?? '')
        : vscode.l10n.t('published {0}', version.createdAt.slice(0, 10)),
    version,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('{0}: versions of {1}', verb, `${target.owner.login}/${target.pkg.name}`),
    canPickMany: true,
    matchOnDescription: true,
    placeHolder: vscode.l10n.t('Select the versions (Space toggles, Enter confirms)'),
  });
  if (!picked || picked.length === 0) return undefined;
  return { ...target, versions: picked.map((item) => item.version) };
}
