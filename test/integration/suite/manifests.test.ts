import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { signedInSession, waitUntil } from './helpers';

const folder = () => vscode.workspace.workspaceFolders![0].uri;

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), name));
  return vscode.window.showTextDocument(document);
}

async function hintLabels(document: vscode.TextDocument): Promise<string[]> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole)) ?? [];
  return hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
}

async function waitForHint(document: vscode.TextDocument, pattern: RegExp): Promise<string[]> {
  let labels: string[] = [];
  await waitUntil(
    async () => (labels = await hintLabels(document)).some((label) => pattern.test(label)),
    `a hint matching ${pattern}`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; hints: ${labels.join(' | ') || 'none'}`);
  });
  return labels;
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

async function actionsAt(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
}

/** Replaces the text of the dependency's version in the editor, as a person typing would (not saved). */
async function typeVersion(editor: vscode.TextEditor, after: string, version: string): Promise<vscode.Range> {
  const text = editor.document.getText();
  const start = text.indexOf('"', text.indexOf(':', text.indexOf(after)) + 1) + 1;
  const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(text.indexOf('"', start)));
  await editor.edit((edit) => edit.replace(range, version));
  return new vscode.Range(range.start, range.start.translate(0, version.length));
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('Manifests show GitHub Packages', function () {
  const session = signedInSession('demo');
  const npmrc = () => vscode.Uri.joinPath(folder(), '.npmrc');
  let npmrcBefore: Uint8Array | undefined;

  // The project maps @mona to this stand-in's npm registry, as Configure Registry would (another suite may have left
  // an .npmrc naming an earlier stand-in, which rightly counts as another registry).
  before(async () => {
    npmrcBefore = await Promise.resolve(vscode.workspace.fs.readFile(npmrc())).catch(() => undefined);
    const registry = session.gh.registries.npm;
    const auth = `${registry.replace(/^https?:/, '').replace(/\/?$/, '/')}:_authToken=\${NODE_AUTH_TOKEN}`;
    await vscode.workspace.fs.writeFile(npmrc(), new TextEncoder().encode(`@mona:registry=${registry}\n${auth}\n`));
  });
  after(async () => {
    if (npmrcBefore) await vscode.workspace.fs.writeFile(npmrc(), npmrcBefore);
    else await Promise.resolve(vscode.workspace.fs.delete(npmrc())).catch(() => undefined);
  });

  it('shows the latest version beside an npm dependency and what its range resolves to, with a hover about the package', async function () {
    const editor = await open('package.json');
    const labels = await waitForHint(editor.document, /latest 2\.0\.0/);
    assert.ok(
      labels.some((label) => /latest 2\.0\.0 · range gives 1\.2\.0/.test(label)),
      labels.join(' | '),
    );
    const name = editor.document.positionAt(editor.document.getText().indexOf('@mona/hello-world') + 3);
    const hover = await hoverText(editor.document, name);
    assert.match(hover, /on GitHub Packages — public, owned by mona/);
    assert.match(hover, /mona\/hello-world/, 'the linked repository');
    assert.match(hover, /- 2\.0\.0, published/);
    assert.match(hover, /Show in View.*Package Settings.*Open on GitHub/s);
    if (driver.available) await driver.screenshot('manifest-hints-package-json');
  });

  it('flags a deleted version and restores it with the quick fix', async function () {
    const editor = await open('package.json');
    const range = await typeVersion(editor, '@mona/hello-world', '2.0.0-rc.1');
    let deleted: vscode.Diagnostic | undefined;
    await waitUntil(
      () => (deleted = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'deleted-version')) !== undefined,
      'the deleted-version diagnostic',
    );
    assert.match(
      deleted!.message,
      /@mona\/hello-world 2\.0\.0-rc\.1 was deleted from GitHub Packages 6 days ago\. It can be restored until/,
    );
    assert.ok(deleted!.range.isEqual(range), 'the diagnostic marks the version');

    const restore = (await actionsAt(editor.document, deleted!.range)).find((action) => action.title === 'Restore Version 2.0.0-rc.1');
    assert.ok(restore?.command, 'a Restore Version quick fix');
    await vscode.commands.executeCommand(restore.command.command, ...(restore.command.arguments ?? []));
    const pkg = session.gh.state.findPackage('mona', 'npm', 'hello-world')!;
    assert.ok(
      session.gh.state.listVersions(pkg).some((version) => version.name === '2.0.0-rc.1'),
      'the version is active again on the server',
    );
    await waitUntil(
      () => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.code === 'deleted-version'),
      'the diagnostic to go',
    );
    await revert(editor);
  });

  it('updates a dependency to the latest version by editing the manifest', async function () {
    const editor = await open('package.json');
    await typeVersion(editor, '@mona/hello-world', '^1.0.0');
    let newer: vscode.Diagnostic | undefined;
    await waitUntil(
      () => (newer = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'newer-version')) !== undefined,
      'the newer-version hint',
    );
    const update = (await actionsAt(editor.document, newer!.range)).find((action) => action.title === 'Update to 2.0.0');
    assert.ok(update?.edit, 'an Update to 2.0.0 quick fix');
    assert.ok(await vscode.workspace.applyEdit(update.edit));
    assert.match(editor.document.getText(), /"@mona\/hello-world": "\^2\.0\.0"/);
    await revert(editor);
  });

  it('updates to the latest version and, when asked, runs npm install so the lockfile follows', async function () {
    this.timeout(180_000);
    const manifest = vscode.Uri.joinPath(folder(), 'package.json');
    const original = await vscode.workspace.fs.readFile(manifest);
    const lockfile = vscode.Uri.joinPath(folder(), 'package-lock.json');
    const lockBefore = await Promise.resolve(vscode.workspace.fs.readFile(lockfile)).catch(() => undefined);
    const editor = await open('package.json');
    try {
      await typeVersion(editor, '@mona/hello-world', '^1.0.0');
      let newer: vscode.Diagnostic | undefined;
      await waitUntil(
        () => (newer = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'newer-version')) !== undefined,
        'the newer-version hint',
      );
      const update = (await actionsAt(editor.document, newer!.range)).find(
        (action) => action.title === 'Update to 2.0.0 and run npm install',
      );
      assert.ok(update?.edit && update.command, 'an Update to 2.0.0 and run npm install quick fix');
      assert.ok(await vscode.workspace.applyEdit(update.edit));
      await vscode.commands.executeCommand(update.command.command, ...(update.command.arguments ?? []));
      assert.strictEqual(editor.document.isDirty, false, 'package.json was saved before npm ran');
      const lock = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(lockfile))) as {
        packages: Record<string, { version?: string }>;
      };
      assert.strictEqual(lock.packages['node_modules/@mona/hello-world']?.version, '2.0.0');
      assert.ok(!JSON.stringify(lock).includes('gplocal_'), 'no token in the lockfile');
    } finally {
      await vscode.workspace.fs.writeFile(manifest, original);
      if (lockBefore) await vscode.workspace.fs.writeFile(lockfile, lockBefore);
      else await Promise.resolve(vscode.workspace.fs.delete(lockfile)).catch(() => undefined);
      await revert(editor);
    }
  });

  it('shows the newest image beside a Dockerfile FROM, its tags in the hover, and pins the image to its digest', async function () {
    const editor = await open('Dockerfile');
    await waitForHint(editor.document, /newest 2\.0 sha256:[0-9a-f]{12}/);
    const at = editor.document.positionAt(editor.document.getText().indexOf('ghcr.io/mona') + 10);
    const hover = await hoverText(editor.document, at);
    assert.match(hover, /Tagged images/);
    assert.match(hover, /latest, 2\.0 — sha256:[0-9a-f]{12}/);
    assert.match(hover, /- 1\.1 — sha256:/);
    if (driver.available) await driver.screenshot('manifest-hints-dockerfile');
    const line = editor.document.lineAt(at.line).range;
    const actions = await actionsAt(editor.document, line);
    assert.ok(
      actions.some((action) => action.title === 'Update Tag to 2.0'),
      actions.map((a) => a.title).join(', '),
    );
    const pin = actions.find((action) => action.title === 'Pin Image to Digest');
    assert.ok(pin?.edit);
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    assert.match(editor.document.lineAt(at.line).text, /^FROM ghcr\.io\/mona\/hello-world:1\.1@sha256:[0-9a-f]{64} AS greeting$/);
    await revert(editor);
  });

  it('shows the latest version beside a Maven dependency served by a GitHub repository the pom declares', async function () {
    const editor = await open('pom.xml');
    const repository = `${session.gh.registries.maven}/octo-org/octo-java`;
    const block = [
      `  <repositories><repository><id>github</id><url>${repository}</url></repository></repositories>`,
      '  <dependencies>',
      '    <dependency><groupId>com.octo</groupId><artifactId>core</artifactId><version>1.0.0</version></dependency>',
      '  </dependencies>',
      '',
    ].join('\n');
    const close = editor.document.positionAt(editor.document.getText().indexOf('</project>'));
    await editor.edit((edit) => edit.insert(close, block));
    try {
      // 1.2.0-SNAPSHOT is a pre-release: an exact 1.0.0 does not ask for one.
      const labels = await waitForHint(editor.document, /latest 1\.1\.0/);
      assert.ok(!labels.some((label) => label.includes('SNAPSHOT')), labels.join(' | '));
    } finally {
      await revert(editor);
    }
  });

  it('hides the hints when githubPackages.manifestHints is off, and shows them again when it is on', async function () {
    const editor = await open('package.json');
    await waitForHint(editor.document, /latest 2\.0\.0/);
    const config = vscode.workspace.getConfiguration('githubPackages');
    await config.update('manifestHints', false, vscode.ConfigurationTarget.Global);
    try {
      await waitUntil(async () => (await hintLabels(editor.document)).length === 0, 'the hints to go');
    } finally {
      await config.update('manifestHints', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForHint(editor.document, /latest 2\.0\.0/);
  });

  it('gives a manifest that does not parse no hints and no problems, and decorates it again once fixed', async function () {
    const editor = await open('package.json');
    await waitForHint(editor.document, /latest 2\.0\.0/);
    const end = editor.document.positionAt(editor.document.getText().lastIndexOf('}'));
    await editor.edit((edit) => edit.replace(new vscode.Range(end, end.translate(0, 1)), ''));
    await waitUntil(async () => (await hintLabels(editor.document)).length === 0, 'the hints to go');
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'GitHub Packages'),
      [],
    );
    await editor.edit((edit) => edit.insert(end, '}'));
    await waitForHint(editor.document, /latest 2\.0\.0/);
    await revert(editor);
  });
});
