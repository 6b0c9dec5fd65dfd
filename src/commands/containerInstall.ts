import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { container, imageReference } from '../ecosystems/container';
import { logoutStep, pullStep, type ContainerCli } from '../ecosystems/containerCli';
import { replaceableFroms, withFromImage, type FromInstruction } from '../ecosystems/dockerfileFrom';
import { registryUrl } from '../github/hosts';
import { refOf, type Owner, type Package, type PackageVersion } from '../github/types';
import { confirm } from './confirm';
import { chosenContainerCli, cliFailureText, containerHost, existingLogin, showFailure, signInContainerCli } from './shared/containerCli';
import { runProcess } from './runProcess';
import type { Services } from './services';
import { showError } from './shared/errors';

/**
 * Install into Project for an image: on a Dockerfile or Containerfile, offers to point a FROM line at it (the edit shown
 * first), then signs the container CLI in (token on standard input) and runs `pull`, cancellable, output in the channel.
 */
export async function installContainer(
  services: Services,
  owner: Owner,
  pkg: Package,
  version?: PackageVersion,
  dockerfile?: vscode.Uri,
): Promise<void> {
  const tag = version ? (version.tags[0] ?? version.name) : await defaultTag(services, owner, pkg);
  const registry = registryUrl(services.host(), 'container', { owner: owner.login }, services.registryOptions());
  const reference = imageReference({ owner: owner.login, name: pkg.name, version: tag, registryUrl: registry });
  if (typeof reference !== 'string') {
    showError(services, reference);
    return;
  }
  const editing = dockerfile && container.matches(dockerfile.path) ? await chooseFromEdit(dockerfile, reference) : undefined;
  if (editing === 'cancel') return;
  if (editing && !(await applyFromEdit(dockerfile!, editing.from, reference))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not apply the FROM edit; nothing was pulled.'));
    return;
  }
  const edited = editing ? vscode.l10n.t('{0} now starts FROM {1}. ', vscode.workspace.asRelativePath(dockerfile!), reference) : '';

  const { cli, missing } = chosenContainerCli();
  if (missing) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0}The image was not pulled: {1}', edited, missing));
    return;
  }
  const host = containerHost(services);
  if (!host) return;
  // A login the CLI held before stays; one made only for this pull is undone unless a credential helper keeps it.
  const held = await existingLogin(cli, host);
  const keepLogin = held.loggedIn || held.credentialHelper;
  const signedIn = await signInContainerCli(services, 'browse');
  if (!signedIn) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}…', reference), cancellable: true },
    async (_progress, cancellation) => {
      const pull = pullStep(cli, host, reference);
      services.output.info(`${pull.command} ${pull.args.join(' ')}`);
      const pulled = await runProcess({ ...pull, env: {}, cwd: homedir() }, [signedIn.token.token], services.output, cancellation);
      if (!keepLogin) await signOut(services, cli, host);
      return pulled;
    },
  );
  if (result.code === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}Pulled {1} with {2}.', edited, reference, cli));
    return;
  }
  if (result.cancelled) return;
  const why = cliFailureText(result, { cli, host, action: 'pull', image: reference, owner: owner.login, name: pkg.name });
  showFailure(services, vscode.l10n.t('{0}{1} pull {2} failed: {3}', edited, cli, reference, why));
}

/** For a package: `latest` when it has that tag, else the newest tagged version's first tag (undefined: the CLI's default). */
async function defaultTag(services: Services, owner: Owner, pkg: Package): Promise<string | undefined> {
  const versions = await services.registry.loadVersions(refOf(owner, pkg)).catch(() => undefined);
  const tagged = (versions?.active ?? []).filter((v) => v.tags.length > 0);
  if (tagged.some((v) => v.tags.includes('latest'))) return 'latest';
  return [...tagged].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.tags[0];
}

async function signOut(services: Services, cli: ContainerCli, host: string): Promise<void> {
  const logout = logoutStep(cli, host);
  services.output.info(`${logout.command} ${logout.args.join(' ')}`);
  await runProcess({ ...logout, env: {}, cwd: homedir() }, [], services.output, new vscode.CancellationTokenSource().token);
}

/** Asks whether (and which) FROM line to point at the image, showing the line before and after; undefined: leave it. */
async function chooseFromEdit(dockerfile: vscode.Uri, reference: string): Promise<{ from: FromInstruction } | 'cancel' | undefined> {
  const document = await vscode.workspace.openTextDocument(dockerfile);
  const froms = replaceableFroms(document.getText());
  const name = vscode.workspace.asRelativePath(dockerfile);
  if (!froms.length) return undefined;
  let from = froms[0];
  if (froms.length > 1) {
    const picked = await vscode.window.showQuickPick(
      froms.map((f) => ({ label: f.text.trim(), description: vscode.l10n.t('line {0}', f.line + 1), from: f })),
      { title: vscode.l10n.t('Which FROM line of {0} should start from {1}?', name, reference), ignoreFocusOut: true },
    );
    if (!picked) return 'cancel';
    from = picked.from;
  }
  const replace = vscode.l10n.t('Replace FROM and Pull');
  const pullOnly = vscode.l10n.t('Pull Only');
  const answer = await confirm(
    vscode.l10n.t('Point {0} at {1}?', name, reference),
    vscode.l10n.t('Line {0}:\n{1}\nbecomes\n{2}', from.line + 1, from.text.trim(), withFromImage(from, reference).trim()),
    replace,
    pullOnly,
  );
  if (answer === replace) return { from };
  return answer === pullOnly ? undefined : 'cancel';
}

async function applyFromEdit(dockerfile: vscode.Uri, from: FromInstruction, reference: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(dockerfile);
  // The line may have moved or changed since it was shown: edit only if it still reads the same.
  if (document.lineCount <= from.line || document.lineAt(from.line).text !== from.text) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(dockerfile, document.lineAt(from.line).range, withFromImage(from, reference));
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  return document.save();
}
