import * as vscode from 'vscode';
import { type Package, refOf } from '../github/types';
import { label } from '../registry/deletePlan';
import { describeRule, selectForCleanup, type RetentionRule } from '../registry/retention';
import { isContainer, type TreeNode, type VersionNode } from '../views/nodes';
import { relativeTime } from '../views/relativeTime';
import { deleteVersions } from './deleteVersions';
import type { Services } from './services';
import { showError } from './shared/errors';
import { pickPackage } from './shared/pickPackage';

/**
 * `githubPackages.cleanup [packageNode] [rule]`: choose a retention rule, see every version it selects (a dry run
 * you can narrow), then delete through the same path as Delete Version — GitHub's refusals, the multi-arch guard, a
 * modal naming what goes, progress with cancel and a summary. A rule passed as argument (keybindings, tasks) skips
 * the choosing, never the confirmation.
 */
export async function cleanup(services: Services, node?: TreeNode, preset?: RetentionRule): Promise<void> {
  const target = node?.kind === 'package' ? { owner: node.owner, pkg: node.pkg } : await pickPackage(services, 'Clean up which package?');
  if (!target) return;
  const { owner, pkg } = target;
  const rule = preset ?? (await chooseRule(pkg));
  if (!rule) return;

  const state = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the versions of ${pkg.name}…` }, () =>
    services.registry.loadVersions(refOf(owner, pkg), { state: 'active' }),
  );
  if (!state.active || state.error) {
    showError(services, state.error ?? `the versions of ${pkg.name} could not be listed.`, 'Nothing was deleted:');
    return;
  }
  const { selected, kept } = selectForCleanup(state.active, rule);
  services.output.info(`Clean-up of ${owner.login}/${pkg.name} (${describeRule(rule)}): ${selected.length} selected, ${kept} kept${selected.length ? `: ${selected.map((v) => label(v, isContainer(pkg))).join(', ')}` : ''}.`);
  if (selected.length === 0) {
    void vscode.window.showInformationMessage(`No version of ${pkg.name} matches “${describeRule(rule)}”; nothing to delete.`);
    return;
  }

  let chosen = selected;
  if (!preset) {
    const items = selected.map((version) => ({ label: label(version, isContainer(pkg)), description: relativeTime(version.createdAt), picked: true, version }));
    const reviewed = await vscode.window.showQuickPick(items, {
      title: `Clean up ${pkg.name}: ${selected.length} of ${state.active.length} versions match — untick any to keep`,
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!reviewed || reviewed.length === 0) return;
    chosen = reviewed.map((item) => item.version);
  }
  const nodes: VersionNode[] = chosen.map((version) => ({ kind: 'version', owner, pkg, version, deleted: false, latest: false }));
  await deleteVersions(services, undefined, nodes);
}

async function chooseRule(pkg: Package): Promise<RetentionRule | undefined> {
  const container = isContainer(pkg);
  const presets: { label: string; detail: string; rule?: RetentionRule }[] = [
    ...(container ? [{ label: 'Untagged images older than 7 days', detail: 'Children of tagged multi-arch images are always kept', rule: { untaggedOnly: true, olderThanDays: 7 } }] : []),
    { label: 'Keep the 10 newest versions', detail: 'and every version tagged latest', rule: { keepLatest: 10 } },
    { label: 'Pre-releases older than 30 days', detail: 'e.g. 1.2.0-rc.1, 2.0.0-beta', rule: { prereleaseOnly: true, olderThanDays: 30 } },
    { label: 'Custom rule…', detail: 'Keep the N newest and/or only versions older than D days' },
  ];
  const picked = await vscode.window.showQuickPick(presets, { title: `Clean up ${pkg.name}: which versions go?` });
  if (!picked) return undefined;
  if (picked.rule) return picked.rule;
  const keep = await vscode.window.showInputBox({ title: 'Keep how many of the newest versions?', value: '10', validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number, 0 or more') });
  if (keep === undefined) return undefined;
  const days = await vscode.window.showInputBox({ title: 'Only versions older than how many days? (empty: any age)', value: '30', validateInput: (v) => (v.trim() === '' || /^\d+$/.test(v.trim()) ? undefined : 'A whole number of days, or empty') });
  if (days === undefined) return undefined;
  return { keepLatest: Number(keep), ...(days.trim() ? { olderThanDays: Number(days) } : {}), ...(container ? { untaggedOnly: false } : {}) };
}
