import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { isEcosystemError, repositoryFromUrl } from '../ecosystems';
import { gradlePublishProblem, gradleSettingsFiles, parseGradleBuild } from '../ecosystems/gradle';
import type { PublishRequest } from '../ecosystems/types';
import { registryUrl } from '../github/hosts';
import { refOf, type OwnerRef, type PackageType } from '../github/types';
import type { TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import { chosenContainerCli, containerStepFailure, existingLogin } from './shared/containerCli';
import { requireScope } from './requireScope';
import { failureSummary, runProcess } from './runProcess';
import type { Services } from './services';
import { showError } from './shared/errors';
import { pickOwner } from './shared/pickPackage';
import { applyConfigEdits, chooseManifest, readConfigFiles } from './shared/projectConfig';

/**
 * `githubPackages.publish [manifest]`: publishes the project's package with its own tool (npm, mvn, gradle, dotnet,
 * gem, docker). Shows the config edits and the commands, asks, runs them with the token only in their environment
 * or standard input, then lists the new version through the RegistryService.
 */
export async function publish(services: Services, target?: TreeNode | vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Publishing runs the project’s build tools; trust this workspace first.');
    return;
  }
  const chosen = await chooseManifest(target instanceof vscode.Uri ? target : undefined);
  if (!chosen) return;
  const { manifest, ecosystem } = chosen;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
  const manifestUri = URI.parse(manifest.toString());
  const gradle = ecosystem.id === 'gradle';
  const info = gradle ? parseGradleBuild(text, manifestUri, await gradleSettings(manifestUri)) : ecosystem.parseManifest(text, manifestUri);
  if (isEcosystemError(info)) {
    showError(services, info);
    return;
  }
  const refusal = gradle ? gradlePublishProblem(info, manifestUri) : undefined;
  if (refusal) {
    showError(services, refusal);
    return;
  }
  const owner = info.owner ?? (await pickOwner(services, `Publish ${info.name} to which owner?`));
  if (!owner) return;
  if (info.version && (await alreadyPublished(services, owner, ecosystem.packageType, info.name, info.version))) {
    const manifestName = manifest.path.split('/').pop();
    void vscode.window.showWarningMessage(
      `${info.name} ${info.version} is already published to GitHub Packages as ${owner}, and a published version cannot be replaced. Raise the version in ${manifestName}, then publish.`,
    );
    return;
  }
  // Before any sign-in prompt: without docker or podman there is nothing to publish with.
  const missingCli = ecosystem.id === 'container' ? chosenContainerCli().missing : undefined;
  if (missingCli) {
    void vscode.window.showErrorMessage(missingCli);
    return;
  }
  const token = await requireScope(services, 'write', `publish ${info.name}`);
  if (!token) return;
  const username = services.registry.viewer?.login ?? token.account ?? owner;
  // Any GitHub host, not only github.com: GHES remotes name the repository the same way.
  // GitHub's Maven registry takes a deploy only at OWNER/REPOSITORY; a build script often names no repository.
  const repo = repositoryFromUrl(info.repositoryUrl) ?? (gradle ? await askRepository(owner, info.name) : undefined);
  if (gradle && !repo) return;
  const url = registryUrl(services.host(), ecosystem.id, { owner, repo }, services.registryOptions());
  const location = { manifest: URI.parse(manifest.toString()), home: URI.file(homedir()) };
  const plan = ecosystem.configEdits(
    { owner, name: info.name, maven: info.maven, registryUrl: url },
    location,
    await readConfigFiles(ecosystem, location),
  );
  if (isEcosystemError(plan)) {
    showError(services, plan);
    return;
  }
  const cli = ecosystem.id === 'container' ? await containerPublishOptions(url.split('/')[0]) : undefined;
  const steps = ecosystem.publishCommand({ ...location, owner, registryUrl: url, token: token.token, username, info, ...cli });
  if (isEcosystemError(steps)) {
    showError(services, steps);
    return;
  }
  const what = `${info.name}${info.version ? ` ${info.version}` : ''}`;
  const button = `Publish ${what}`;
  const detail = [
    `Registry: ${url}`,
    ...plan.notes,
    ...plan.edits.map(
      (edit) =>
        `${edit.before === undefined ? 'Create' : 'Update'} ${vscode.workspace.asRelativePath(vscode.Uri.parse(edit.uri.toString()))} (no token is written)`,
    ),
    ...steps.map((step) => `Run: ${[step.command, ...step.args].join(' ')}`),
  ].join('\n');
  if ((await confirm(`Publish ${what} to GitHub Packages as ${owner}?`, detail, button)) !== button) return;
  if (plan.edits.length && !(await applyConfigEdits(plan.edits))) {
    void vscode.window.showErrorMessage('VS Code did not apply the registry configuration; nothing was published.');
    return;
  }

  const failed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Publishing ${what}`, cancellable: true },
    async (progress, cancellation) => {
      let failure: { step: string; why: string } | undefined;
      const noCancel = new vscode.CancellationTokenSource().token;
      for (const [index, step] of steps.entries()) {
        // After a failure only the steps that undo an earlier one (docker logout) still run.
        if (failure && !step.always) continue;
        progress.report({ message: `${step.title} (${index + 1}/${steps.length})` });
        services.output.info(`${step.title}: ${[step.command, ...step.args].join(' ')}`);
        const result = await runProcess(
          { ...step, cwd: vscode.Uri.parse(step.cwd.toString()).fsPath },
          [token.token],
          services.output,
          step.always ? noCancel : cancellation,
        );
        if (result.code !== 0 && !failure)
          failure = {
            step: step.title,
            why: cli ? containerStepFailure(services, step, result, { owner, name: info.name }) : failureSummary(result),
          };
      }
      return failure;
    },
  );
  if (failed) {
    const show = 'Show Output';
    void vscode.window.showErrorMessage(`${failed.step} failed: ${failed.why}`, show).then((choice) => choice && services.output.show());
    return;
  }
  const ownerRef: OwnerRef =
    services.registry.viewer?.login.toLowerCase() === owner.toLowerCase()
      ? { login: owner, kind: 'viewer' }
      : {
          login: owner,
          kind:
            services.model.owners().find((o) => o.owner.login.toLowerCase() === owner.toLowerCase())?.owner.kind === 'user'
              ? 'user'
              : 'org',
        };
  const listed = await services.registry
    .recordPublished({ owner: ownerRef, type: ecosystem.packageType, name: info.name })
    .catch(() => undefined);
  void vscode.window.showInformationMessage(`Published ${what} to GitHub Packages${listed ? ` (${listed.visibility})` : ''}.`);
}

/** settings.gradle(.kts) next to the build script, which names the root project (and so the artifact). */
async function gradleSettings(manifest: URI): Promise<string | undefined> {
  for (const file of gradleSettingsFiles(manifest)) {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(file.toString())).then(
      (read) => read,
      () => undefined,
    );
    if (bytes) return new TextDecoder().decode(bytes);
  }
  return undefined;
}

async function askRepository(owner: string, name: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Publish {0}: which repository of {1}?', name, owner),
    prompt: vscode.l10n.t(
      "GitHub's Maven registry publishes to …/{0}/REPOSITORY and the build script's publication names none (pom scm url).",
      owner,
    ),
    placeHolder: vscode.l10n.t('repository name'),
    ignoreFocusOut: true,
    validateInput: (value) =>
      repositoryFromUrl(`https://host/${owner}/${value.trim()}`) === value.trim()
        ? undefined
        : vscode.l10n.t('A repository name: letters, digits, ., _ and -.'),
  });
  return answer?.trim() || undefined;
}

/** The container CLI the setting chose, whether a credential helper keeps its logins, and whether it was signed in before. */
async function containerPublishOptions(host: string): Promise<Partial<PublishRequest>> {
  const { cli } = chosenContainerCli();
  const { credentialHelper, loggedIn } = await existingLogin(cli, host);
  return { executable: cli, credentialHelper, keepLogin: loggedIn };
}

/** Asked of the RegistryService before any tool runs; container tags can move, so only versioned types are checked. */
async function alreadyPublished(services: Services, login: string, type: PackageType, name: string, version: string): Promise<boolean> {
  if (type === 'container' || type === 'docker') return false;
  const listing = services.registry.getOwner(login);
  const pkg = listing?.packages?.find((candidate) => candidate.packageType === type && candidate.name === name);
  if (!listing || !pkg) return false;
  const versions = await services.registry.loadVersions(refOf(listing.owner, pkg)).catch(() => undefined);
  return versions?.active?.some((candidate) => candidate.name === version) ?? false;
}
