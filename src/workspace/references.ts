import * as vscode from 'vscode';
import { referencesIn, type WorkspaceReference } from '../registry/inUse';

const FILES = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,*.yml,*.yaml,package-lock.json,pom.xml,*.csproj,Gemfile.lock}';
const EXCLUDE = '**/{node_modules,.git,target,bin,obj,vendor}/**';
const MAX_FILES = 2000;
const MAX_BYTES = 2_000_000;

/** Every package version the open folders refer to (the in-use guard). Unreadable or huge files are skipped. */
export async function readWorkspaceReferences(containerHosts: readonly string[]): Promise<WorkspaceReference[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const uris = await vscode.workspace.findFiles(FILES, EXCLUDE, MAX_FILES);
  const decoder = new TextDecoder();
  const found = await Promise.all(
    uris.map(async (uri) => {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.byteLength > MAX_BYTES) return [];
        return referencesIn(vscode.workspace.asRelativePath(uri), decoder.decode(bytes), containerHosts);
      } catch {
        return [];
      }
    }),
  );
  return found.flat();
}
