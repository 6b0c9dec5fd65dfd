import * as assert from 'node:assert/strict';
import { extensionManifest, manifestStrings, placeholdersIn, rawExtensionManifest } from './extensionManifest';

interface Setting {
  description?: string;
  markdownDescription?: string;
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  items?: Setting;
}
interface Manifest {
  displayName: string;
  description: string;
  contributes: {
    viewsContainers: Record<string, { title: string }[]>;
    views: Record<string, { name: string; contextualTitle?: string }[]>;
    viewsWelcome: { contents: string }[];
    commands: { command: string; title: string; category?: string }[];
    configuration: { title: string; properties: Record<string, Setting> };
  };
}

/** The strings of package.json a user reads: in the palette, menus, views, welcome views and the Settings editor. */
function userFacing(manifest: Manifest): string[] {
  const c = manifest.contributes;
  const setting = (s: Setting): (string | undefined)[] => [
    s.description,
    s.markdownDescription,
    ...(s.enumDescriptions ?? []),
    ...(s.markdownEnumDescriptions ?? []),
    ...(s.items ? setting(s.items) : []),
  ];
  return [
    manifest.displayName,
    manifest.description,
    ...Object.values(c.viewsContainers).flatMap((containers) => containers.map((container) => container.title)),
    ...Object.values(c.views).flatMap((views) => views.flatMap((view) => [view.name, view.contextualTitle])),
    ...c.viewsWelcome.map((welcome) => welcome.contents),
    ...c.commands.flatMap((command) => [command.title, command.category]),
    c.configuration.title,
    ...Object.values(c.configuration.properties).flatMap(setting),
  ].filter((text): text is string => text !== undefined);
}

describe('the strings package.json shows', () => {
  it('takes every command title, view name, welcome text and setting description from package.nls.json', () => {
    const raw = userFacing(rawExtensionManifest() as Manifest);
    assert.ok(raw.length > 40, `${raw.length} strings`);
    for (const text of raw) assert.match(text, /^%[^%\s]+%$/, `"${text.slice(0, 80)}" is written in package.json, not package.nls.json`);
  });

  it('has an English text for every placeholder, and no text that nothing shows', () => {
    const used = new Set(placeholdersIn(rawExtensionManifest()));
    const strings = manifestStrings();
    for (const key of used) assert.ok(typeof strings[key] === 'string' && strings[key].trim() !== '', `%${key}% has no text`);
    for (const key of Object.keys(strings)) assert.ok(used.has(key), `package.nls.json's "${key}" is not used by package.json`);
  });

  it('names the commands in the palette as "GitHub Packages: <title>", in English', () => {
    const commands = extensionManifest<Manifest>().contributes.commands;
    const names = new Map(commands.map((command) => [command.command, `${command.category}: ${command.title}`]));
    assert.equal(names.get('githubPackages.publish'), 'GitHub Packages: Publish Package');
    assert.equal(names.get('githubPackages.signInWithToken'), 'GitHub Packages: Sign In with a Personal Access Token');
    for (const [id, name] of names) assert.doesNotMatch(name, /%/, id);
  });
});
