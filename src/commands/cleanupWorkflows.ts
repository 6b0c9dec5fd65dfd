import * as vscode from 'vscode';
import { describeRule, type CleanupRule } from '../registry/cleanupRule';
import { plural } from '../registry/plural';
import { exportWorkflow, ruleFromStep } from '../registry/cleanupWorkflow';
import { ownersFromGitConfig } from '../registry/workspaceOwners';
import { cleanupStepsIn } from '../registry/workflowSteps';
import { readWorkspaceInputs } from '../workspace/manifests';
import { resolvePackages, ruleFromInvocation } from './cleanup';
import type { CleanupJobs } from './cleanupJobs';
import { runCleanup } from './cleanupRun';
import { confirm } from './confirm';
import type { Services } from './services';

/**
 * `githubPackages.exportCleanupWorkflow [rule | treeNode]`: writes the rule as `.github/workflows/cleanup-<package>.yml`
 * for a well-known action, in its dry-run mode first, and says what the action cannot express.
 */
export async function exportCleanupWorkflow(services: Services, arg?: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Open the repository folder first: the workflow is written to its .github/workflows.'),
    );
    return undefined;
  }
  const rule = await ruleFromInvocation(services, arg);
  if (!rule) return undefined;
  const resolved = await resolvePackages(services, rule);
  const names = resolved && !('error' in resolved) ? resolved.packages.map((pkg) => pkg.name) : rule.packages ? [rule.packages] : [];
  const exported = exportWorkflow({ ...rule, dryRun: undefined }, names);
  const uri = vscode.Uri.joinPath(folder.uri, exported.path);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  const replace = vscode.l10n.t('Replace');
  if (
    exists &&
    (await confirm(
      vscode.l10n.t('{0} exists. Replace it?', exported.path),
      vscode.l10n.t('The file is overwritten with the exported rule.'),
      replace,
    )) !== replace
  )
    return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(exported.text));
  services.output.info(`Exported the clean-up rule (${describeRule(rule)}) to ${exported.path} using ${exported.action}.`);
  for (const part of exported.unexpressed) services.output.warn(`  ${exported.action} cannot express: ${part}`);
  await vscode.window.showTextDocument(uri, { preview: false });
  const mode = exported.action.startsWith('actions/delete-package-versions')
    ? vscode.l10n.t('It has no dry run, so the workflow only runs when you start it.')
    : vscode.l10n.t('It starts in dry-run mode.');
  if (exported.unexpressed.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Wrote {0} with {1}. {2} The action cannot express: {3}. It may delete more than the rule would.',
        exported.path,
        exported.action,
        mode,
        exported.unexpressed.join('; '),
      ),
    );
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0} with {1}. {2}', exported.path, exported.action, mode));
  }
  return uri;
}

/**
 * `githubPackages.previewCleanupWorkflows`: reads the clean-up steps already in `.github/workflows`, translates them
 * into rules and shows in the review (a dry run) what they would delete today.
 */
export async function previewCleanupWorkflows(services: Services, jobs: CleanupJobs): Promise<void> {
  const files = await vscode.workspace.findFiles('.github/workflows/*.{yml,yaml}', undefined, 200);
  const inputs = await readWorkspaceInputs();
  const repositoryOwner = inputs.gitConfigTexts?.flatMap((text) => ownersFromGitConfig(text, services.host().webHost))[0];
  const context = { repositoryOwner, viewer: services.registry.viewer?.login };
  const found: { label: string; description: string; detail?: string; rules: CleanupRule[] }[] = [];
  for (const uri of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    for (const step of cleanupStepsIn(text)) {
      const { rules, notes } = ruleFromStep(step, context);
      found.push({
        label: `${vscode.workspace.asRelativePath(uri)}:${step.line}`,
        description: `${step.uses} → ${rules.length ? rules.map((rule) => `${rule.packages}: ${describeRule(rule)}`).join('; ') : vscode.l10n.t('not translated')}`,
        detail: notes.length ? vscode.l10n.t('Not followed: {0}', notes.join('; ')) : undefined,
        rules,
      });
    }
  }
  if (found.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No clean-up step (dataaxiom/ghcr-cleanup-action, snok/container-retention-policy, actions/delete-package-versions) was found in .github/workflows.',
      ),
    );
    return;
  }
  const picked =
    found.length === 1
      ? found[0]
      : await vscode.window.showQuickPick(found, { title: vscode.l10n.t('Preview which clean-up step?'), matchOnDescription: true });
  if (!picked) return;
  if (picked.rules.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('That step cannot be previewed: {0}.', picked.detail ?? vscode.l10n.t('it names no package')),
    );
    return;
  }
  services.output.info(`Previewing ${picked.label} as ${plural(picked.rules.length, 'rule')}.${picked.detail ? ` ${picked.detail}` : ''}`);
  for (const rule of picked.rules) await runCleanup(services, jobs, { ...rule, dryRun: true });
}
