/** The project side of registry configuration, shared by configureRegistry, install and publish. */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { detectManifest, ecosystemFor, type ConfigPlan, type Ecosystem, type ProjectLocation } from '../../ecosystems';
import type { TreeNode } from '../../views/nodes';

const MANIFEST_GLOB =
  '**/{package.json,pom.xml,build.gradle,build.gradle.kts,*.csproj,*.fsproj,*.vbproj,*.gemspec,Dockerfile,Containerfile,*.Dockerfile}';

/** Applies config edits as one workspace edit and saves what it changed; false when VS Code refused it. */
export async function applyConfigEdits(edits: ConfigPlan['edits']): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) {
    const uri = vscode.Uri.parse(change.uri.toString());
    if (change.before === undefined)
      edit.createFile(uri, { overwrite: false, ignoreIfExists: true, contents: new TextEncoder().encode(change.after) });
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
export function readConfigFiles(ecosystem: Ecosystem, location: ProjectLocation): Promise<Map<string, string | undefined>> {
  return readFiles(ecosystem.configFiles(location));
}

/** Reads files keyed by `uri.toString()`, absent ones as undefined. */
export async function readFiles(files: ReadonlyArray<{ toString(): string }>): Promise<Map<string, string | undefined>> {
  const current = new Map<string, string | undefined>();
  for (const file of files) current.set(file.toString(), await readIfExists(vscode.Uri.parse(file.toString())));
  return current;
}

export async function chooseManifest(target?: TreeNode | vscode.Uri): Promise<{ manifest: vscode.Uri; ecosystem: Ecosystem } | undefined> {
  if (target instanceof vscode.Uri) {
    const ecosystem = detectManifest(target.path);
    if (!ecosystem)
      void vscode.window.showWarningMessage(
        `${baseName(target)} is not a manifest GitHub Packages knows (package.json, pom.xml, build.gradle, *.csproj, *.gemspec, Dockerfile).`,
      );
    return ecosystem && { manifest: target, ecosystem };
  }
  const wanted = target?.kind === 'package' || target?.kind === 'version' ? target.pkg.packageType : undefined;
  const found = await vscode.workspace.findFiles(MANIFEST_GLOB, '**/node_modules/**', 200);
  const candidates = found
    .map((manifest) => ({ manifest, ecosystem: detectManifest(manifest.path) }))
    .filter(
      (c): c is { manifest: vscode.Uri; ecosystem: Ecosystem } =>
        c.ecosystem !== undefined && (!wanted || c.ecosystem.packageType === (ecosystemFor(wanted)?.packageType ?? wanted)),
    );
  if (candidates.length === 0) {
    void vscode.window.showWarningMessage(
      wanted
        ? `No ${ecosystemFor(wanted)?.displayName ?? wanted} manifest was found in this workspace.`
        : 'No package manifest was found in this workspace.',
    );
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: vscode.workspace.asRelativePath(c.manifest), description: c.ecosystem.displayName, c })),
    { title: 'Configure which project for GitHub Packages?' },
  );
  return picked?.c;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export function baseName(uri: { path: string }): string {
  return uri.path.split('/').pop() ?? uri.path;
}

/** A file as the person knows it: relative to the workspace, or `~/…` for per-user files such as ~/.m2/settings.xml. */
export function shownPath(uri: { toString(): string }): string {
  const path = vscode.Uri.parse(uri.toString());
  const home = homedir();
  return path.fsPath.startsWith(home) && !vscode.workspace.getWorkspaceFolder(path)
    ? `~${path.fsPath.slice(home.length)}`
    : vscode.workspace.asRelativePath(path);
}
