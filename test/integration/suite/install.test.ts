import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { VersionNode } from '../../../src/views/nodes';
import { extensionApi, packageNodeOf, signedInSession, waitUntil } from './helpers';

describe('Install a package into the project', function () {
  const session = signedInSession('demo');
  const folder = () => vscode.workspace.workspaceFolders![0].uri;

  it('installs an npm version with the real npm client, the token only in its environment', async function () {
    this.timeout(180_000);
    const api = await extensionApi();
    const pkg = await packageNodeOf('mona', 'npm', 'hello-world');
    await waitUntil(() => api.tree.getChildren(pkg).some((n) => n.kind === 'version'), 'versions');
    const version = api.tree.getChildren(pkg).find((n): n is VersionNode => n.kind === 'version' && n.version.name === '1.1.0')!;

    await vscode.commands.executeCommand('githubPackages.install', version);
    assert.match(session.questions.at(-1)!, /Install @mona\/hello-world@1\.1\.0 into package\.json\?/);
    const installed = vscode.Uri.joinPath(folder(), 'node_modules', '@mona', 'hello-world', 'package.json');
    const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(installed))) as { version: string };
    assert.strictEqual(manifest.version, '1.1.0');
    const project = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'package.json'))),
    ) as { dependencies?: Record<string, string> };
    assert.ok(project.dependencies?.['@mona/hello-world'], 'package.json lists the dependency');
    const npmrc = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), '.npmrc')));
    assert.match(npmrc, /@mona:registry=/);
    assert.ok(!npmrc.includes('gplocal_'), 'no token in .npmrc');
  });
});
