import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { signedInSession, waitUntil } from './helpers';

describe('Configure the project for the registry', function () {
  const session = signedInSession('demo');
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const npmrc = () => vscode.Uri.joinPath(folder(), '.npmrc');

  after(async () => {
    await vscode.workspace.fs.delete(npmrc()).then(undefined, () => undefined);
  });

  it('writes .npmrc for the package.json scope, with an environment reference and never the token', async () => {
    await vscode.workspace.fs.writeFile(npmrc(), new TextEncoder().encode('# kept\nfund=false\n'));
    await vscode.commands.executeCommand('githubPackages.configureRegistry', vscode.Uri.joinPath(folder(), 'package.json'));
    assert.match(session.questions[0], /Point hello-world at GitHub Packages for octo-org\?/);
    assert.match(session.questions[0], /Update \.npmrc/);
    assert.match(session.questions[0], /Registry: http:\/\/127\.0\.0\.1:\d+/, 'the exact registry host is shown before anything changes');
    let text = '';
    await waitUntil(
      async () => (text = new TextDecoder().decode(await vscode.workspace.fs.readFile(npmrc()))).includes('@octo-org:registry='),
      '.npmrc to be written',
    );
    assert.match(text, /^# kept\r?\nfund=false\r?\n/, 'the existing lines stay first and unchanged');
    assert.ok(text.includes(`@octo-org:registry=${session.gh.registries.npm}`), text);
    assert.match(text, /:_authToken=\$\{NODE_AUTH_TOKEN\}/);
    assert.ok(!text.includes('gplocal_'), 'no token in the file');
  });

  it('changes nothing the second time', async () => {
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(npmrc()));
    const asked = session.questions.length;
    await vscode.commands.executeCommand('githubPackages.configureRegistry', vscode.Uri.joinPath(folder(), 'package.json'));
    assert.strictEqual(session.questions.length, asked, 'nothing to confirm');
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(npmrc())), before);
  });
});
