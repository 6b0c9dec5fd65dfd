import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { isEcosystemError, repositoryFromUrl, type EcosystemError } from '../ecosystems';
import { registryUrl } from '../github/hosts';
import type { TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import type { Services } from './services';
import { showError } from './shared/errors';
import { pickOwner } from './shared/pickPackage';
import { applyConfigEdits, baseName, chooseManifest, readConfigFiles, shownPath } from './shared/projectConfig';

/**
 * `githubPackages.configureRegistry [manifest | node]`: points the project at GitHub's registry (.npmrc,
 * settings.xml/pom.xml, build.gradle, nuget.config, Gemfile) with an environment reference for the token — the token
 * itself is never written. Shows which files change, asks, then applies the edits as one workspace edit.
 */
export async function configureRegistry(services: Services, target?: TreeNode | vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'Configure Registry changes files the project’s build tools run with; trust this workspace first.',
    );
    return;
  }
  const chosen = await chooseManifest(target);
  if (!chosen) return;
  const { manifest, ecosystem } = chosen;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
  const info = ecosystem.parseManifest(text, URI.parse(manifest.toString()));
  if (isEcosystemError(info)) return fail(services, info);

  const owner =
    target instanceof vscode.Uri || !target || !('owner' in target)
      ? (info.owner ?? (await pickOwner(services, `Which GitHub owner publishes this ${ecosystem.displayName} package?`)))
      : target.owner.login;
  if (!owner) return;
  // Any GitHub host, not only github.com: GHES remotes name the repository the same way.
  const repo = repositoryFromUrl(info.repositoryUrl);
  const ref = {
    owner,
    name: info.name,
    maven: info.maven,
    registryUrl: registryUrl(services.host(), ecosystem.id, { owner, repo }, services.registryOptions()),
  };
  const location = { manifest: URI.parse(manifest.toString()), home: URI.file(homedir()) };
  const plan = ecosystem.configEdits(ref, location, await readConfigFiles(ecosystem, location));
  if (isEcosystemError(plan)) return fail(services, plan);
  if (plan.edits.length === 0) {
    void vscode.window.showInformationMessage(
      `${vscode.workspace.asRelativePath(manifest)} already uses GitHub Packages for ${owner}. ${plan.notes.join(' ')}`,
    );
    return;
  }

  const files = plan.edits.map((edit) => `${edit.before === undefined ? 'Create' : 'Update'} ${shownPath(edit.uri)}`);
  const button =
    plan.edits.length === 1
      ? `${plan.edits[0].before === undefined ? 'Create' : 'Update'} ${baseName(plan.edits[0].uri)}`
      : `Update ${plan.edits.length} Files`;
  const answer = await confirm(
    `Point ${info.name} at GitHub Packages for ${owner}?`,
    [`Registry: ${ref.registryUrl}`, ...files, '', 'No token is written: the files refer to an environment variable.', ...plan.notes].join(
      '\n',
    ),
    button,
  );
  if (answer !== button) return;

  if (!(await applyConfigEdits(plan.edits))) {
    void vscode.window.showErrorMessage('VS Code did not apply the configuration edits; nothing was changed.');
    return;
  }
  services.output.info(`Configured ${info.name} for GitHub Packages (${owner}): ${files.join(', ')}. ${plan.notes.join(' ')}`);
  const first = vscode.Uri.parse(plan.edits[0].uri.toString());
  const show = `Open ${baseName(plan.edits[0].uri)}`;
  void vscode.window.showInformationMessage(`${files.join(', ')} — ${plan.notes.join(' ')}`, show).then((choice) => {
    if (choice === show) void vscode.window.showTextDocument(first);
  });
}

function fail(services: Services, error: EcosystemError): void {
  showError(services, error);
}
