import * as assert from 'node:assert/strict';
import { extensionManifest } from '../extensionManifest';

const manifest = extensionManifest<{
  contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
}>();

describe('the command palette', () => {
  it('hides the commands that change packages while signed out, and keeps sign-in and read-only ones', () => {
    const when = new Map(manifest.contributes.menus.commandPalette.map((entry) => [entry.command, entry.when]));
    for (const verb of [
      'publish',
      'install',
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
});
