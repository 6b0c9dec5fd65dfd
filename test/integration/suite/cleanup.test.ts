import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { packageNodeOf, signedInSession } from './helpers';

describe('Clean up by retention rule', function () {
  const session = signedInSession('demo');

  it('deletes exactly the versions beyond the 245 newest of a 250-version package, after naming them', async function () {
    this.timeout(180_000);
    const node = await packageNodeOf('octo-org', 'npm', 'octo-ui');
    const record = session.gh.state.findPackage('octo-org', 'npm', 'octo-ui')!;
    const before = session.gh.state.listVersions(record);
    const oldest = [...before].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).slice(0, before.length - 245).map((v) => v.name);

    await vscode.commands.executeCommand('githubPackages.cleanup', node, { keepLatest: 245, keepTags: [] });
    assert.match(session.questions.at(-1)!, new RegExp(`Delete ${oldest.length} versions of octo-org/octo-ui\\?`));
    for (const name of oldest) assert.ok(session.questions.at(-1)!.includes(name), `the confirmation names ${name}`);
    const after = session.gh.state.listVersions(record).map((v) => v.name);
    assert.strictEqual(after.length, 245);
    assert.deepStrictEqual(oldest.filter((name) => after.includes(name)), [], 'the oldest ones went');
  });
});
