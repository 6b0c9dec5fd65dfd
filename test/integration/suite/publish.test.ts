import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { PackageType } from '../../../src/github/types';
import type { LocalGitHub } from '../../github-local';
import { driver } from './driver';
import { acceptConfirmations, extensionApi, signedInSession, waitForRow } from './helpers';

/** The stand-in holds the package with exactly `version`, linked to `repository`, and the view lists it without a refresh. */
async function assertPublished(
  gh: LocalGitHub,
  expected: { owner: string; type: PackageType; name: string; version: string; repository: string },
): Promise<void> {
  const published = gh.state.findPackage(expected.owner, expected.type, expected.name);
  assert.ok(published, `${expected.name} exists on the server`);
  assert.deepStrictEqual(
    gh.state.listVersions(published).map((v) => v.name),
    [expected.version],
  );
  assert.strictEqual(published.repository, expected.repository, 'linked to its repository');
  const listed = (await extensionApi()).registry().getPackages(expected.owner) ?? [];
  assert.ok(
    listed.some((pkg) => pkg.name === expected.name && pkg.packageType === expected.type),
    'the RegistryService lists it without a refresh',
  );
}

describe('Publish the project’s package', function () {
  const session = signedInSession('demo', 'mona');
  const lib = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'fresh-lib');

  before(async () => {
    const manifest = {
      name: '@octo-org/fresh-lib',
      version: '0.1.0',
      main: 'index.js',
      repository: { type: 'git', url: 'https://github.com/octo-org/octo-web.git' },
    };
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(lib(), 'package.json'),
      new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
    );
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(lib(), 'index.js'), new TextEncoder().encode('module.exports = 1;\n'));
  });

  after(async () => {
    await vscode.workspace.fs.delete(lib(), { recursive: true }).then(undefined, () => undefined);
  });

  it('publishes with npm after showing the .npmrc edit and the command, and the new package appears in the tree', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('githubPackages.publish', vscode.Uri.joinPath(lib(), 'package.json'));
    const asked = session.questions.at(-1)!;
    assert.match(asked, /Publish fresh-lib 0\.1\.0 to GitHub Packages as octo-org\?/);
    assert.match(asked, /Create fresh-lib\/\.npmrc \(no token is written\)/);
    assert.match(asked, /Run: npm publish --registry=/);
    assert.ok(!asked.includes('gplocal_'), 'the token is not shown');
    await assertPublished(session.gh, {
      owner: 'octo-org',
      type: 'npm',
      name: 'fresh-lib',
      version: '0.1.0',
      repository: 'octo-org/octo-web',
    });
    const npmrc = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(lib(), '.npmrc')));
    assert.ok(!npmrc.includes('gplocal_'), 'no token in .npmrc');
    await vscode.commands.executeCommand('githubPackages.filter', { text: 'fresh-lib' });
    await waitForRow('npm', { level: 2 });
    await vscode.commands.executeCommand('githubPackages.filter', {});
  });

  it('says the version already exists before asking or running npm', async function () {
    this.timeout(180_000);
    const before = session.questions.length;
    await vscode.commands.executeCommand('githubPackages.publish', vscode.Uri.joinPath(lib(), 'package.json'));
    assert.strictEqual(session.questions.length, before, 'no confirmation: nothing would be published');
    await vscode.commands.executeCommand('notifications.showList');
    const texts = await driver.waitFor('.notifications-center .notification-list-item-message', { text: 'already published' });
    assert.ok(
      texts.some((t) =>
        /fresh-lib 0\.1\.0 is already published to GitHub Packages as octo-org.*Raise the version in package\.json/.test(t.text),
      ),
      texts.map((t) => t.text).join(' | '),
    );
    await vscode.commands.executeCommand('notifications.hideList');
    assert.strictEqual(
      session.gh.state.listVersions(session.gh.state.findPackage('octo-org', 'npm', 'fresh-lib')!).length,
      1,
      'still one version',
    );
  });
});

describe('Publish a gem with the real gem client', function () {
  const session = signedInSession('demo', 'mona');
  const gemDir = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'fresh-gem');
  const write = (name: string, text: string) =>
    vscode.workspace.fs.writeFile(vscode.Uri.joinPath(gemDir(), name), new TextEncoder().encode(text));

  before(async function () {
    if (spawnSync('sh', ['-c', 'command -v gem']).status !== 0) {
      if (process.env.CI === 'true') throw new Error('gem is missing (apt-get install ruby); .ci/run installs it');
      this.skip();
    }
    await write('lib/fresh_gem.rb', 'module FreshGem; end\n');
    await write(
      'fresh_gem.gemspec',
      [
        'Gem::Specification.new do |spec|',
        '  spec.name = "fresh_gem"',
        '  spec.version = "0.2.0"',
        '  spec.summary = "Fresh"',
        '  spec.authors = ["Mona"]',
        '  spec.files = ["lib/fresh_gem.rb"]',
        '  spec.metadata["github_repo"] = "https://github.com/octo-org/octo-web"',
        'end',
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await vscode.workspace.fs.delete(gemDir(), { recursive: true }).then(undefined, () => undefined);
  });

  it('builds and pushes with gem (token only in GEM_HOST_API_KEY), and the gem appears linked in the RegistryService', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('githubPackages.publish', vscode.Uri.joinPath(gemDir(), 'fresh_gem.gemspec'));
    const asked = session.questions.at(-1)!;
    assert.match(asked, /Publish fresh_gem 0\.2\.0 to GitHub Packages as octo-org\?/);
    assert.match(asked, /Run: gem push --host http:\/\/127\.0\.0\.1:\d+\/_registry\/rubygems\/octo-org fresh_gem\.gem/);
    assert.ok(!asked.includes('gplocal_'), 'the token is not shown');
    // Linked through the gemspec's github_repo.
    await assertPublished(session.gh, {
      owner: 'octo-org',
      type: 'rubygems',
      name: 'fresh_gem',
      version: '0.2.0',
      repository: 'octo-org/octo-web',
    });
  });
});

