import * as vscode from 'vscode';
import type { WorkspaceInputs } from '../registry/service';

const MAX_MANIFESTS = 50;

/** Reads what points at owners in the open folders: package.json files (not in node_modules) and .git/config. */
export async function readWorkspaceInputs(): Promise<WorkspaceInputs> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return {};
  const decoder = new TextDecoder();
  const read = async (uri: vscode.Uri): Promise<string | undefined> => {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  };
  const packageJsons = await vscode.workspace.findFiles('**/package.json', '**/node_modules/**', MAX_MANIFESTS);
  const gitConfigs = folders.map((f) => vscode.Uri.joinPath(f.uri, '.git', 'config'));
  const [packageJsonTexts, gitConfigTexts] = await Promise.all([Promise.all(packageJsons.map(read)), Promise.all(gitConfigs.map(read))]);
  return {
    packageJsonTexts: packageJsonTexts.filter((t): t is string => t !== undefined),
    gitConfigTexts: gitConfigTexts.filter((t): t is string => t !== undefined),
  };
}
