import * as assert from 'node:assert/strict';
import { compilePattern, coversPackage, describeRule, matcherOf, validateRule } from '../../../src/registry/cleanupRule';

/** The problems a rule is refused for, or [] when it is taken. */
const problems = (input: unknown) => {
  const result = validateRule(input);
  return result.ok ? [] : result.problems;
};

describe('registry/cleanupRule: a rule from a keybinding or a task is checked and explained', () => {
  it('asks for an object, and an owner that is not blank', () => {
    const notObject = 'A clean-up rule is an object such as { "owner": "octo-org", "packages": "api/*", "untaggedOnly": true }.';
    for (const input of [null, undefined, 'keep 10', 7, [{ owner: 'o' }]]) assert.deepEqual(problems(input), [notObject], String(input));
    const owner = '"owner" is required: the user or organization whose packages are cleaned up.';
    assert.deepEqual(problems({}), [owner]);
    assert.deepEqual(problems({ owner: '  ' }), ['"owner" must be a non-empty string.', owner]);
    assert.deepEqual(problems({ owner: 'o', packages: undefined }), [], 'a key set to undefined is as good as absent');
  });

  it('says what each kind of value must be', () => {
    assert.deepEqual(problems({ owner: 'o', packages: '' }), ['"packages" must be a non-empty string.']);
    assert.deepEqual(problems({ owner: 'o', packages: 5 }), ['"packages" must be a non-empty string.']);
    assert.deepEqual(problems({ owner: 'o', dryRun: 'yes' }), ['"dryRun" must be true or false.']);
    assert.deepEqual(problems({ owner: 'o', keepNewest: -1 }), ['"keepNewest" must be a whole number, 0 or more (got -1).']);
    assert.deepEqual(problems({ owner: 'o', keepNewest: 0, olderThanDays: 0 }), []);
    assert.deepEqual(problems({ owner: 'o', olderThanDays: 1.5 }), []);
    for (const days of [-1, '30', Infinity]) {
      assert.deepEqual(problems({ owner: 'o', olderThanDays: days }), [
        `"olderThanDays" must be a number of days, 0 or more (got ${JSON.stringify(days)}).`,
      ]);
    }
    assert.deepEqual(problems({ owner: 'o', age: 'updated' }), []);
    assert.deepEqual(problems({ owner: 'o', age: 'created' }), []);
    assert.deepEqual(problems({ owner: 'o', age: 'modified' }), ['"age" must be "created" or "updated".']);
    const list = '"includeTags" must be a list of globs or "re:<regex>" strings, e.g. ["v1.*", "re:^pr-\\\\d+$"].';
    for (const tags of ['v1.*', ['v1', ''], ['v1', 2]])
      assert.deepEqual(problems({ owner: 'o', includeTags: tags }), [list], JSON.stringify(tags));
    assert.deepEqual(problems({ owner: 'o', includeTags: ['v1', 're:^pr-\\d+$'] }), []);
    assert.match(
      problems({ owner: 'o', excludeVersions: ['re:('] })[0],
      /^"excludeVersions": "re:\(" is not a valid regular expression \(/,
    );
  });

  it('names a key it does not know, suggesting the one meant', () => {
    const [unknown] = problems({ owner: 'o', keepLatest: 3 });
    assert.match(unknown, /^Unknown key "keepLatest"\. Did you mean "keepNewest"\? A rule knows: owner, packageType, packages, /);
    assert.match(problems({ owner: 'o', colour: 'red' })[0], /^Unknown key "colour"\. A rule knows: owner, /);
  });

  it('says container-only keys do not apply to other package types, in the singular for one', () => {
    assert.deepEqual(problems({ owner: 'o', packageType: 'npm', excludeTags: ['v1'] }), [
      'excludeTags applies to container tags only; npm versions have no tags.',
    ]);
    assert.deepEqual(problems({ owner: 'o', packageType: 'container', excludeTags: ['v1'], untaggedOnly: true }), []);
  });

  it('describes a rule in words', () => {
    assert.equal(
      describeRule({ preReleaseOnly: true, includeVersions: ['1.*'], olderThanDays: 1, age: 'updated', keepNewest: 2 }),
      'pre-release versions named 1.* updated more than 1 day ago beyond the 2 newest (never tagged latest)',
    );
    assert.equal(
      describeRule({
        includeTags: ['pr-*', 'dev-*'],
        includeVersions: ['sha256:a*'],
        keepNewestUntagged: 3,
        keepNewestTagged: 1,
        excludeVersions: ['sha256:b*'],
      }),
      'versions tagged only pr-*, dev-* or named sha256:a* beyond the 1 newest tagged and the 3 newest untagged (never tagged latest, never named sha256:b*)',
    );
  });

  it('covers a package by type (docker with container) and by name or glob', () => {
    assert.equal(coversPackage({ packageType: 'container' }, { name: 'old', packageType: 'docker' }), true);
    assert.equal(coversPackage({ packageType: 'npm' }, { name: 'old', packageType: 'docker' }), false);
    assert.equal(coversPackage({ packages: 'v?' }, { name: 'v1', packageType: 'npm' }), true);
    assert.equal(coversPackage({ packages: 'v?' }, { name: 'v10', packageType: 'npm' }), false);
    assert.equal(compilePattern('re:^v\\d').test('v1'), true);
    assert.equal(matcherOf([]), undefined);
    assert.equal(matcherOf(['a*', 'b?'])?.('bx'), 'b?');
  });
});
