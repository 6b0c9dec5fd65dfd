import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { VersionNode } from '../../../src/views/nodes';
import { driver } from './driver';
import { extensionApi, outputLog, packageNodeOf, signedInSession, waitUntil } from './helpers';

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

describe('Install a RubyGems package into the project', function () {
  const session = signedInSession('demo');
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const file = (path: string) => vscode.Uri.joinPath(folder(), path);
  const read = async (path: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(file(path)));

  before(async () => {
    await vscode.workspace.fs.writeFile(
      file('Gemfile'),
      new TextEncoder().encode("# frozen_string_literal: true\n\n# the demo app's gems\n"),
    );
    // Bundler installs into the project, not the machine's gems.
    await vscode.workspace.fs.writeFile(
      file('.bundle/config'),
      new TextEncoder().encode('---\nBUNDLE_PATH: "vendor/bundle"\nBUNDLE_DISABLE_SHARED_GEMS: "true"\n'),
    );
  });
  after(async () => {
    for (const path of ['Gemfile', 'Gemfile.lock', '.bundle', 'vendor'])
      await vscode.workspace.fs.delete(file(path), { recursive: true }).then(undefined, () => undefined);
  });

  it('adds the gem to the Gemfile in a source block for the owner, then bundle install resolves it, logged in the output channel', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    const api = await extensionApi();
    const pkg = await packageNodeOf('mona', 'rubygems', 'mona_gem');
    await waitUntil(() => api.tree.getChildren(pkg).some((n) => n.kind === 'version'), 'versions');
    const version = api.tree.getChildren(pkg).find((n): n is VersionNode => n.kind === 'version' && n.version.name === '0.2.0')!;

    await vscode.commands.executeCommand('githubPackages.install', version);
    const question = session.questions.at(-1)!;
    assert.match(question, /^Install mona_gem 0\.2\.0 into Gemfile\?/);
    assert.match(question, /Update Gemfile\nThen run: bundle install \(in workspace\)/);
    assert.ok(!question.includes('gplocal_'), 'no token in the confirmation');

    const gemfile = await read('Gemfile');
    assert.strictEqual(
      gemfile,
      `# frozen_string_literal: true\n\n# the demo app's gems\n\nsource "${session.gh.registries.rubygems}/mona" do\n  gem "mona_gem", "0.2.0"\nend\n`,
    );
    assert.match(await read('Gemfile.lock'), /mona_gem \(0\.2\.0\)/);
    let log = '';
    await waitUntil(async () => {
      log = await outputLog(api.logUri);
      return /bundle install \(in /.test(log) && /Bundle complete/.test(log);
    }, 'the bundle install output in the GitHub Packages channel');
    assert.ok(!log.includes('gplocal_'), 'the output channel never shows the token');
  });

  it('without bundle on PATH still updates the gem’s version in the Gemfile, and says which tool is needed', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const pkg = await packageNodeOf('mona', 'rubygems', 'mona_gem');
    const version = api.tree.getChildren(pkg).find((n): n is VersionNode => n.kind === 'version' && n.version.name === '0.1.0')!;
    // The extension host is this process: its PATH is the one the extension looks clients up on.
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await vscode.commands.executeCommand('githubPackages.install', version);
    } finally {
      process.env.PATH = path;
    }
    assert.match(session.questions.at(-1)!, /Bundler \(bundle\) is not on PATH, so nothing resolves it after the edit/);
    assert.match(await read('Gemfile'), /do\n {2}gem "mona_gem", "0\.1\.0"\nend\n$/, 'the version is updated, not a second gem line added');
    if (driver.available)
      await driver.waitFor('.notification-toast .notification-list-item-message', {
        text: 'mona_gem 0.1.0 was added to Gemfile, but Bundler (bundle) is not on PATH',
        timeout: 10_000,
      });
  });
});
