import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { isEcosystemError, repositoryFromUrl } from '../ecosystems';
import { registryUrl, type Ecosystem as RegistryEcosystem } from '../github/hosts';
import type { OwnerRef, PackageType } from '../github/types';
import { refOf } from '../views/registryModel';
import type { TreeNode } from '../views/nodes';
import { applyConfigEdits, chooseManifest, readConfigFiles } from './configureRegistry';
import { confirm } from './confirm';
import { requireScope } from './requireScope';
import { failureSummary, runProcess } from './runProcess';
import type { Services } from './services';

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
  const info = ecosystem.parseManifest(new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest)), URI.parse(manifest.toString()));
  if (isEcosystemError(info)) {
    void vscode.window.showErrorMessage(info.message);
    return;
  }
  const owner = info.owner ?? (await vscode.window.showQuickPick(services.model.owners().map((o) => o.owner.login), { title: `Publish ${info.name} to which owner?` }));
  if (!owner) return;
  if (info.version && (await alreadyPublished(services, owner, ecosystem.packageType, info.name, info.version))) {
    const manifestName = manifest.path.split('/').pop();
    void vscode.window.showWarningMessage(
      `${info.name} ${info.version} is already published to GitHub Packages as ${owner}, and a published version cannot be replaced. Raise the version in ${manifestName}, then publish.`,
    );
    return;
  }
  const token = await requireScope(services, 'write', `publish ${info.name}`);
  if (!token) return;
  const username = services.registry.viewer?.login ?? token.account ?? owner;
  // Any GitHub host, not only github.com: GHES remotes name the repository the same way.
  const repo = repositoryFromUrl(info.repositoryUrl);
  const url = registryUrl(services.host(), ecosystem.id as RegistryEcosystem, { owner, repo }, services.registryOptions());
  const location = { manifest: URI.parse(manifest.toString()), home: URI.file(homedir()) };
  const plan = ecosystem.configEdits({ owner, name: info.name, maven: info.maven, registryUrl: url }, location, await readConfigFiles(ecosystem, location));
  if (isEcosystemError(plan)) {
    void vscode.window.showErrorMessage(plan.message);
    return;
  }
  const steps = ecosystem.publishCommand({ ...location, owner, registryUrl: url, token: token.token, username, info });
  if (isEcosystemError(steps)) {
    void vscode.window.showErrorMessage(steps.message);
    return;
  }
  const what = `${info.name}${info.version ? ` ${info.version}` : ''}`;
  const button = `Publish ${what}`;
  const detail = [
    ...plan.edits.map((edit) => `${edit.before === undefined ? 'Create' : 'Update'} ${vscode.workspace.asRelativePath(vscode.Uri.parse(edit.uri.toString()))} (no token is written)`),
    ...steps.map((step) => `Run: ${[step.command, ...step.args].join(' ')}`),
  ].join('\n');
  if ((await confirm(`Publish ${what} to GitHub Packages as ${owner}?`, detail, button)) !== button) return;
  if (plan.edits.length && !(await applyConfigEdits(plan.edits))) {
    void vscode.window.showErrorMessage('VS Code did not apply the registry configuration; nothing was published.');
    return;
  }

  const failed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Publishing ${what}`, cancellable: true }, async (progress, cancellation) => {
    for (const [index, step] of steps.entries()) {
      progress.report({ message: `${step.title} (${index + 1}/${steps.length})` });
      services.output.info(`${step.title}: ${[step.command, ...step.args].join(' ')}`);
      const result = await runProcess({ ...step, cwd: vscode.Uri.parse(step.cwd.toString()).fsPath }, [token.token], services.output, cancellation);
      if (result.code !== 0) return { step: step.title, why: failureSummary(result) };
    }
    return undefined;
  });
  if (failed) {
    const show = 'Show Output';
    void vscode.window.showErrorMessage(`${failed.step} failed: ${failed.why}`, show).then((choice) => choice && services.output.show());
    return;
  }
  const ownerRef: OwnerRef = services.registry.viewer?.login.toLowerCase() === owner.toLowerCase() ? { login: owner, kind: 'viewer' } : { login: owner, kind: services.model.owners().find((o) => o.owner.login.toLowerCase() === owner.toLowerCase())?.owner.kind === 'user' ? 'user' : 'org' };
  const listed = await services.registry.recordPublished({ owner: ownerRef, type: ecosystem.packageType, name: info.name }).catch(() => undefined);
  void vscode.window.showInformationMessage(`Published ${what} to GitHub Packages${listed ? ` (${listed.visibility})` : ''}.`);
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
