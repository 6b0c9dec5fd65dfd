import * as assert from 'node:assert/strict';
import { deletedVersionFor, imageVersions, latestVersions, respelled, semverRangeOf } from '../../../../src/ecosystems/dependencies';

const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();
const versions = (...names: string[]) => names.map((name, i) => ({ name, createdAt: day(30 - i) }));
// Newest first, as GitHub lists them.
const HELLO = versions('2.1.0-beta.1', '2.0.0', '1.2.0', '1.1.0', '1.0.0');

describe('latest version on GitHub Packages for a manifest range', () => {
  it('gives the latest stable version overall and the latest the range accepts', () => {
    assert.deepEqual(latestVersions('npm', '^1.0.0', HELLO), {
      latest: '2.0.0',
      latestMatching: '1.2.0',
      range: '>=1.0.0 <2.0.0-0',
      exact: false,
      newer: true,
    });
  });

  it('considers pre-releases only when the range asks for one', () => {
    const result = latestVersions('npm', '^2.1.0-beta.0', HELLO);
    assert.equal(result.latest, '2.1.0-beta.1');
    assert.equal(result.latestMatching, '2.1.0-beta.1');
    assert.equal(latestVersions('npm', '>=2.0.0', HELLO).latestMatching, '2.0.0');
  });

  it('says an exact pin is exact, and that nothing is newer when it is the latest', () => {
    assert.deepEqual(latestVersions('npm', '2.0.0', HELLO), {
      latest: '2.0.0',
      latestMatching: '2.0.0',
      range: '2.0.0',
      exact: true,
      newer: false,
    });
  });

  it('leaves a range semver cannot read as written, still naming the latest version', () => {
    const result = latestVersions('npm', 'next', HELLO);
    assert.equal(result.range, undefined);
    assert.equal(result.latestMatching, undefined);
    assert.equal(result.latest, '2.0.0');
    assert.equal(result.newer, false);
  });

  it('reads Maven and NuGet intervals, Gradle dynamic versions and RubyGems pessimistic requirements', () => {
    assert.equal(semverRangeOf('maven', '[1.0,2.0)'), '>=1.0.0 <2.0.0');
    assert.equal(semverRangeOf('nuget', '[1.0.1]'), '1.0.1');
    assert.equal(semverRangeOf('gradle', '1.+'), '>=1.0.0 <2.0.0-0');
    assert.equal(semverRangeOf('rubygems', '~> 0.1'), '>=0.1.0 <1.0.0');
    assert.equal(semverRangeOf('rubygems', '~> 1.2.3'), '>=1.2.3 <1.3.0');
    assert.equal(semverRangeOf('rubygems', '>= 1.0, < 2'), '>=1.0.0 <2.0.0');
    assert.equal(semverRangeOf('maven', '${unresolved}'), undefined);
    assert.equal(latestVersions('maven', '1.0', versions('1.2.0-SNAPSHOT', '1.1', '1.0')).latest, '1.1');
  });

  it('falls back to the newest published when no version is semver', () => {
    assert.equal(latestVersions('maven', 'abc', versions('zeta', 'alpha')).latest, 'zeta');
  });

  it('writes an update the way the old version was written: caret, tilde, pessimistic or exact', () => {
    assert.equal(respelled('^1.0.0', '2.0.0'), '^2.0.0');
    assert.equal(respelled('~1.2.0', '1.3.0'), '~1.3.0');
    assert.equal(respelled('~> 0.1', '0.2.0'), '~> 0.2.0');
    assert.equal(respelled('1.0.0', '2.0.0'), '2.0.0');
    assert.equal(respelled('[1.0,2.0)', '2.1.0'), '2.1.0');
  });

  it('finds the deleted version a pin or range asks for', () => {
    const deleted = versions('2.0.0-rc.1', '0.9.0');
    assert.equal(deletedVersionFor('npm', '0.9.0', deleted)?.name, '0.9.0');
    assert.equal(deletedVersionFor('npm', '^0.9.0', deleted)?.name, '0.9.0');
    assert.equal(deletedVersionFor('npm', '^1.0.0', deleted), undefined);
    assert.equal(deletedVersionFor('npm', 'weird', versions('weird'))?.name, 'weird');
  });
});

describe('latest container image for a tag or digest', () => {
  const images = [
    { name: 'sha256:c', createdAt: day(20), tags: ['latest', '2.0'] },
    { name: 'sha256:child', createdAt: day(20), tags: [] },
    { name: 'sha256:b', createdAt: day(10), tags: ['1.1'] },
    { name: 'sha256:a', createdAt: day(5), tags: ['1.0'] },
  ];

  it('names the image a tag points at and the newest tag, version-like tags before latest', () => {
    const result = imageVersions('1.1', undefined, images);
    assert.equal(result.current?.name, 'sha256:b');
    assert.equal(result.newest?.name, 'sha256:c');
    assert.equal(result.newestTag, '2.0');
    assert.equal(result.newer, true);
  });

  it('reads a digest, and an untagged reference as latest', () => {
    assert.equal(imageVersions('', 'sha256:a', images).current?.name, 'sha256:a');
    assert.deepEqual(
      { ...imageVersions('', undefined, images), current: undefined, newest: undefined },
      { current: undefined, newest: undefined, newestTag: '2.0', newer: false },
    );
  });

  it('has no current image for a tag no version carries', () => {
    assert.equal(imageVersions('9.9', undefined, images).current, undefined);
  });
});
