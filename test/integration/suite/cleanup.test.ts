import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver, type DomElement } from './driver';
import { extensionApi, notificationsMatching, outputLog, packageNodeOf, signedInSession, waitUntil } from './helpers';

const QUICK_INPUT = '.quick-input-widget';

/** The open review as a person sees it: its title and each row's label, description and tick. */
async function readReview(): Promise<{ title: string; rows: { text: string; checked: string | null }[] }> {
  await driver.waitFor(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
  // The list renders its rows over a few frames: read until two readings agree.
  let rows: DomElement[] = [];
  for (let previous = -1; rows.length !== previous; await new Promise((resolve) => setTimeout(resolve, 250))) {
    previous = rows.length;
    rows = await driver.query(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, ['aria-checked']);
  }
  const [title] = await driver.query(`${QUICK_INPUT} .quick-input-title`);
  return { title: title?.text ?? '', rows: rows.map((row) => ({ text: row.text, checked: row.attrs['aria-checked'] })) };
}

describe('Clean up by retention rule', function () {
  const session = signedInSession('demo');

  it('shows the platform images of a tagged image as refused in the review, labelled like the tree, and a dry run deletes nothing', async function () {
    this.timeout(120_000);
    const record = session.gh.state.findPackage('mona', 'container', 'hello-world')!;
    const before = session.gh.state.listVersions(record).length;
    const rule = { owner: 'mona', packageType: 'container', packages: 'hello-world', untaggedOnly: true, olderThanDays: 7, dryRun: true };
    const running = vscode.commands.executeCommand('githubPackages.cleanup', rule);

    const review = await readReview();
    await driver.screenshot('cleanup-review-refused-children');
    assert.match(review.title, /^Dry run: would delete 0 versions from 0 packages — frees nothing; 2 versions refused$/);
    const amd64 = review.rows.find((row) => row.text.includes('linux/amd64 of 1.1'));
    assert.ok(amd64, `rows: ${review.rows.map((row) => row.text).join(' | ')}`);
    assert.match(amd64.text, /refused: .*linux\/amd64 image of 1\.1; deleting it would break pulling hello-world:1\.1/);
    assert.notStrictEqual(amd64.checked, 'true', 'a refused version is not ticked');
    await driver.click(`${QUICK_INPUT} .quick-input-list .monaco-list-row >> nth=0`);
    assert.notStrictEqual((await readReview()).rows[0].checked, 'true', 'ticking a refused version does not stick');
    await driver.press('Enter');
    await running;

    assert.strictEqual(session.gh.state.listVersions(record).length, before, 'nothing was deleted');
    assert.strictEqual(session.questions.length, 0, 'a dry run asks for no confirmation');
    await notificationsMatching(/^Dry run: .*Nothing was deleted\.$/);
  });

  it('runs a rule passed as the first argument (as a keybinding passes it): reviewed, confirmed, then deleted', async function () {
    this.timeout(180_000);
    const record = session.gh.state.findPackage('octo-org', 'npm', 'octo-ui')!;
    const before = session.gh.state.listVersions(record);
    const oldest = [...before]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, before.length - 245)
      .map((v) => v.name);

    const running = vscode.commands.executeCommand('githubPackages.cleanup', {
      owner: 'octo-org',
      packageType: 'npm',
      packages: 'octo-ui',
      keepNewest: 245,
    });
    const review = await readReview();
    assert.match(
      review.title,
      new RegExp(
        `^Delete ${oldest.length} versions from 1 package — storage freed not known: GitHub does not report the size of npm versions`,
      ),
    );
    assert.ok(
      review.rows.every((row) => row.checked === 'true'),
      'every selected version is ticked',
    );
    assert.ok(
      review.rows.some((row) => row.text.includes(oldest[0]) && row.text.includes('beyond the 245 newest')),
      'each row says why',
    );
    await driver.press('Enter');
    await running;

    assert.match(session.questions.at(-1)!, new RegExp(`Delete ${oldest.length} versions of octo-org/octo-ui\\?`));
    for (const name of oldest) assert.ok(session.questions.at(-1)!.includes(name), `the confirmation names ${name}`);
    const after = session.gh.state.listVersions(record).map((v) => v.name);
    assert.strictEqual(after.length, 245);
    assert.deepStrictEqual(
      oldest.filter((name) => after.includes(name)),
      [],
      'the oldest ones went',
    );
    await notificationsMatching(new RegExp(`^Deleted ${oldest.length} versions from 1 package of octo-org\\.$`));
  });

  it("plans a glob over an owner's whole type in one review, with the storage the images free", async function () {
    this.timeout(120_000);
    const running = vscode.commands.executeCommand('githubPackages.cleanup', {
      owner: 'octo-org',
      packageType: 'container',
      includeTags: ['pr-*', 'stable'],
      dryRun: true,
    });
    const review = await readReview();
    assert.match(
      review.title,
      /^Dry run: would delete 2 versions from 2 packages — frees \d[\d.]* (bytes|KB|MB) \(layers shared with kept images stay\)$/,
    );
    const texts = review.rows.map((row) => row.text);
    assert.ok(
      texts.some((text) => text.includes('pr-42') && text.includes('tag matches pr-*, stable')),
      texts.join(' | '),
    );
    assert.ok(
      texts.some((text) => text.includes('stable')),
      texts.join(' | '),
    );
    await driver.press('Escape');
    await running;
  });

  it('keeps a version the workspace uses unticked and marked in use', async function () {
    this.timeout(60_000);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const compose = vscode.Uri.joinPath(folder, 'compose.yaml');
    const text = `services:\n  web:\n    image: ${session.gh.registries.container}/mona/hello-world:1.0\n`;
    await vscode.workspace.fs.writeFile(compose, new TextEncoder().encode(text));
    try {
      const running = vscode.commands.executeCommand('githubPackages.cleanup', {
        owner: 'mona',
        packageType: 'container',
        packages: 'hello-world',
        includeTags: ['1.*'],
        dryRun: true,
      });
      await driver.waitFor(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { text: 'in use' });
      const review = await readReview();
      await driver.screenshot('cleanup-review-in-use');
      const used = review.rows.find((row) => row.text.includes('in use'));
      assert.ok(used, review.rows.map((row) => row.text).join(' | '));
      assert.match(used.text, /in use: 1\.0 in compose\.yaml:3 \(kept unless ticked\)/);
      assert.notStrictEqual(used.checked, 'true');
      assert.match(review.title, /^Dry run: would delete 1 version from 1 package — .*; 1 in use kept$/);
      await driver.press('Escape');
      await running;
    } finally {
      await vscode.workspace.fs.delete(compose);
    }
  });

  it('treats a tree node as the package to clean up, not as a rule', async function () {
    this.timeout(60_000);
    const node = await packageNodeOf('octo-org', 'container', 'builder');
    const running = vscode.commands.executeCommand('githubPackages.cleanup', node);
    await driver.waitFor(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { text: 'Untagged images older than 7 days' });
    await driver.press('Escape');
    await running;
  });

  it('refuses a rule with an unknown key or a bad regular expression, naming them, and deletes nothing', async function () {
    await vscode.commands.executeCommand('githubPackages.cleanup', { owner: 'octo-org', keepLatest: 3, includeTags: ['re:(oops'] });
    const [message] = await notificationsMatching(/clean-up rule is not valid/);
    assert.match(message, /Unknown key "keepLatest"\. Did you mean "keepNewest"\?/);
    assert.match(message, /"re:\(oops" is not a valid regular expression/);
  });

  it('runs the rule a keybinding in keybindings.json carries when its keys are pressed', async function () {
    this.timeout(120_000);
    const record = session.gh.state.findPackage('mona', 'container', 'hello-world')!;
    const before = session.gh.state.listVersions(record).length;
    // run-code-server.mjs binds ctrl+alt+k to a dry run over mona's hello-* images, as README's example does.
    // The earlier dry run logged the same line: count them, so only this run's line ends the wait.
    const logUri = (await extensionApi()).logUri;
    const dryRunsLogged = async () => ((await outputLog(logUri)).match(/Dry run: .*Nothing was deleted\./g) ?? []).length;
    const logged = await dryRunsLogged();
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    await driver.press('Control+Alt+K');

    const review = await readReview();
    assert.match(review.title, /^Dry run: would delete 0 versions from 0 packages — frees nothing; 2 versions refused$/);
    assert.ok(
      review.rows.some((row) => row.text.includes('linux/amd64 of 1.1')),
      `the glob reached hello-world; rows: ${review.rows.map((row) => row.text).join(' | ')}`,
    );
    // As a person would: a click in the review (on a refused row, whose tick does not stick) puts the focus there.
    await driver.click(`${QUICK_INPUT} .quick-input-list .monaco-list-row >> nth=0`);
    await readReview();
    await driver.press('Enter');
    await waitUntil(async () => (await dryRunsLogged()) > logged, 'the dry run’s “Nothing was deleted” in the GitHub Packages log');
    assert.strictEqual(session.gh.state.listVersions(record).length, before, 'nothing was deleted');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
