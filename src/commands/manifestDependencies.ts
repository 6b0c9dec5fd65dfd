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
      vscode.l10n.t('package.json was updated; npm install was not run because it runs install scripts: trust this workspace first.'),
    );
    return;
  }
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === manifest.toString());
  if (document?.isDirty && !(await document.save())) {
    void vscode.window.showErrorMessage(vscode.l10n.t('package.json could not be saved, so npm install was not run.'));
    return;
  }
  const token = await requireScope(services, 'browse', vscode.l10n.t('update the lockfile'));
  if (!token) return;
  const cwd = vscode.Uri.joinPath(manifest, '..').fsPath;
  services.output.info(`npm install (in ${cwd})`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running npm install…'), cancellable: true },
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
      vscode.l10n.t('npm install finished in {0}; the lockfile is up to date.', vscode.workspace.asRelativePath(cwd)),
    );
  } else {
    const show = vscode.l10n.t('Show Output');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('npm install failed: {0}', failureSummary(result)), show)
      .then((choice) => choice && services.output.show());
  }
}

/** `githubPackages.showInView owner type name`: the Packages view, filtered to one package, from a manifest's hover. */
export async function showInView(owner?: string, type?: PackageType, name?: string): Promise<void> {
  if (!name) return;
  await vscode.commands.executeCommand('githubPackages.filter', { text: name, types: type ? [type] : undefined });
  await vscode.commands.executeCommand('githubPackages.packages.focus');
  if (owner) void vscode.window.setStatusBarMessage(vscode.l10n.t('GitHub Packages: showing {0}', `${owner}/${name}`), 5000);
}
