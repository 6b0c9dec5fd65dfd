import * as vscode from 'vscode';
import type { Owner, Package } from '../github/types';
import {
  coversPackage,
  describeRule,
  RULE_PACKAGE_TYPES,
  validateRule,
  type CleanupRule,
  type RulePackageType,
} from '../registry/cleanupRule';
import { isContainer, TYPE_LABELS, type TreeNode } from '../views/nodes';
import type { CleanupJobs } from './cleanupJobs';
import { chooseRule } from './cleanupRulePicker';
import { runCleanup } from './cleanupRun';
import type { Services } from './services';
import { pickPackage } from './shared/pickPackage';

/**
 * `githubPackages.cleanup [rule | treeNode]`: a keybinding's or task's `args` arrive as the first parameter (a rule);
 * the view passes the clicked node. Either way it becomes one rule, and a rule from the picker and one passed as an
 * argument run the same way: plan (multi-arch guard, GitHub's refusals, in-use guard), review, confirm, delete.
 */
export async function cleanup(services: Services, jobs: CleanupJobs, arg?: unknown): Promise<void> {
  const rule = await ruleFromInvocation(services, arg);
  if (rule) await runCleanup(services, jobs, rule);
}

/** The rule a command was invoked with: an argument rule (validated), a tree node's package, or the picker's. */
export async function ruleFromInvocation(services: Services, arg: unknown): Promise<CleanupRule | undefined> {
  if (isTreeNode(arg)) return ruleFromNode(services, arg);
  if (arg !== undefined) return ruleFromArgument(services, arg);
  return ruleFromPicker(services);
}

/** Tree nodes are plain objects with a `kind`; a rule never has one (validateRule refuses unknown keys). */
function isTreeNode(arg: unknown): arg is TreeNode {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    typeof (arg as { kind?: unknown }).kind === 'string' &&
    'owner' in arg &&
    typeof (arg as { owner: unknown }).owner === 'object'
  );
}

function ruleFromArgument(services: Services, arg: unknown): CleanupRule | undefined {
  const result = validateRule(arg);
  if (result.ok) return result.rule;
  services.output.error(`Clean-up rule refused, nothing was read or deleted: ${result.problems.join(' ')}`);
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t('The clean-up rule is not valid, so nothing was deleted: {0}', result.problems.join(' ')),
      vscode.l10n.t('Show Details'),
    )
    .then((choice) => {
      if (choice) services.output.show(true);
    });
  return undefined;
}

async function ruleFromNode(services: Services, node: TreeNode): Promise<CleanupRule | undefined> {
  if (node.kind === 'package') return ruleForPackage(node.owner, node.pkg);
  if (node.kind === 'type') {
    // The owner's whole type: every package of it, listed in parallel.
    const packageType = rulePackageType({ packageType: node.packageType });
    const criteria = await chooseRule(
      vscode.l10n.t('every {0} package of {1}', TYPE_LABELS[node.packageType], node.owner.login),
      packageType === 'container',
    );
    return criteria && { owner: node.owner.login, packageType, ...criteria };
  }
  const owner = node.kind === 'owner' ? node.owner : undefined;
  const filter = (pkg: Package) => !owner || pkg.owner.login.toLowerCase() === owner.login.toLowerCase();
  const target = await pickPackage(services, vscode.l10n.t('Clean up which package?'), filter);
  return target && ruleForPackage(target.owner, target.pkg);
}

async function ruleFromPicker(services: Services): Promise<CleanupRule | undefined> {
  const target = await pickPackage(services, vscode.l10n.t('Clean up which package?'));
  return target && ruleForPackage(target.owner, target.pkg);
}

async function ruleForPackage(owner: Owner, pkg: Package): Promise<CleanupRule | undefined> {
  const criteria = await chooseRule(pkg.name, isContainer(pkg));
  return criteria && { owner: owner.login, packageType: rulePackageType(pkg), packages: pkg.name, ...criteria };
}

function rulePackageType(pkg: Pick<Package, 'packageType'>): RulePackageType {
  return (RULE_PACKAGE_TYPES as readonly string[]).includes(pkg.packageType) ? (pkg.packageType as RulePackageType) : 'container';
}

/** The packages a rule covers: its type and name or glob; with neither, the person picks one of the owner's. */
export async function resolvePackages(
  services: Services,
  rule: CleanupRule,
): Promise<{ owner: Owner; packages: Package[] } | { error: string } | undefined> {
  const state = services.registry.getOwner(rule.owner);
  if (!state) {
    return {
      error: vscode.l10n.t(
        '{0} is not among the listed owners. Add it to the githubPackages.owners setting, or sign in with an account that can see it.',
        rule.owner,
      ),
    };
  }
  let packages = state.packages;
  if (!packages) packages = (await services.registry.refreshOwner(rule.owner)).packages;
  if (!packages) {
    return {
      error: state.error
        ? vscode.l10n.t('The packages of {0} could not be listed: {1}', rule.owner, state.error.message)
        : vscode.l10n.t('The packages of {0} could not be listed.', rule.owner),
    };
  }
  if (rule.packages === undefined && rule.packageType === undefined) {
    const picked = await pickPackage(
      services,
      vscode.l10n.t('Clean up which package of {0}? ({1})', rule.owner, describeRule(rule)),
      (pkg) => pkg.owner.login.toLowerCase() === rule.owner.toLowerCase(),
    );
    return picked && { owner: state.owner, packages: [picked.pkg] };
  }
  return { owner: state.owner, packages: packages.filter((pkg) => coversPackage(rule, pkg)) };
}
