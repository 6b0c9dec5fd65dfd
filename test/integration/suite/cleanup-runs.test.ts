import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import type { VersionNode } from '../../../src/views/nodes';
import { extensionApi, notificationsMatching, signedInSession, VIEW, waitUntil } from './helpers';

const QUICK_INPUT = '.quick-input-widget';

async function viewMessage(): Promise<string> {
  return (await driver.query(`${VIEW} .message`))
    .map((m) => m.text.trim())
    .filter(Boolean)
    .join(' ');
}

describe('Clean-up runs, workflows and GitHub limits', function () {
  const session = signedInSession('demo');

  it('exports a container rule as a dry-run dataaxiom workflow in .github/workflows', async function () {
    this.timeout(60_000);
    const rule = {
      owner: 'octo-org',
      packageType: 'container',
      packages: 'octo-web/api',
      untaggedOnly: true,
      olderThanDays: 7,
      keepNewest: 2,
    };
    const uri = await vscode.commands.executeCommand<vscode.Uri>('githubPackages.exportCleanupWorkflow', rule);
    try {
      assert.ok(uri.path.endsWith('/.github/workflows/cleanup-octo-web-api.yml'), uri.path);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.match(text, /uses: dataaxiom\/ghcr-cleanup-action@v1/);
      assert.match(text, /dry-run: true/);
      assert.match(text, /keep-n-untagged: 2/, 'keepNewest over untagged only is keep-n-untagged');
      assert.match(text, /exclude-tags: 'latest'/);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the file is opened');
      await notificationsMatching(
        /^Wrote \.github\/workflows\/cleanup-octo-web-api\.yml with dataaxiom\/ghcr-cleanup-action@v1\. It starts in dry-run mode\.$/,
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (uri) await vscode.workspace.fs.delete(uri);
    }
  });

  it('previews what a workflow clean-up step in the workspace would delete today, deleting nothing', async function () {
    this.timeout(60_000);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, '.github/workflows/prune.yml');
    const workflow = [
      'on: workflow_dispatch',
      'jobs:',
      '  prune:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/delete-package-versions@v5',
      '        with:',
      '          owner: octo-org',
      '          package-name: octo-ui',
      '          package-type: npm',
      '          min-versions-to-keep: 243',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(workflow));
    try {
      const record = session.gh.state.findPackage('octo-org', 'npm', 'octo-ui')!;
      const before = session.gh.state.listVersions(record).length;
      const running = vscode.commands.executeCommand('githubPackages.previewCleanupWorkflows');
      await driver.waitFor(`${QUICK_INPUT} .quick-input-title`, { text: 'Dry run: would delete' });
      const [title] = await driver.query(`${QUICK_INPUT} .quick-input-title`);
      assert.match(title.text, new RegExp(`^Dry run: would delete ${before - 243} versions from 1 package`));
      await driver.press('Enter');
      await running;
      assert.strictEqual(session.gh.state.listVersions(record).length, before, 'a preview deletes nothing');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it("waits when GitHub's rate limit is reached, says in the view when it resumes, and resumes to an exact summary", async function () {
    this.timeout(120_000);
    const record = session.gh.state.findPackage('octo-org', 'npm', 'octo-ui')!;
    const before = session.gh.state.listVersions(record).length;
    const running = vscode.commands.executeCommand('githubPackages.cleanup', {
      owner: 'octo-org',
      packageType: 'npm',
      packages: 'octo-ui',
      keepNewest: before - 3,
    });
    await driver.waitFor(`${QUICK_INPUT} .quick-input-title`, { text: 'Delete 3 versions from 1 package' });
    const limit = session.gh.state.rateLimit;
    session.gh.state.rateLimit = 0;
    try {
      await driver.press('Enter');
      await running;
      await waitUntil(
        async () => /waits for GitHub's limits: 0 of 3 done; resumes at/.test(await viewMessage()),
        'the view to say when the clean-up resumes',
      );
      await driver.screenshot('cleanup-waiting-for-rate-limit');
      assert.strictEqual(session.gh.state.listVersions(record).length, before, 'nothing deleted while limited');
      await vscode.commands.executeCommand('githubPackages.cleanupPause');
      await waitUntil(
        async () => /Clean-up of octo-org paused \(paused by you\): 0 of 3 done/.test(await viewMessage()),
        'the view to show the paused plan',
      );
    } finally {
      session.gh.state.rateLimit = limit;
    }
    await vscode.commands.executeCommand('githubPackages.cleanupResume');
    assert.strictEqual(session.gh.state.listVersions(record).length, before - 3);
    await notificationsMatching(/^Deleted 3 versions from 1 package of octo-org\.$/);
    await waitUntil(async () => (await viewMessage()) === '', 'the view message to clear');
  });

  it('removes one tag through the registry (GitHub has no API for it), keeping the image and its other tags', async function () {
    this.timeout(60_000);
    const record = session.gh.state.findPackage('mona', 'container', 'hello-world')!;
    const image = session.gh.state.listVersions(record).find((v) => v.tags.includes('2.0'))!;
    const before = session.gh.state.listVersions(record).length;
    const api = await extensionApi();
    const owner = api.registry().getOwner('mona')!.owner;
    const pkg = api
      .registry()
      .getPackages('mona')!
      .find((p) => p.name === 'hello-world' && p.packageType === 'container')!;
    const ref = { owner: { login: 'mona', kind: owner.kind }, type: 'container' as const, name: 'hello-world' };
    const version = (await api.registry().loadVersions(ref)).active!.find((v) => v.tags.includes('2.0'))!;
    const node: VersionNode = { kind: 'version', owner, pkg, version, deleted: false, latest: false };

    await vscode.commands.executeCommand('githubPackages.untag', node, '2.0');
    assert.match(session.questions.at(-1)!, /^Remove the tag 2\.0 from mona\/hello-world\?\nGitHub has no API to remove a single tag\./);
    assert.deepStrictEqual(session.gh.state.version(image.id)!.tags, ['latest'], 'the image keeps latest');
    assert.strictEqual(session.gh.state.listVersions(record).length, before, 'the throwaway version is gone again');
    assert.ok(!session.gh.state.listVersions(record).some((v) => v.tags.includes('2.0')), 'no version is tagged 2.0');
    await notificationsMatching(/^Removed the tag 2\.0 from hello-world; the image keeps latest\.$/);
  });
});
