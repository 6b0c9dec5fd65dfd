import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { isEcosystemError } from '../ecosystems';
import { installersFor, resolveFailure, versionToInstall, type InstallPlan, type Installer } from '../ecosystems/install';
import { registryUrl } from '../github/hosts';
import { refOf, type Owner, type Package, type PackageVersion } from '../github/types';
import { confirm } from './confirm';
import { requireScope } from './requireScope';
import { failureSummary, runProcess, type ProcessResult } from './runProcess';
import type { Services } from './services';
import { showError } from './shared/errors';
import { onPath } from '../ecosystems/onPath';
import { applyConfigEdits, baseName, readFiles, shownPath } from './shared/projectConfig';

/** Adds a package version to a project file, shown and confirmed first, then runs the ecosystem's resolve. */
export async function installIntoProject(
  services: Services,
  owner: Owner,
  pkg: Package,
  chosenVersion: PackageVersion | undefined,
  hint?: vscode.Uri,
): Promise<void> {
  const installers = installersFor(pkg.packageType);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Installing runs the project’s build tool ({0}); trust this workspace first.', installers.map((i) => i.id).join(', ')),
    );
    return;
  }
  const chosen = await chooseProject(installers, hint);
  if (!chosen) return;
  const version = chosenVersion?.name ?? (await newestVersion(services, owner, pkg));
  if (!version) return;
  const token = await requireScope(services, 'browse', vscode.l10n.t('install {0}', pkg.name));
  if (!token) return;
  const { installer, manifest } = chosen;
  const location = { manifest: URI.parse(manifest.toString()), home: URI.file(homedir()) };
  const plan = installer.plan(
    {
      pkg: {
        owner: owner.login,
        name: pkg.name,
        version,
        registryUrl: registryUrl(
          services.host(),
          installer.id,
          { owner: owner.login, repo: pkg.repository?.name },
          services.registryOptions(),
        ),
      },
      location,
      token: token.token,
      username: services.registry.viewer?.login ?? token.account ?? owner.login,
      onPath: (command) => onPath(command),
    },
    await readFiles(installer.files(location)),
  );
  if (isEcosystemError(plan)) {
    showError(services, plan, vscode.l10n.t('{0} was not installed.', pkg.name));
    return;
  }

  const project = vscode.workspace.asRelativePath(manifest);
  const button = vscode.l10n.t('Install {0}', plan.spec);
  const answer = await confirm(vscode.l10n.t('Install {0} into {1}?', plan.spec, project), describe(plan), button);
  if (answer !== button) return;
  if (plan.edits.length && !(await applyConfigEdits(plan.edits))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not apply the edits to {0}; nothing was installed.', project));
    return;
  }
  for (const edit of plan.edits)
    services.output.info(`${edit.before === undefined ? 'Created' : 'Updated'} ${shownPath(edit.uri)} for ${plan.spec}`);
  if (plan.missingTool) {
    const message = vscode.l10n.t(
      '{0} was added to {1}, but {2} is not on PATH to resolve it: {3}.',
      plan.spec,
      project,
      plan.missingTool.name,
      plan.missingTool.howToGet,
    );
    services.output.warn(message);
    void vscode.window.showWarningMessage(message);
    return;
  }
  const result = await resolve(services, plan, token.token);
  report(services, plan, result, project, owner.login);
}

/** The confirmation's detail: every file that changes, then the command that runs. */
function describe(plan: InstallPlan): string {
  const files = plan.edits.map((edit) =>
    edit.before === undefined ? vscode.l10n.t('Create {0}', shownPath(edit.uri)) : vscode.l10n.t('Update {0}', shownPath(edit.uri)),
  );
  const run = plan.steps.map((step) =>
    vscode.l10n.t('Then run: {0} (in {1})', [step.command, ...step.args].join(' '), shownFolder(step.cwd)),
  );
  const missing = plan.missingTool
    ? [vscode.l10n.t('{0} is not on PATH, so nothing resolves it after the edit: {1}.', plan.missingTool.name, plan.missingTool.howToGet)]
    : [];
  return [
    ...(files.length ? files : [vscode.l10n.t('The project already declares this version; no file changes.')]),
    ...run,
    ...missing,
    '',
    vscode.l10n.t('No token is written: the files refer to an environment variable, and the command gets the token in its environment.'),
    ...plan.notes,
  ].join('\n');
}

