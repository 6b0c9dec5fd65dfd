import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { ecosystemFor, isEcosystemError } from '../ecosystems';
import { registryUrl } from '../github/hosts';
import type { Owner, Package, PackageVersion } from '../github/types';
import { isContainer, type TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import { installContainer } from './containerInstall';
import { requireScope } from './requireScope';
import { failureSummary, runProcess } from './runProcess';
import type { Services } from './services';
import { showError } from './shared/errors';
import { installSnippetFor } from './shared/installSnippet';
import { pickPackage } from './shared/pickPackage';
import { applyConfigEdits, chooseManifest, readConfigFiles } from './shared/projectConfig';

/**
 * `githubPackages.install [node]`: npm packages are installed into a package.json project with the real `npm`
 * client — after pointing the project's .npmrc at the registry (shown and confirmed), with the token passed only in
 * NODE_AUTH_TOKEN. Other ecosystems add a dependency by editing build files, which this version leaves to you: it
 * copies the lines to add.
 */
export async function install(services: Services, arg?: TreeNode | vscode.Uri): Promise<void> {
  // From the Explorer the argument is the manifest to install into; from the view, the package or version.
  const manifestHint = arg instanceof vscode.Uri ? arg : undefined;
  const node = arg instanceof vscode.Uri ? undefined : arg;
  const target =
    node?.kind === 'version'
      ? { owner: node.owner, pkg: node.pkg, version: node.version }
      : node?.kind === 'package'
        ? { owner: node.owner, pkg: node.pkg }
        : await pickPackage(services, 'Install which package into the project?');
  if (!target) return;
  const { owner, pkg } = target;
  const version = 'version' in target ? target.version : undefined;
  if (isContainer(pkg)) return installContainer(services, owner, pkg, version, manifestHint);
  if (pkg.packageType !== 'npm') return copyInstead(services, owner, pkg, version);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Installing runs npm in the project (and its install scripts); trust this workspace first.');
    return;
  }

  const chosen =
    manifestHint && /(^|\/)package\.json$/.test(manifestHint.path)
      ? { manifest: manifestHint }
      : await chooseManifest({ kind: 'package', owner, pkg });
  if (!chosen) return;
  const token = await requireScope(services, 'browse', `install ${pkg.name}`);
  if (!token) return;
  const npm = ecosystemFor('npm')!;
  const spec = `@${owner.login.toLowerCase()}/${pkg.name}${version ? `@${version.name}` : ''}`;
  const location = { manifest: URI.parse(chosen.manifest.toString()), home: URI.file(homedir()) };
  const ref = {
    owner: owner.login,
    name: pkg.name,
    registryUrl: registryUrl(services.host(), 'npm', { owner: owner.login }, services.registryOptions()),
  };
  const plan = npm.configEdits(ref, location, await readConfigFiles(npm, location));
  if (isEcosystemError(plan)) {
    showError(services, plan);
    return;
  }
  const project = vscode.workspace.asRelativePath(chosen.manifest);
  const button = `Install ${spec}`;
  const answer = await confirm(
    `Install ${spec} into ${project}?`,
    plan.edits.length
      ? `First, .npmrc is pointed at GitHub Packages for @${owner.login.toLowerCase()} (no token is written; npm reads NODE_AUTH_TOKEN).`
      : 'npm install runs in the project folder.',
    button,
  );
  if (answer !== button) return;
  if (plan.edits.length && !(await applyConfigEdits(plan.edits))) {
    void vscode.window.showErrorMessage('VS Code did not apply the .npmrc edit; nothing was installed.');
    return;
  }

  const cwd = vscode.Uri.joinPath(chosen.manifest, '..').fsPath;
  services.output.info(`npm install ${spec} (in ${cwd})`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Installing ${spec}…`, cancellable: true },
    (_progress, cancellation) =>
      runProcess(
        { command: 'npm', args: ['install', spec], env: { NODE_AUTH_TOKEN: token.token }, cwd },
        [token.token],
        services.output,
        cancellation,
      ),
  );
  if (result.code === 0) {
    void vscode.window.showInformationMessage(`Installed ${spec} into ${project}.`);
  } else {
    const show = 'Show Output';
    void vscode.window
      .showErrorMessage(`npm install ${spec} failed: ${failureSummary(result)}`, show)
      .then((choice) => choice && services.output.show());
  }
}

async function copyInstead(services: Services, owner: Owner, pkg: Package, version?: PackageVersion): Promise<void> {
  const snippet = installSnippetFor(services, owner, pkg, version);
  if ('error' in snippet) {
    showError(services, snippet.error);
    return;
  }
  await vscode.env.clipboard.writeText(snippet.text);
  const kind = isContainer(pkg) ? 'Pull the image with' : 'Add it to your build with';
  void vscode.window.showInformationMessage(
    `Installing ${pkg.packageType} packages into a project is not automated yet. ${kind} the copied lines: ${snippet.text.split('\n')[0]}${snippet.text.includes('\n') ? ' …' : ''}`,
  );
}
