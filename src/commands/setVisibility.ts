import * as vscode from 'vscode';
import { isGitHubError } from '../github/errors';
import { packageSettingsUrl } from '../github/hosts';
import { isRepositoryScoped, rulesOf } from '../github/permissions';
import { type Owner, type Package, refOf } from '../github/types';
import { TYPE_LABELS, type TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import { requireScope } from './requireScope';
import type { Services } from './services';
import { showError } from './shared/errors';
import { pickPackage } from './shared/pickPackage';

type Visibility = 'public' | 'private' | 'internal';

/**
 * `githubPackages.setVisibility [node] [visibility]`. GitHub has no API for a package's own visibility, so for
 * granular packages (containers; npm, NuGet, RubyGems on github.com) it opens the package's settings page and
 * re-reads the package afterwards. A repository-scoped package's visibility IS its repository's: that can be
 * changed here, after a confirmation that says the whole repository changes.
 */
export async function setVisibility(services: Services, node?: TreeNode, wanted?: Visibility): Promise<void> {
  const target =
    node?.kind === 'package'
      ? { owner: node.owner, pkg: node.pkg }
      : await pickPackage(services, vscode.l10n.t('Change the visibility of which package?'));
  if (!target) return;
  const { owner, pkg } = target;
  if (isRepositoryScoped(pkg.packageType, rulesOf(services.host().kind, services.registry.viewer)))
    await changeRepository(services, owner, pkg, wanted);
  else await openSettingsPage(services, owner, pkg);
}

async function changeRepository(services: Services, owner: Owner, pkg: Package, wanted?: Visibility): Promise<void> {
  const repo = pkg.repository;
  if (!repo) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} takes its visibility from its repository, but GitHub lists no repository for it. Link it to a repository first (publish it from one).',
        pkg.name,
      ),
    );
    return;
  }
  const [repoOwner, repoName] = repo.fullName.split('/');
  const choices: Visibility[] = (['public', 'private', ...(owner.kind === 'org' ? (['internal'] as const) : [])] as Visibility[]).filter(
    (v) => v !== pkg.visibility,
  );
  const visibility =
    wanted ??
    (
      await vscode.window.showQuickPick(
        choices.map((v) => ({ label: v, description: vscode.l10n.t('make the repository {0} {1}', repo.fullName, v), v })),
        { title: vscode.l10n.t("{0} is {1}: its visibility is the repository {2}'s", pkg.name, pkg.visibility, repo.fullName) },
      )
    )?.v;
  if (!visibility || visibility === pkg.visibility) return;
  const button = vscode.l10n.t('Make {0} {1}', repo.fullName, capitalize(visibility));
  const choice = await confirm(
    vscode.l10n.t('Make the repository {0} {1}?', repo.fullName, visibility),
    vscode.l10n.t(
      '{0} package {1} takes its visibility from this repository, so this changes the WHOLE repository — its code, issues and every package published from it — not only {1}.',
      TYPE_LABELS[pkg.packageType],
      pkg.name,
    ) + (visibility === 'public' ? vscode.l10n.t(' Everyone will be able to see it.') : ''),
    button,
  );
  if (choice !== button) return;
  // Changing a repository needs the classic `repo` scope besides read:packages; GitHub says so if it is missing.
  if (!(await requireScope(services, 'browse', vscode.l10n.t('change the visibility of {0}', repo.fullName)))) return;
  try {
    const updated = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making {0} {1}…', repo.fullName, visibility) },
      () => services.registry.setRepositoryVisibility(refOf(owner, pkg), { owner: repoOwner, name: repoName }, visibility),
    );
    services.output.info(
      `Repository ${repo.fullName} is now ${visibility}; ${pkg.name} is ${updated?.visibility ?? 'unknown (could not be re-read)'}.`,
    );
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now {1}, and so is {2}.', repo.fullName, visibility, pkg.name));
  } catch (error) {
    const hint =
      isGitHubError(error) && error.kind === 'notFound'
        ? vscode.l10n.t(' Changing a repository needs admin rights on it and a token with the repo scope.')
        : '';
    showError(services, error, vscode.l10n.t('{0} was not changed.', repo.fullName), hint);
  }
}

async function openSettingsPage(services: Services, owner: Owner, pkg: Package): Promise<void> {
  const url = packageSettingsUrl(services.host(), owner, pkg.packageType, pkg.name);
  // Named for where it goes: the extension's own page is also called "Package Settings".
  const open = vscode.l10n.t('Open Settings on GitHub');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      "{0} is {1}. GitHub offers no API to change a package's own visibility: change it on GitHub under Package settings → Danger Zone → Change visibility.",
      pkg.name,
      pkg.visibility,
    ),
    open,
  );
  if (choice !== open) return;
  await vscode.env.openExternal(vscode.Uri.parse(url));
  const done = vscode.l10n.t('I Changed It — Refresh');
  if (
    (await vscode.window.showInformationMessage(vscode.l10n.t('When you have changed {0} on GitHub, refresh it here.', pkg.name), done)) ===
    done
  ) {
    const updated = await services.registry.refreshPackage(refOf(owner, pkg));
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is {1}.', pkg.name, updated?.visibility ?? pkg.visibility));
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
