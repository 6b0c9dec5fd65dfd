import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/github/errors';
import type { PackageVersion } from '../../../src/github/types';
import { summarizeDeletion } from '../../../src/registry/deleteSummary';
import { digest, version } from './fixtures';

const planOf = (versions: PackageVersion[], refusals: { version: PackageVersion; reason: 'notActive'; message: string }[] = []) => ({
  toDelete: versions.map((v) => ({ version: v, tags: v.tags })),
  refusals,
});
const npm = { owner: 'mona', name: 'hello', container: false };
const image = { owner: 'mona', name: 'app', container: true };

describe('registry/deleteSummary: the words after a delete say what really happened', () => {
  it('says everything asked for was deleted, in the singular for one', () => {
    const summary = summarizeDeletion(npm, planOf([version(1, '1.0.0', ['latest'])]), { succeeded: [1], failed: [], skipped: [] });
    assert.equal(summary.headline, 'Deleted 1 version of mona/hello.');
    assert.deepEqual(summary.details, ['Deleted 1.0.0'], 'npm dist-tags are not named as going with the version');
    assert.equal(summary.complete, true);
  });

  it('says a version whose DELETE failed was not deleted, with GitHub’s reason, and that the run was incomplete', () => {
    const failure = new GitHubError({ kind: 'server', status: 502 }, { operation: 'delete version 2 of npm/hello' });
    const summary = summarizeDeletion(npm, planOf([version(1, '1.0.0'), version(2, '1.1.0')]), {
      succeeded: [1],
      failed: [{ id: 2, error: failure }],
      skipped: [],
    });
    assert.equal(summary.headline, 'Deleted 1 version of mona/hello; 1 refused or failed (GitHub answered with a server error (502).).');
    assert.deepEqual(summary.details, [
      'Deleted 1.0.0',
      'Refused or failed: 1.1.0: GitHub answered with a server error (502). It is usually temporary; try again in a minute.',
    ]);
    assert.ok(!summary.details.some((line) => line.startsWith('Deleted 1.1.0')));
    assert.equal(summary.complete, false);
  });

  it('counts refusals of the plan and failures together, quoting the first failure', () => {
    const refused = version(3, '0.1.0');
    const failure = new GitHubError({
      kind: 'refused',
      reason: 'downloads',
      githubMessage: 'Publicly visible package versions with more than 5000 downloads cannot be deleted.',
    });
    const summary = summarizeDeletion(
      npm,
      planOf(
        [version(1, '1.0.0')],
        [{ version: refused, reason: 'notActive', message: '0.1.0 is not an active version of hello any more (already deleted?).' }],
      ),
      {
        succeeded: [],
        failed: [{ id: 1, error: failure }],
        skipped: [],
      },
    );
    assert.match(summary.headline, /^Deleted 0 versions of mona\/hello; 2 refused or failed \(GitHub refused: Publicly visible/);
    assert.equal(summary.complete, false);
  });

  it('quotes the plan’s refusal when nothing was attempted', () => {
    const only = version(1, '1.0.0');
    const summary = summarizeDeletion(npm, planOf([], [{ version: only, reason: 'notActive', message: 'short reason' }]), undefined);
    assert.equal(summary.headline, 'Deleted 0 versions of mona/hello; 1 refused or failed (short reason).');
    assert.deepEqual(summary.details, ['Not deleted: short reason']);
    assert.equal(summary.complete, false);
  });

  it('quotes a refusal whole when the registry’s reason inside it starts with "Could not"', () => {
    const message =
      'sha256:bbbbbbbbbbbb: nothing was deleted because untagged manifests may belong to tagged multi-arch images and Could not read: no.';
    const summary = summarizeDeletion(image, planOf([], [{ version: version(2, digest('b')), reason: 'notActive', message }]), undefined);
    assert.equal(summary.headline, `Deleted 0 versions of mona/app; 1 refused or failed (${message}).`);
  });

  it('quotes only the first sentence of a reason in the headline, however many spaces follow it', () => {
    const message = 'Package version is in use.  Remove it from your workflows first.';
    const summary = summarizeDeletion(npm, planOf([], [{ version: version(1, '1.0.0'), reason: 'notActive', message }]), undefined);
    assert.equal(summary.headline, 'Deleted 0 versions of mona/hello; 1 refused or failed (Package version is in use.).');
    assert.deepEqual(summary.details, [`Not deleted: ${message}`]);
  });

  it('shortens a long reason in the headline but keeps it whole in the details', () => {
    const long = Array.from({ length: 50 }, () => 'word').join(' ');
    const summary = summarizeDeletion(npm, planOf([], [{ version: version(1, '1.0.0'), reason: 'notActive', message: long }]), undefined);
    assert.equal(
      summary.headline,
      `Deleted 0 versions of mona/hello; 1 refused or failed (${Array.from({ length: 32 }, () => 'word').join(' ')}…).`,
    );
    assert.deepEqual(summary.details, [`Not deleted: ${long}`]);
    const exact = 'y'.repeat(140);
    assert.match(
      summarizeDeletion(npm, planOf([], [{ version: version(1, '1.0.0'), reason: 'notActive', message: exact }]), undefined).headline,
      new RegExp(`\\(${exact}\\)\\.$`),
    );
  });

  it('says which versions were not attempted after a cancel, by name, or by id when the plan does not know it', () => {
    const summary = summarizeDeletion(npm, planOf([version(1, '1.0.0'), version(2, '1.1.0')]), {
      succeeded: [1],
      failed: [],
      skipped: [2, 77],
    });
    assert.equal(summary.headline, 'Deleted 1 version of mona/hello; 2 not attempted.');
    assert.deepEqual(summary.details, ['Deleted 1.0.0', 'Not attempted (2): 1.1.0, version 77']);
    assert.equal(summary.complete, false);
  });

  it('names a deleted image the plan did not list by its id, with no tags', () => {
    const summary = summarizeDeletion(image, planOf([]), { succeeded: [42], failed: [], skipped: [] });
    assert.deepEqual(summary.details, ['Deleted version 42']);
  });

  it('names the tags that went with each image, and how a deletion was confirmed', () => {
    const [a, b, c] = [version(1, digest('a'), ['v1']), version(2, digest('b')), version(3, digest('c'))];
    const summary = summarizeDeletion(image, planOf([a, b, c]), {
      succeeded: [1, 2, 3],
      failed: [],
      skipped: [],
      confirmed: [
        { id: 1, how: 'deletedWithGraphQL' },
        { id: 3, how: 'confirmedDeleted' },
      ],
    });
    assert.deepEqual(summary.details, [
      'Deleted v1 with tags v1 (through GraphQL)',
      'Deleted sha256:bbbbbbbbbbbb',
      'Deleted sha256:cccccccccccc (confirmed after a lost answer)',
    ]);
    assert.equal(summary.headline, 'Deleted 3 versions of mona/app.');
    assert.equal(summary.complete, true);
  });
});
