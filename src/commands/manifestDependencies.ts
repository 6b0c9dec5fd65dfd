import * as vscode from 'vscode';
import type { PackageType } from '../github/types';
import { requireScope } from './requireScope';
import { failureSummary, runProcess } from './runProcess';
import type { Services } from './services';

/**
 * `githubPackages.updateLockfile uri`: after "Update to X and run npm install" edited package.json, saves it and runs
 * the real npm client in its folder so package-lock.json follows; the token only in NODE_AUTH_TOKEN.
 */
export async function updateLockfile(services: Services, manifest?: vscode.Uri): Promise<void> {
  if (!manifest) return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'package.json was updated; npm install was not run because it runs install scripts: trust this workspace first.',
    );
    return;
  }
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === manifest.toString());
  if (document?.isDirty && !(await document.save())) {
    void vscode.window.showErrorMessage('package.json could not be saved, so npm install was not run.');
    return;
  }
  const token = await requireScope(services, 'browse', 'update the lockfile');
  if (!token) return;
  const cwd = vscode.Uri.joinPath(manifest, '..').fsPath;
  services.output.info(`npm install (in ${cwd})`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Running npm install…', cancellable: true },
    (_progress, cancellation) =>
      runProcess(
        { command: 'npm', args: ['install'], env: { NODE_AUTH_TOKEN: token.token }, cwd },
        [token.token],
        services.output,
        cancellation,
      ),
  );
  if (result.code === 0) {
    void vscode.window.showInformationMessage(
      `npm install finished in ${vscode.workspace.asRelativePath(cwd)}; the lockfile is up to date.`,
    );
  } else {
    const show = 'Show Output';
    void vscode.window
      .showErrorMessage(`npm install failed: ${failureSummary(result)}`, show)
      .then((choice) => choice && services.output.show());
  }
}

/** `githubPackages.showInView owner type name`: the Packages view, filtered to one package, from a manifest's hover. */
export async function showInView(owner?: string, type?: PackageType, name?: string): Promise<void> {
  if (!name) return;
  await vscode.commands.executeCommand('githubPackages.filter', { text: name, types: type ? [type] : undefined });
  await vscode.commands.executeCommand('githubPackages.packages.focus');
  if (owner) void vscode.window.setStatusBarMessage(`GitHub Packages: showing ${owner}/${name}`, 5000);
}