const QUICK_INPUT = '.quick-input-widget';

describe('Publish a Gradle build', function () {
  const session = signedInSession('demo', 'mona');
  const project = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'fresh-gradle');
  const buildScript = () => vscode.Uri.joinPath(project(), 'build.gradle');
  const write = (name: string, text: string) =>
    vscode.workspace.fs.writeFile(vscode.Uri.joinPath(project(), name), new TextEncoder().encode(text));
  const JAVA_ONLY = "plugins {\n    id 'java'\n}\n\ngroup = 'com.octo'\nversion = '0.1.0'\n";

  before(async () => {
    await write('settings.gradle', "rootProject.name = 'greeter-lib'\n");
  });
  after(async () => {
    await vscode.workspace.fs.delete(project(), { recursive: true }).then(undefined, () => undefined);
  });

  it('refuses a build without maven-publish before asking anything, naming the plugin line to add', async function () {
    this.timeout(120_000);
    await write('build.gradle', JAVA_ONLY);
    const before = session.questions.length;
    await vscode.commands.executeCommand('githubPackages.publish', buildScript());
    assert.strictEqual(session.questions.length, before, 'no confirmation: nothing would be published');
    await vscode.commands.executeCommand('notifications.showList');
    const texts = await driver.waitFor('.notifications-center .notification-list-item-message', { text: 'maven-publish' });
    assert.ok(
      texts.some((t) => /build\.gradle does not apply the maven-publish plugin.*Add id 'maven-publish'/.test(t.text)),
      texts.map((t) => t.text).join(' | '),
    );
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('shows gradle --no-daemon publish to OWNER/REPOSITORY from the pom scm url, the artifact named by settings.gradle', async function () {
    this.timeout(120_000);
    const script = JAVA_ONLY.replace("    id 'java'\n", "    id 'java'\n    id 'maven-publish'\n").concat(
      '\npublishing {\n    publications {\n        maven(MavenPublication) {\n            from components.java\n',
      "            pom {\n                scm {\n                    url = 'https://github.com/octo-org/octo-web'\n                }\n",
      '            }\n        }\n    }\n}\n',
    );
    await write('build.gradle', script);
    // Answered with Cancel: Debian's Gradle cannot run maven-publish's upload here; what would run is the point.
    const asked: string[] = [];
    (await extensionApi()).testing.setConfirmHandler(async (message, detail) => {
      asked.push(`${message}\n${detail}`);
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('githubPackages.publish', buildScript());
    } finally {
      session.questions = await acceptConfirmations();
    }
    assert.strictEqual(asked.length, 1, 'asked once');
    assert.match(asked[0], /Publish com\.octo\.greeter-lib 0\.1\.0 to GitHub Packages as octo-org\?/);
    assert.match(asked[0], /Registry: http:\/\/127\.0\.0\.1:\d+\/_registry\/maven\/octo-org\/octo-web\n/);
    assert.match(asked[0], /Update fresh-gradle\/build\.gradle \(no token is written\)/);
    assert.match(asked[0], /Run: gradle --no-daemon publish$/m);
    assert.ok(!asked[0].includes('gplocal_'), 'the token is not shown');
    const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(buildScript()));
    assert.strictEqual(after, script, 'cancelled: the build script is unchanged');
  });

  it('asks which repository when the build script names none, and the publish it shows goes to the one given', async function () {
    this.timeout(120_000);
    await write('build.gradle', JAVA_ONLY.replace("    id 'java'\n", "    id 'java'\n    id 'maven-publish'\n"));
    const asked: string[] = [];
    (await extensionApi()).testing.setConfirmHandler(async (message, detail) => {
      asked.push(`${message}\n${detail}`);
      return undefined;
    });
    try {
      const running = vscode.commands.executeCommand('githubPackages.publish', buildScript());
      await driver.waitFor(`${QUICK_INPUT} .quick-input-title`, { text: 'to which owner' });
      await driver.type('octo-org');
      await driver.press('Enter');
      await driver.waitFor(`${QUICK_INPUT} .quick-input-title`, { text: 'which repository of octo-org' });
      await driver.type('octo-web');
      await driver.press('Enter');
      await running;
    } finally {
      session.questions = await acceptConfirmations();
    }
    assert.strictEqual(asked.length, 1, 'asked once');
    assert.match(asked[0], /Registry: http:\/\/127\.0\.0\.1:\d+\/_registry\/maven\/octo-org\/octo-web\n/);
    assert.match(asked[0], /Run: gradle --no-daemon publish$/m);
  });
});
