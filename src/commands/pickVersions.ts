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
  const target = await pickPackage(services, `${verb}: which package?`);
  if (!target) return undefined;
  const ref = refOf(target.owner, target.pkg);
  const loaded = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Listing versions of ${target.pkg.name}…` },
    () => services.registry.loadVersions(ref, { state }),
  );
  const versions = (state === 'active' ? loaded.active : loaded.deleted) ?? [];
  if (loaded.error) {
    showError(services, loaded.error);
    return undefined;
  }
  if (versions.length === 0) {
    void vscode.window.showInformationMessage(
      `${target.pkg.name} has no ${state === 'deleted' ? 'restorable deleted' : ''} versions.`.replace('  ', ' '),
    );
    return undefined;
  }
  const container = isContainer(target.pkg);
  const items = versions.map((version) => ({
    label: label(version, container),
    description: [
      container && version.tags.length ? shortDigest(version.name) : undefined,
      container && !version.tags.length ? 'untagged' : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    detail: state === 'deleted' ? `deleted ${version.deletedAt?.slice(0, 10) ?? ''}` : `published ${version.createdAt.slice(0, 10)}`,
    version,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${verb}: versions of ${target.owner.login}/${target.pkg.name}`,
    canPickMany: true,
    matchOnDescription: true,
    placeHolder: 'Select the versions (Space toggles, Enter confirms)',
  });
  if (!picked || picked.length === 0) return undefined;
  return { ...target, versions: picked.map((item) => item.version) };
}
