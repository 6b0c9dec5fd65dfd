import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { detectManifest, ECOSYSTEMS } from '../../../src/ecosystems';
import { INSTALLERS } from '../../../src/ecosystems/install';
import { extensionManifest } from '../extensionManifest';

type Menus = Record<string, { command: string; when?: string }[]>;

const MANIFEST_MENUS = ['explorer/context', 'editor/context', 'editor/title/context'];
const CANDIDATES = [
  'package.json',
  'package-lock.json',
  'my-package.json',
  'tsconfig.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'settings.gradle',
  'App.csproj',
  'App.Web.csproj',
  'App.CSPROJ',
  '.csproj',
  'App.fsproj',
  'Lib.vbproj',
  'app.gemspec',
  '.gemspec',
  'Gemfile',
  'gems.rb',
  'Dockerfile',
  'Containerfile',
  'api.Dockerfile',
  'Dockerfile.dev',
  'compose.yml',
  'README.md',
];
const PUBLISHED_FROM = [
  'package.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'App.csproj',
  'App.Web.csproj',
  'app.gemspec',
  'Dockerfile',
  'Containerfile',
  'api.Dockerfile',
];

/** The when clauses of the Explorer and editor menu entries of `command`, one per menu it is in. */
function clausesOf(command: string): string[] {
  const menus = extensionManifest<{ contributes: { menus: Menus } }>().contributes.menus;
  return MANIFEST_MENUS.flatMap((menu) =>
    (menus[menu] ?? []).filter((entry) => entry.command === command).map((entry) => entry.when ?? ''),
  );
}

/** The one clause `command` has in every menu it is in. */
function clauseOf(command: string): string {
  const clauses = new Set(clausesOf(command));
  assert.equal(clauses.size, 1, `${command} shows on the same files in every menu: ${[...clauses].join(' | ')}`);
  return [...clauses][0];
}

/** Evaluates a clause of `resourceFilename =~ /…/` and `resourceExtname =~ /…/` alternatives as VS Code does for a file. */
function shownOn(when: string, fileName: string): boolean {
  return when.split(' || ').some((part) => {
    const match = /^(resourceFilename|resourceExtname) =~ \/(.+)\/$/.exec(part);
    assert.ok(match, `a manifest clause reads only the file name and extension: ${part}`);
    return new RegExp(match[2]).test(match[1] === 'resourceFilename' ? fileName : posix.extname(fileName));
  });
}

describe('the manifest menus of the Explorer and the editor', () => {
  it('show Publish and Configure Registry on the same files in every menu, through one clause', () => {
    assert.deepEqual(
      [clausesOf('githubPackages.publish').length, clausesOf('githubPackages.configureRegistry').length],
      [3, 2],
      'Publish in the Explorer, the editor and the editor title; Configure Registry in the first two',
    );
    assert.equal(clauseOf('githubPackages.configureRegistry'), clauseOf('githubPackages.publish'));
  });

  it('show Publish only on files an ecosystem reads as its manifest, and on a manifest of every ecosystem', () => {
    const shown = CANDIDATES.filter((name) => shownOn(clauseOf('githubPackages.publish'), name));
    for (const name of shown) assert.ok(detectManifest(`/p/${name}`), `${name} is offered but no ecosystem reads it`);
    for (const ecosystem of ECOSYSTEMS)
      assert.ok(
        shown.some((name) => detectManifest(`/p/${name}`) === ecosystem),
        `no menu offers a ${ecosystem.displayName} manifest`,
      );
    assert.deepEqual(shown, PUBLISHED_FROM);
  });

  it('show Install wherever Publish shows, and besides on the files only an installer reads (Gemfile, F# and VB projects)', () => {
    const shown = CANDIDATES.filter((name) => shownOn(clauseOf('githubPackages.install'), name));
    for (const name of shown)
      assert.ok(
        detectManifest(`/p/${name}`) || INSTALLERS.some((installer) => installer.matches(`/p/${name}`)),
        `${name} is offered but nothing installs into it`,
      );
    assert.deepEqual(
      shown.filter((name) => !PUBLISHED_FROM.includes(name)),
      ['App.fsproj', 'Lib.vbproj', 'Gemfile', 'gems.rb'],
    );
    for (const name of PUBLISHED_FROM) assert.ok(shown.includes(name), `Install is offered on ${name}`);
  });
});
