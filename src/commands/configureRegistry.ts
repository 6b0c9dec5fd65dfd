import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { detectManifest, ecosystemFor, isEcosystemError, repositoryFromUrl, type ConfigPlan, type Ecosystem, type EcosystemError, type ProjectLocation } from '../ecosystems';
import { registryUrl, type Ecosystem as RegistryEcosystem } from '../github/hosts';
import type { TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import type { Services } from './services';

const MANIFEST_GLOB = '**/{package.json,pom.xml,build.gradle,build.gradle.kts,*.csproj,*.fsproj,*.vbproj,*.gemspec,Dockerfile,Containerfile,*.Dockerfile}';

/**
 * `githubPackages.configureRegistry [manifest | node]`: points the project at GitHub's registry (.npmrc,
 * settings.xml/pom.xml, build.gradle, nuget.config, Gemfile) with an environment reference for the token — the token
 * itself is never written. Shows which files change, asks, then applies the edits as one workspace edit.
 */
export async function configureRegistry(services: Services, target?: TreeNode | vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Configure Registry changes files the project’s build tools run with; trust this workspace first.');
    return;
  }
  const chosen = await chooseManifest(target);
  if (!chosen) return;
  const { manifest, ecosystem } = chosen;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
  const info = ecosystem.parseManifest(text, URI.parse(manifest.toString()));
  if (isEcosystemError(info)) return fail(services, info);

  const owner = target instanceof vscode.Uri || !target || !('owner' in target) ? info.owner ?? (await askOwner(services, ecosystem)) : target.owner.login;
  if (!owner) return;
  // Any GitHub host, not only github.com: GHES remotes name the repository the same way.
  const repo = repositoryFromUrl(info.repositoryUrl);
  const ref = {
    owner,
    name: info.name,
    maven: info.maven,
    registryUrl: registryUrl(services.host(), ecosystem.id as RegistryEcosystem, { owner, repo }, services.registryOptions()),
  };
  const location = { manifest: URI.parse(manifest.toString()), home: URI.file(homedir()) };
  const plan = ecosystem.configEdits(ref, location, await readConfigFiles(ecosystem, location));
  if (isEcosystemError(plan)) return fail(services, plan);
  if (plan.edits.length === 0) {
    void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(manifest)} already uses GitHub Packages for ${owner}. ${plan.notes.join(' ')}`);
    return;
  }

  const files = plan.edits.map((edit) => `${edit.before === undefined ? 'Create' : 'Update'} ${shownPath(edit.uri)}`);
  const button = plan.edits.length === 1 ? `${plan.edits[0].before === undefined ? 'Create' : 'Update'} ${baseName(plan.edits[0].uri)}` : `Update ${plan.edits.length} Files`;
  const answer = await confirm(
    `Point ${info.name} at GitHub Packages for ${owner}?`,
    [`Registry: ${ref.registryUrl}`, ...files, '', 'No token is written: the files refer to an environment variable.', ...plan.notes].join('\n'),
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

/** Applies config edits as one workspace edit and saves what it changed; false when VS Code refused it. */
export async function applyConfigEdits(edits: ConfigPlan['edits']): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) {
    const uri = vscode.Uri.parse(change.uri.toString());
    if (change.before === undefined) edit.createFile(uri, { overwrite: false, ignoreIfExists: true, contents: new TextEncoder().encode(change.after) });
    else edit.replace(uri, new vscode.Range(0, 0, Number.MAX_SAFE_INTEGER, 0), change.after);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  for (const change of edits) {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === vscode.Uri.parse(change.uri.toString()).toString());
    if (open?.isDirty) await open.save();
  }
  return true;
}

/** Reads the files an ecosystem's config edits need (absent files as undefined). */
export async function readConfigFiles(ecosystem: Ecosystem, location: ProjectLocation): Promise<Map<string, string | undefined>> {
  const current = new Map<string, string | undefined>();
  for (const file of ecosystem.configFiles(location)) current.set(file.toString(), await readIfExists(vscode.Uri.parse(file.toString())));
  return current;
}

export async function chooseManifest(target?: TreeNode | vscode.Uri): Promise<{ manifest: vscode.Uri; ecosystem: Ecosystem } | undefined> {
  if (target instanceof vscode.Uri) {
    const ecosystem = detectManifest(target.path);
    if (!ecosystem) void vscode.window.showWarningMessage(`${baseName(target)} is not a manifest GitHub Packages knows (package.json, pom.xml, build.gradle, *.csproj, *.gemspec, Dockerfile).`);
    return ecosystem && { manifest: target, ecosystem };
  }
  const wanted = target?.kind === 'package' || target?.kind === 'version' ? target.pkg.packageType : undefined;
  const found = await vscode.workspace.findFiles(MANIFEST_GLOB, '**/node_modules/**', 200);
  const candidates = found
    .map((manifest) => ({ manifest, ecosystem: detectManifest(manifest.path) }))
    .filter((c): c is { manifest: vscode.Uri; ecosystem: Ecosystem } => c.ecosystem !== undefined && (!wanted || c.ecosystem.packageType === (ecosystemFor(wanted)?.packageType ?? wanted)));
  if (candidates.length === 0) {
    void vscode.window.showWarningMessage(wanted ? `No ${ecosystemFor(wanted)?.displayName ?? wanted} manifest was found in this workspace.` : 'No package manifest was found in this workspace.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: vscode.workspace.asRelativePath(c.manifest), description: c.ecosystem.displayName, c })),
    { title: 'Configure which project for GitHub Packages?' },
  );
  return picked?.c;
}

async function askOwner(services: Services, ecosystem: Ecosystem): Promise<string | undefined> {
  const owners = services.model.owners().map((o) => o.owner.login);
  const picked = await vscode.window.showQuickPick(owners.length ? owners : [], { title: `Which GitHub owner publishes this ${ecosystem.displayName} package?`, placeHolder: 'A user or organization' });
  return picked;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function fail(services: Services, error: EcosystemError): void {
  services.output.warn(`Configure registry: ${error.message}`);
  void vscode.window.showErrorMessage(error.message);
}

function shownPath(uri: { toString(): string; fsPath?: string; path: string }): string {
  const path = vscode.Uri.parse(uri.toString());
  const home = homedir();
  return path.fsPath.startsWith(home) && !vscode.workspace.getWorkspaceFolder(path) ? `~${path.fsPath.slice(home.length)}` : vscode.workspace.asRelativePath(path);
}

function baseName(uri: { path: string }): string {
  return uri.path.split('/').pop() ?? uri.path;
}

