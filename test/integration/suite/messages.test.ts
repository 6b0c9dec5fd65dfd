import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/views/nodes';
import { driver } from './driver';
import { extensionApi, signedInSession, waitForRow } from './helpers';

/** A VS Code account provider that never answers, like one that has not registered yet. */
class SilentAuthProvider implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly waiting: ((sessions: vscode.AuthenticationSession[]) => void)[] = [];

  getSessions(): Promise<vscode.AuthenticationSession[]> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  createSession(): Promise<vscode.AuthenticationSession> {
    return Promise.reject(new Error('not in this test'));
  }

  async removeSession(): Promise<void> {}

  answer(): void {
    for (const resolve of this.waiting.splice(0)) resolve([]);
  }
}

describe('Messages a person can act on', function () {
  const session = signedInSession('small');

  it('a rejected token says it may be mistyped, expired or revoked, and names sign-in commands that exist', async () => {
    const token = session.gh.tokens.mona;
    const record = session.gh.state.tokens.get(token)!;
    session.gh.state.tokens.delete(token);
    try {
      await vscode.commands.executeCommand('githubPackages.refresh');
      await waitForRow('Sign in again', { level: 1, timeout: 30_000 });
      const api = await extensionApi();
      const item = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'message' && n.label === 'Sign in again')!;
      const tooltip = String(api.tree.getTreeItem(item).tooltip);
      assert.match(tooltip, /mistyped, expired or revoked/);
      const titles = new Set(
        (
          (await vscode.extensions.getExtension('github-packages-vscode.github-packages')!.packageJSON) as {
            contributes: { commands: { title: string; category: string }[] };
          }
        ).contributes.commands.map((c) => `${c.category}: ${c.title}`),
      );
      const named = [...tooltip.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      assert.ok(named.length > 0 && named.every((name) => titles.has(name)), `named: ${named.join(', ')}`);
    } finally {
      session.gh.state.tokens.set(token, record);
    }
  });

  it('Sign Out says at once that it is signing out, and the sign-in buttons show while VS Code’s accounts do not answer', async function () {
    if (!driver.available) this.skip();
    const api = await extensionApi();
    await vscode.commands.executeCommand('githubPackages.refresh');
    await waitForRow('mona', { level: 1 });
    const provider = new SilentAuthProvider();
    const registration = vscode.authentication.registerAuthenticationProvider('github-packages-silent', 'GitHub (silent)', provider);
    api.auth.useAuthenticationProvider('github-packages-silent');
    try {
      void vscode.commands.executeCommand('githubPackages.signOut');
      await driver.waitFor('.notification-toast .notification-list-item-message', {
        text: 'Signing out of GitHub Packages',
        timeout: 3000,
      });
      await driver.waitFor('.welcome-view-content a.monaco-button', { text: 'Sign in with GitHub', timeout: 5000 });
      await driver.screenshot('signed-out-while-accounts-silent');
    } finally {
      provider.answer();
      api.auth.useAuthenticationProvider(undefined);
      registration.dispose();
      await api.whenIdle();
    }
  });
});
