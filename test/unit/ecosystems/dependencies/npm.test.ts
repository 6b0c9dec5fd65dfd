import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies } from '../../../../src/ecosystems/dependencies';
import { DOTCOM, GHES, seen } from './helpers';

const PACKAGE_JSON = `{
  "name": "@octo/app",
  // comments are allowed by editors, and kept
  "dependencies": {
    "@mona/hello-world": "^1.0.0",
    "left-pad": "1.3.0",
    "@octo/ui": "3.4.0"
  },
  "devDependencies": { "@mona/scratch": "0.0.3", "@mona/local": "file:../local", "@mona/alias": "npm:@other/x@1" }
}`;

describe('package.json dependencies', () => {
  it('finds each scoped dependency with the exact place of its name and range', () => {
    const found = parseDependencies('/p/package.json', PACKAGE_JSON);
    assert.deepEqual(seen(PACKAGE_JSON, found), [
      { name: '@mona/hello-world', atName: '@mona/hello-world', version: '^1.0.0', atVersion: '^1.0.0' },
      { name: '@octo/ui', atName: '@octo/ui', version: '3.4.0', atVersion: '3.4.0' },
      { name: '@mona/scratch', atName: '@mona/scratch', version: '0.0.3', atVersion: '0.0.3' },
    ]);
  });

  it('maps a scope that .npmrc sends to the GitHub npm registry, and drops one sent elsewhere', () => {
    const npmrc = '@mona:registry=https://npm.pkg.github.com/\n@octo:registry=https://registry.example.com\n';
    const hosted = parseDependencies('package.json', PACKAGE_JSON, { npmrc }).map((d) => hostedOnGitHub(d, DOTCOM));
    assert.deepEqual(
      hosted.map((h) => h && { owners: h.owners, name: h.packageName, mapped: h.mapped }),
      [{ owners: ['mona'], name: 'hello-world', mapped: true }, undefined, { owners: ['mona'], name: 'scratch', mapped: true }],
    );
  });

  it('keeps an unmapped scope as a candidate that counts only when its owner lists the package', () => {
    const [first] = parseDependencies('package.json', PACKAGE_JSON).map((d) => hostedOnGitHub(d, DOTCOM));
    assert.equal(first?.mapped, false);
    assert.deepEqual(first?.owners, ['mona']);
  });

  it('maps to the GitHub Enterprise npm registry when that is the configured host', () => {
    const npmrc = '@mona:registry=https://npm.ghes.example.com';
    const [first] = parseDependencies('package.json', PACKAGE_JSON, { npmrc }).map((d) => hostedOnGitHub(d, GHES));
    assert.equal(first?.mapped, true);
    const onDotcom = parseDependencies('package.json', PACKAGE_JSON, { npmrc }).map((d) => hostedOnGitHub(d, DOTCOM))[0];
    assert.equal(onDotcom, undefined, 'a GHES registry is not github.com');
  });

  it('gives no dependencies for malformed JSON, an array, or a file that is not package.json', () => {
    assert.deepEqual(parseDependencies('package.json', '{ "dependencies": { "@a/b": "1.0.0" '), []);
    assert.deepEqual(parseDependencies('package.json', '[1, 2]'), []);
    assert.deepEqual(parseDependencies('package.json', ''), []);
    assert.deepEqual(parseDependencies('other.json', PACKAGE_JSON), []);
  });
});
