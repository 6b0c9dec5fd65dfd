import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { packageNodeOf, signedInSession, waitUntil } from './helpers';

const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast', 'Default High Contrast Light'];

describe('Package settings page accessibility (axe-core)', function () {
  signedInSession('demo');

  before(async function () {
    if (!driver.available) this.skip();
    await vscode.commands.executeCommand('githubPackages.openSettings', await packageNodeOf('mona', 'container', 'hello-world'));
    await waitUntil(async () => (await driver.frameQuery('#versions tbody tr')).length > 0, 'the versions table');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const theme of THEMES) {
    it(`has no critical or serious axe-core violation in ${theme}, and the install command box has a visible edge`, async () => {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const violations = (await driver.axe('#app h1')).filter((v) => v.impact === 'critical' || v.impact === 'serious');
      assert.deepStrictEqual(
        violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`),
        [],
      );
      const box = await driver.frameStyle('#install', ['border-top-style', 'border-top-width', 'border-top-color', 'background-color']);
      const visible =
        (box['border-top-style'] !== 'none' &&
          parseFloat(box['border-top-width']) > 0 &&
          !/rgba\(0, 0, 0, 0\)|transparent/.test(box['border-top-color'])) ||
        !/rgba\(0, 0, 0, 0\)|transparent/.test(box['background-color']);
      assert.ok(visible, `install box edge in ${theme}: ${JSON.stringify(box)}`);
      await driver.screenshot(`settings-${theme.replace(/\s+/g, '-')}`);
    });
  }
});
