import * as assert from 'node:assert/strict';
import { dependencyParserFor } from '../../../../src/ecosystems/dependencies';
import { extensionManifest } from '../../extensionManifest';

interface Contributions {
  activationEvents: string[];
  contributes: {
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

function manifest(): Contributions {
  return extensionManifest<Contributions>();
}

describe('what package.json contributes for manifests', () => {
  it("offers Publish, Install and Configure Registry in the editor's context menu on the manifests the Explorer offers them on", () => {
    const menus = manifest().contributes.menus;
    const commands = ['githubPackages.publish', 'githubPackages.install', 'githubPackages.configureRegistry'];
    for (const command of commands) {
      const explorer = menus['explorer/context'].find((entry) => entry.command === command);
      const editor = menus['editor/context']?.find((entry) => entry.command === command);
      assert.ok(editor, `${command} is in the editor's context menu`);
      assert.equal(editor.when, explorer?.when, `${command} shows on the same files`);
    }
  });

  it('reads dependencies from the manifests whose editor menu it offers', () => {
    const when = manifest().contributes.menus['editor/context'][0].when!;
    const fileNames = /resourceFilename =~ \/\^\((.*)\)\$\//.exec(when)![1];
    for (const name of ['package.json', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Dockerfile', 'Containerfile', 'api.Dockerfile']) {
      assert.match(name, new RegExp(`^(${fileNames})$`));
      assert.ok(dependencyParserFor(`/p/${name}`), `${name} has a dependency parser`);
    }
  });

  it('turns the latest-version hints on by default, with a setting to turn them off', () => {
    assert.equal(manifest().contributes.configuration.properties['githubPackages.manifestHints']?.default, true);
  });

  it('activates when a manifest language opens, besides the view', () => {
    const events = manifest().activationEvents;
    for (const event of ['onView:githubPackages.packages', 'onLanguage:json', 'onLanguage:dockerfile', 'onLanguage:xml'])
      assert.ok(events.includes(event), event);
  });
});
