import * as assert from 'node:assert/strict';
import { ruleFromStep } from '../../../src/registry/cleanupWorkflow';
import type { CleanupAction, CleanupStep } from '../../../src/registry/workflowSteps';

const step = (action: CleanupAction, inputs: Record<string, string>): CleanupStep => ({
  action,
  uses: `${action}@v1`,
  line: 1,
  inputs,
  unreadable: [],
});
const dataaxiom = (inputs: Record<string, string>) =>
  ruleFromStep(step('dataaxiom/ghcr-cleanup-action', inputs), { repositoryOwner: 'octo' });
const snok = (inputs: Record<string, string>) => ruleFromStep(step('snok/container-retention-policy', inputs), { viewer: 'mona' });

describe('registry/cleanupWorkflow: clean-up steps written by hand, read back as rules', () => {
  it('reads a dataaxiom step: packages, regex tags, counts, untagged and age, and says what has no rule', () => {
    assert.deepEqual(
      dataaxiom({
        packages: 'api, web',
        'use-regex': 'TRUE',
        tags: '^pr-',
        'exclude-tags': '^v\\d',
        'keep-n-tagged': ' 3 ',
        'keep-n-untagged': '2x',
        'delete-untagged': 'true',
        'older-than': '2 weeks',
        'delete-ghost-images': 'true',
        'delete-partial-images': 'false',
      }),
      {
        rules: ['api', 'web'].map((packages) => ({
          owner: 'octo',
          packageType: 'container',
          includeTags: ['re:^pr-'],
          excludeTags: ['re:^v\\d'],
          keepNewestTagged: 3,
          untaggedOnly: true,
          olderThanDays: 14,
          packages,
        })),
        notes: ['delete-ghost-images has no rule equivalent'],
      },
    );
  });

  it('reads a bare dataaxiom step as its default, untagged images, and one that keeps untagged ones as a count', () => {
    assert.deepEqual(dataaxiom({ package: 'app' }).rules, [
      { owner: 'octo', packageType: 'container', untaggedOnly: true, packages: 'app' },
    ]);
    assert.deepEqual(dataaxiom({ package: 'app', 'keep-n-untagged': '4', 'delete-untagged': 'true' }).rules, [
      { owner: 'octo', packageType: 'container', keepNewestUntagged: 4, packages: 'app' },
    ]);
    assert.deepEqual(dataaxiom({ package: 'app', 'keep-n-tagged': '1' }).rules, [
      { owner: 'octo', packageType: 'container', keepNewestTagged: 1, packages: 'app' },
    ]);
    assert.deepEqual(dataaxiom({ package: 'app', 'delete-tags': 'dev-*' }).rules, [
      { owner: 'octo', packageType: 'container', includeTags: ['dev-*'], packages: 'app' },
    ]);
  });

  it('reads snok’s tag selections, counts, cut-off, timestamps and skipped digests', () => {
    const rule = (inputs: Record<string, string>) => snok({ account: 'octo-org', 'image-names': 'app', ...inputs }).rules[0];
    assert.deepEqual(rule({ 'tag-selection': 'untagged', 'keep-n-most-recent': '2', 'timestamp-to-use': 'updated_at' }), {
      owner: 'octo-org',
      packageType: 'container',
      untaggedOnly: true,
      keepNewestUntagged: 2,
      age: 'updated',
      packages: 'app',
    });
    assert.deepEqual(rule({ 'tag-selection': 'untagged' }), {
      owner: 'octo-org',
      packageType: 'container',
      untaggedOnly: true,
      packages: 'app',
    });
    assert.deepEqual(rule({ 'tag-selection': 'tagged', 'image-tags': '!stable' }), {
      owner: 'octo-org',
      packageType: 'container',
      excludeTags: ['stable'],
      keepNewestTagged: 0,
      packages: 'app',
    });
    assert.deepEqual(rule({ 'tag-selection': 'tagged', 'keep-n-most-recent': '5' }).keepNewestTagged, 5);
    assert.deepEqual(
      rule({ 'keep-n-most-recent': '3', 'shas-to-skip': 'sha256:aa,sha256:bb', 'timestamp-to-use': 'created_at', 'cut-off': '1d' }),
      {
        owner: 'octo-org',
        packageType: 'container',
        keepNewest: 3,
        olderThanDays: 1,
        excludeVersions: ['sha256:aa', 'sha256:bb'],
        packages: 'app',
      },
    );
    assert.deepEqual(rule({}), { owner: 'octo-org', packageType: 'container', packages: 'app' });
    assert.deepEqual(snok({ account: 'user', 'image-names': 'app' }).rules[0].owner, 'mona');
  });

  it('leaves workflow expressions out, except the token, and says so', () => {
    const translated = dataaxiom({
      package: 'app',
      token: '${{ secrets.GITHUB_TOKEN }}',
      'keep-n-tagged': '${{ inputs.keep }}',
      owner: '${{ github.repository_owner }}',
    });
    assert.deepEqual(translated.notes, [
      'input keep-n-tagged is a workflow expression, evaluated only on GitHub; it was left out',
      'input owner is a workflow expression, evaluated only on GitHub; it was left out',
    ]);
    assert.deepEqual(translated.rules, [{ owner: 'octo', packageType: 'container', untaggedOnly: true, packages: 'app' }]);
  });
});
