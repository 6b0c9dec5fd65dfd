import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { detectManifest, ECOSYSTEMS } from '../../../src/ecosystems';
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
  'Dockerfile',
  'Containerfile',
  'api.Dockerfile',
  'Dockerfile.dev',
  'compose.yml',
  'README.md',
];

/** The entries of the Explorer and editor menus that act on a manifest file. */
function manifestEntries(): { menu: string; command: string; when: string }[] {
  const menus = extensionManifest<{ contributes: { menus: Menus } }>().contributes.menus;
  return MANIFEST_MENUS.flatMap((menu) => (menus[menu] ?? []).map((entry) => ({ menu, command: entry.command, when: entry.when ?? '' })));
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
  it('show Publish, Install and Configure Registry on the same files in every menu, through one clause', () => {
    const entries = manifestEntries();
    assert.equal(entries.length, 7, entries.map((entry) => `${entry.menu} ${entry.command}`).join(', '));
    assert.equal(new Set(entries.map((entry) => entry.when)).size, 1, 'every manifest menu entry has the same when clause');
  });

  it('show them only on files an ecosystem reads as its manifest, and on a manifest of every ecosystem', () => {
    const when = manifestEntries()[0].when;
    const shown = CANDIDATES.filter((name) => shownOn(when, name));
    for (const name of shown) assert.ok(detectManifest(`/p/${name}`), `${name} is offered but no ecosystem reads it`);
    for (const ecosystem of ECOSYSTEMS)
      assert.ok(
        shown.some((name) => detectManifest(`/p/${name}`) === ecosystem),
        `no menu offers a ${ecosystem.displayName} manifest`,
      );
    assert.deepEqual(shown, [
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
    ]);
  });
});
