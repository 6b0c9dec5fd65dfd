import * as vscode from 'vscode';
import { container } from '../ecosystems/container';
import { INSTALLERS, installersFor } from '../ecosystems/install';
import type { Owner, Package, PackageType, PackageVersion } from '../github/types';
import { isContainer, type TreeNode } from '../views/nodes';
import { installContainer } from './containerInstall';
import { installIntoProject } from './installIntoProject';
import type { Services } from './services';
import { showError } from './shared/errors';
import { installSnippetFor } from './shared/installSnippet';
import { pickPackage } from './shared/pickPackage';

/** How one kind of package is installed; most are project edits followed by their client's resolve. */
type InstallFlow = (
  services: Services,
  owner: Owner,
  pkg: Package,
  version: PackageVersion | undefined,
  project?: vscode.Uri,
) => Promise<void>;

/** Package types that do not install into a project file: each names its own flow. */
const FLOWS: Partial<Record<PackageType, InstallFlow>> = {
  container: installContainer,
  docker: installContainer,
};

/**
 * `githubPackages.install [node | manifest]`: adds the package to the project's manifest (package.json through npm,
 * pom.xml, build.gradle(.kts), a project file or Directory.Packages.props, the Gemfile), showing every file that
 * changes first, then runs the ecosystem's resolve with the token only in its environment.
 */
export async function install(services: Services, arg?: TreeNode | vscode.Uri): Promise<void> {
  // From the Explorer the argument is the manifest to install into; from the view, the package or version.
  const project = arg instanceof vscode.Uri ? arg : undefined;
  const node = arg instanceof vscode.Uri ? undefined : arg;
  const target =
    node?.kind === 'version'
      ? { owner: node.owner, pkg: node.pkg, version: node.version }
      : node?.kind === 'package'
        ? { owner: node.owner, pkg: node.pkg }
        : await pickPackage(services, vscode.l10n.t('Install which package into the project?'), project && packagesFor(project));
  if (!target) return;
  const { owner, pkg } = target;
  const version = 'version' in target ? target.version : undefined;
  const flow = FLOWS[pkg.packageType] ?? (installersFor(pkg.packageType).length ? installIntoProject : copyInstead);
  await flow(services, owner, pkg, version, project);
}

/** From a project file in the Explorer: only the packages that install into it (all, for a file none installs into). */
function packagesFor(project: vscode.Uri): ((pkg: Package) => boolean) | undefined {
  if (container.matches(project.path)) return isContainer;
  if (!INSTALLERS.some((installer) => installer.matches(project.path))) return undefined;
  return (pkg) => installersFor(pkg.packageType).some((installer) => installer.matches(project.path));
}

async function copyInstead(services: Services, owner: Owner, pkg: Package, version?: PackageVersion): Promise<void> {
  const snippet = installSnippetFor(services, owner, pkg, version);
  if ('error' in snippet) {
    showError(services, snippet.error);
    return;
  }
  await vscode.env.clipboard.writeText(snippet.text);
  const firstLine = `${snippet.text.split('\n')[0]}${snippet.text.includes('\n') ? ' …' : ''}`;
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Installing {0} packages into a project is not automated yet. Add it to your build with the copied lines: {1}',
      pkg.packageType,
      firstLine,
    ),
  );
}
