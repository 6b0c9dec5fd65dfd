import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    menus: { commandPalette: { command: string; when?: string }[]; 'view/title': { command: string; when?: string }[] };
  };
};

describe('the command palette', () => {
  it('hides the commands that change packages while signed out, and keeps sign-in and read-only ones', () => {
    const when = new Map(manifest.contributes.menus.commandPalette.map((entry) => [entry.command, entry.when]));
    for (const verb of [
      'publish',
      'install',
      'containerLogin',
      'deleteVersion',
      'deletePackage',
      'restoreVersion',
      'restorePackage',
      'cleanup',
      'setVisibility',
    ]) {
      assert.equal(when.get(`githubPackages.${verb}`), 'githubPackages.state == signedIn', verb);
    }
    for (const verb of ['signIn', 'signInWithToken', 'refresh', 'configureRegistry'])
      assert.equal(when.get(`githubPackages.${verb}`), undefined, verb);
  });

  it("offers Log In to the Container Registry in the view's ... menu only while signed in, titled from package.nls.json", () => {
    const entry = manifest.contributes.menus['view/title'].find((e) => e.command === 'githubPackages.containerLogin');
    assert.equal(entry?.when, 'view == githubPackages.packages && githubPackages.state == signedIn');
    const title = manifest.contributes.commands.find((c) => c.command === 'githubPackages.containerLogin')?.title ?? '';
    const nls = JSON.parse(readFileSync(join(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;
    assert.equal(nls[title.replace(/^%|%$/g, '')], 'Log In to the Container Registry');
  });
});
