import * as vscode from 'vscode';
import type { TokenInfo } from '../auth/tokens';
import { registryBaseUrl } from '../github/hosts';
import { refOf, type Owner, type Package } from '../github/types';
import { describeRule, type CleanupRule } from '../registry/cleanupRule';
import { plural } from '../registry/plural';
import { reviewEntries, reviewTitle, type PackagePlan } from '../registry/cleanupReview';
import { planDeletion } from '../registry/deletePlan';
import { inUseMatcher, type WorkspaceReference } from '../registry/inUse';
import { readManifestGraph, type ManifestGraph } from '../registry/multiArchGuard';
import { selectForCleanup } from '../registry/retention';
import { readBlobIndex, type SizeReading } from '../registry/storage';
import { isContainer } from '../views/nodes';
import { readWorkspaceReferences } from '../workspace/references';
import { resolvePackages } from './cleanup';
import { deleteReviewed } from './cleanupDelete';
import type { CleanupJobs } from './cleanupJobs';
import { showReview } from './cleanupReviewPick';
import { manifestReader } from './shared/manifestReader';
import { requireScope } from './requireScope';
import type { Services } from './services';

/** Manifests read per run to weigh what a clean-up frees; beyond it the review says the size is not known. */
const MAX_SIZE_READS = 2000;
const PACKAGES_PLANNED_AT_ONCE = 4;
const MAX_LOGGED = 1000;

/** Plans a rule across its packages, shows the review, and (unless a dry run) confirms and deletes what was kept ticked. */
export async function runCleanup(services: Services, jobs: CleanupJobs, rule: CleanupRule): Promise<void> {
  const resolved = await resolvePackages(services, rule);
  if (!resolved) return;
  if ('error' in resolved) {
    services.output.error(`Clean-up (${describeRule(rule)}): ${resolved.error} Nothing was deleted.`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was deleted: {0}', resolved.error));
    return;
  }
  if (resolved.packages.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No package of {0} matches {1}; nothing to clean up.', rule.owner, rule.packages ?? rule.packageType ?? ''),
    );
    return;
  }
  const token = rule.dryRun
    ? await services.auth.current()
    : await requireScope(services, 'delete', vscode.l10n.t('clean up packages of {0}', rule.owner));
  if (!token) {
    if (rule.dryRun) void vscode.window.showWarningMessage(vscode.l10n.t('Sign in to GitHub Packages to preview a clean-up.'));
    return;
  }

  const planned = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Planning the clean-up of {0}…', plural(resolved.packages.length, 'package')),
      cancellable: true,
    },
    (progress, cancellation) => {
      const controller = new AbortController();
      cancellation.onCancellationRequested(() => controller.abort());
      return planPackages(services, token, resolved.owner, resolved.packages, rule, controller.signal, (done) =>
        progress.report({
          message: vscode.l10n.t('{0} of {1}', done, resolved.packages.length),
          increment: 100 / resolved.packages.length,
        }),
      );
    },
  );
  for (const failure of planned.failures) services.output.warn(`Clean-up: ${failure} It was left out.`);
  if (planned.cancelled) return;
  const plans = planned.plans;
  const entries = reviewEntries(plans);
  services.output.info(
    `Clean-up of ${rule.owner} (${describeRule(rule)}): ${plural(entries.length, 'version')} selected in ${plural(plans.length, 'package')}.`,
  );
  for (const entry of entries.slice(0, MAX_LOGGED)) {
    services.output.info(
      `  ${plans[entry.plan].pkg.name} ${entry.label}: ${entry.state === 'delete' ? 'selected' : entry.state === 'inUse' ? 'in use' : 'refused'} — ${entry.why}`,
    );
  }
  if (entries.length > MAX_LOGGED) services.output.info(`  and ${entries.length - MAX_LOGGED} more (all in the review).`);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(
      planned.failures.length
        ? vscode.l10n.t(
            'No version matches “{0}” ({1} could not be read: see the output); nothing to delete.',
            describeRule(rule),
            plural(planned.failures.length, 'package'),
          )
        : vscode.l10n.t('No version matches “{0}”; nothing to delete.', describeRule(rule)),
    );
    return;
  }

  const chosen = await showReview(plans, entries, rule.dryRun === true);
  if (!chosen) {
    services.output.info('Clean-up: the review was closed; nothing was deleted.');
    return;
  }
  if (rule.dryRun) {
    const message = vscode.l10n.t('Dry run: {0}. Nothing was deleted.', reviewTitle(plans, chosen, true).replace(/^Dry run: /, ''));
    services.output.info(message);
    void vscode.window.showInformationMessage(message);
    return;
  }
  if (chosen.length === 0) return;
  await deleteReviewed(services, jobs, resolved.owner, describeRule(rule), plans, chosen);
}