/** A folder as the person knows it: the workspace folder's name for its root, else its relative path. */
function shownFolder(uri: { toString(): string }): string {
  const folder = vscode.Uri.parse(uri.toString());
  const root = vscode.workspace.getWorkspaceFolder(folder);
  return root && root.uri.toString() === folder.toString() ? root.name : shownPath(folder);
}

async function resolve(services: Services, plan: InstallPlan, token: string): Promise<ProcessResult | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Installing {0}…', plan.spec), cancellable: true },
    async (progress, cancellation) => {
      let result: ProcessResult | undefined;
      for (const step of plan.steps) {
        progress.report({ message: step.title });
        const cwd = vscode.Uri.parse(step.cwd.toString()).fsPath;
        services.output.info(`${[step.command, ...step.args].join(' ')} (in ${cwd})`);
        result = await runProcess({ ...step, cwd }, [token], services.output, cancellation);
        if (result.code !== 0) break;
      }
      return result;
    },
  );
}

function report(services: Services, plan: InstallPlan, result: ProcessResult | undefined, project: string, owner: string): void {
  const unresolved = result?.code === 0 && plan.failedIn?.test(result.output);
  if (!result || (result.code === 0 && !unresolved)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Installed {0} into {1}.', plan.spec, project));
    return;
  }
  const command = plan.steps[0] ? [plan.steps[0].command, ...plan.steps[0].args].join(' ') : plan.tool.name;
  let message: string;
  if (result.cancelled) message = vscode.l10n.t('{0} was cancelled; the edits to {1} stay.', command, project);
  else if (unresolved)
    message = vscode.l10n.t(
      '{0} could not resolve {1}: the token may lack read:packages, or the version may not exist. The output has the details.',
      command,
      plan.spec,
    );
  else if (result.error)
    message = vscode.l10n.t(
      '{0} could not start: {1} is needed ({2}). The edits to {3} were made.',
      command,
      plan.tool.name,
      plan.tool.howToGet,
      project,
    );
  else {
    const why = resolveFailure(result.output);
    message =
      why === 'unauthorized'
        ? vscode.l10n.t('{0} failed: the registry refused the token (401). Sign in again, or save a token with read:packages.', command)
        : why === 'forbidden'
          ? vscode.l10n.t(
              '{0} failed: the token may not read {1}’s packages (403). It needs read:packages, and access to the package.',
              command,
              owner,
            )
          : why === 'not-found'
            ? vscode.l10n.t(
                '{0} failed: {1} was not found in {2}’s registry. Check the name and version, and that the token can see it.',
                command,
                plan.spec,
                owner,
              )
            : vscode.l10n.t('{0} failed: {1}', command, failureSummary(result));
  }
  services.output.error(message);
  const show = vscode.l10n.t('Show Output');
  void vscode.window.showErrorMessage(message, show).then((choice) => choice && services.output.show());
}

/** The version to install when only the package was chosen: a Maven, NuGet or RubyGems dependency names one. */
async function newestVersion(services: Services, owner: Owner, pkg: Package): Promise<string | undefined> {
  const context = vscode.l10n.t('{0} was not installed.', pkg.name);
  try {
    const versions = await services.registry.loadVersions(refOf(owner, pkg));
    const newest = versionToInstall(versions.active ?? []);
    if (newest) return newest;
    showError(services, versions.error ?? new Error(vscode.l10n.t('{0} has no version to install.', pkg.name)), context);
  } catch (e) {
    showError(services, e, context);
  }
  return undefined;
}

/** The project file to install into: the one the command was run on, the only one, or the one picked. */
async function chooseProject(
  installers: Installer[],
  hint?: vscode.Uri,
): Promise<{ installer: Installer; manifest: vscode.Uri } | undefined> {
  const forHint = hint && installers.find((i) => i.matches(hint.path));
  if (hint && forHint) return { installer: forHint, manifest: hint };
  const found: { installer: Installer; manifest: vscode.Uri }[] = [];
  for (const installer of installers)
    for (const manifest of await vscode.workspace.findFiles(installer.projectGlob, '**/node_modules/**', 200))
      if (installer.matches(manifest.path)) found.push({ installer, manifest });
  if (found.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'No project to install into was found in this workspace ({0}).',
        installers.map((i) => i.projectGlob.replace('**/', '')).join(', '),
      ),
    );
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((f) => ({ label: vscode.workspace.asRelativePath(f.manifest), description: baseName(f.manifest), f })),
    { title: vscode.l10n.t('Install into which project?') },
  );
  return picked?.f;
}