async function planPackages(
  services: Services,
  token: TokenInfo,
  owner: Owner,
  packages: readonly Package[],
  rule: CleanupRule,
  signal: AbortSignal,
  onPackage: (done: number) => void,
): Promise<{ plans: PackagePlan[]; failures: string[]; cancelled: boolean }> {
  const containerHost = registryBaseUrl(services.host(), 'container', services.registryOptions())
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0];
  const references = readWorkspaceReferences([containerHost]);
  const reader = manifestReader(services, token);
  const plans: (PackagePlan | undefined)[] = new Array(packages.length);
  const sizeBudget = { left: MAX_SIZE_READS };
  const failures: string[] = [];
  const queue = packages.map((pkg, index) => ({ pkg, index }));
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next && !signal.aborted; next = queue.shift()) {
      const outcome = await planPackage(services, reader, owner, next.pkg, rule, await references, sizeBudget, signal).catch(
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      if (typeof outcome === 'string') failures.push(`${next.pkg.name}: ${outcome}`);
      else plans[next.index] = outcome;
      onPackage(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PACKAGES_PLANNED_AT_ONCE, packages.length) }, worker));
  return { plans: plans.filter((plan): plan is PackagePlan => plan !== undefined), failures, cancelled: signal.aborted };
}

async function planPackage(
  services: Services,
  reader: ReturnType<typeof manifestReader>,
  owner: Owner,
  pkg: Package,
  rule: CleanupRule,
  references: readonly WorkspaceReference[],
  sizeBudget: { left: number },
  signal: AbortSignal,
): Promise<PackagePlan | string> {
  const ref = refOf(owner, pkg);
  const state = await services.registry.loadVersions(ref, { state: 'active', signal });
  if (!state.active || state.error) return state.error?.message ?? vscode.l10n.t('its versions could not be listed.');
  const active = state.active;
  const selection = selectForCleanup(active, rule);
  const container = isContainer(pkg);
  const image = { owner: owner.login, name: pkg.name };
  let manifests: ManifestGraph | undefined;
  let sizes: SizeReading | undefined;
  if (container && selection.selected.length > 0) {
    const needsGuard = selection.selected.some((decision) => decision.version.tags.length === 0);
    if (needsGuard && state.truncated)
      return vscode.l10n.t(
        'GitHub lists at most 10,000 of its versions, so not every tagged image could be checked for the untagged versions it needs.',
      );
    // Claimed before reading, so packages planned at the same time share one bound.
    const maxReads = sizeBudget.left;
    sizeBudget.left = Math.max(0, sizeBudget.left - active.length);
    [manifests, sizes] = await Promise.all([
      needsGuard ? readManifestGraph(reader, image, active, { signal }) : undefined,
      readBlobIndex(reader, image, active, { signal, maxReads }),
    ]);
  }
  const plan = planDeletion({ pkg, selected: selection.selected.map((decision) => decision.version), active, manifests });
  return {
    ref,
    pkg,
    active,
    selection,
    plan,
    parents: manifests?.ok ? manifests.parents : undefined,
    inUse: inUseMatcher(references, { owner: owner.login, name: pkg.name, packageType: pkg.packageType }),
    sizes,
  };
}
