import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { start, type LocalGitHub } from '../../github-local';
import { AuthService, type AuthDeps } from '../../../src/auth/tokens';
import { extensionApi, waitUntil } from './helpers';

/** A stand-in for VS Code's GitHub account: hands out sessions for the local server's tokens by scope set. */
class TestAuthProvider implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  readonly sessions: vscode.AuthenticationSession[] = [];
  readonly requests: { scopes: readonly string[]; created: boolean }[] = [];

  constructor(private readonly tokenFor: (scopes: readonly string[]) => string) {}

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    this.requests.push({ scopes: scopes ?? [], created: false });
    return this.sessions.filter((s) => !scopes || scopes.every((scope) => s.scopes.includes(scope)));
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.requests.push({ scopes, created: true });
    const session: vscode.AuthenticationSession = {
      id: `s${this.sessions.length + 1}`,
      accessToken: this.tokenFor(scopes),
      account: { id: 'mona', label: 'mona' },
      scopes: [...scopes],
    };
    this.sessions.push(session);
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(id: string): Promise<void> {
    const index = this.sessions.findIndex((s) => s.id === id);
    const [removed] = this.sessions.splice(index, 1);
    this.changed.fire({ added: [], removed: [removed], changed: [] });
  }

  signOutAll(): void {
    const removed = this.sessions.splice(0);
    this.changed.fire({ added: [], removed, changed: [] });
  }
}

describe('Sign-in', function () {
  let gh: LocalGitHub;
  let provider: TestAuthProvider;
  let registration: vscode.Disposable;

  before(async () => {
    gh = await start({ seed: 'demo' });
    await vscode.workspace.getConfiguration('githubPackages').update('apiUrl', gh.url, vscode.ConfigurationTarget.Global);
    provider = new TestAuthProvider((scopes) => (scopes.includes('delete:packages') ? gh.tokens.mona : gh.tokens.monaRead));
    registration = vscode.authentication.registerAuthenticationProvider('github-packages-test', 'GitHub (test)', provider, {
      supportsMultipleAccounts: false,
    });
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
  });

  after(async () => {
    const api = await extensionApi();
    api.auth.useAuthenticationProvider(undefined);
    registration.dispose();
    await vscode.workspace.getConfiguration('githubPackages').update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.whenIdle();
    await gh.stop();
  });

  /** An AuthService for the stand-in with no saved or environment token: only the VS Code sessions `authentication` hands out. */
  const sessionAuth = (authentication: AuthDeps['authentication']) =>
    new AuthService({
      secrets: memorySecrets(),
      apiUrl: () => gh.url,
      // A GitHub Enterprise session belongs to the host of github-enterprise.uri: here, the stand-in.
      enterpriseUri: () => gh.url,
      env: {},
      checkToken: async () => ({ login: 'mona', scopes: ['read:packages'] }),
      authentication,
    });

  it('rejects a token GitHub does not accept, and saves nothing', async () => {
    const saved = await vscode.commands.executeCommand<boolean>('githubPackages.signInWithToken', 'gplocal_not_a_token');
    assert.strictEqual(saved, false);
    const api = await extensionApi();
    assert.strictEqual(await api.auth.current(), undefined);
  });

  it('rejects a token without read:packages, naming the scope', async () => {
    const api = await extensionApi();
    gh.state.addToken('monaWriteOnly', 'gplocal_mona_noread', 'mona', ['repo']);
    await assert.rejects(api.auth.saveToken('gplocal_mona_noread'), /lacks read:packages/);
  });

  it('asks nothing at start: no session means the signed-out welcome', async () => {
    const api = await extensionApi();
    api.auth.useAuthenticationProvider('github-packages-test');
    await api.whenIdle();
    assert.strictEqual(await api.auth.current(), undefined);
    assert.ok(
      provider.requests.every((r) => !r.created),
      'no session was created without a user action',
    );
  });

  it('asks the VS Code account provider silently, for exactly read:packages', async () => {
    // VS Code refuses its account-consent dialog inside extension tests, so the provider never hands the session
    // out here; what can be checked through the real API is what the extension asked for, and how.
    // VS Code itself also lists every session (no scopes) for the Accounts menu; those are not the extension's.
    const silent = provider.requests.filter((r) => !r.created && r.scopes.length > 0).map((r) => [...r.scopes].join(' '));
    assert.ok(silent.length > 0, 'the extension asked the provider');
    assert.ok(
      silent.every((s) => s === 'read:packages'),
      `asked for: ${silent.join(' | ')}`,
    );
    assert.strictEqual(provider.requests.filter((r) => r.created).length, 0);
  });

  it('lists the account of a session VS Code hands out, and re-reads it when sessions change', async () => {
    const account: { session?: vscode.AuthenticationSession } = {};
    const sessionsChanged = new vscode.EventEmitter<vscode.AuthenticationSessionsChangeEvent>();
    const auth = sessionAuth({
      onDidChangeSessions: sessionsChanged.event,
      getSession: (async () => account.session) as typeof vscode.authentication.getSession,
    });
    let changes = 0;
    auth.onDidChange(() => changes++);
    assert.strictEqual(await auth.current(), undefined);
    account.session = { id: 's', accessToken: gh.tokens.mona, account: { id: 'mona', label: 'mona' }, scopes: ['read:packages'] };
    sessionsChanged.fire({ provider: { id: auth.providerId(), label: 'GitHub' } });
    assert.strictEqual(changes, 1, 'a session change tells the extension to refresh');
    const info = await auth.current();
    assert.deepStrictEqual([info?.source, info?.account], ['session', 'mona']);
    auth.dispose();
  });

  it('asks for wider scopes only on a user action, always as the same sorted set', async () => {
    const calls: { scopes: readonly string[]; options: vscode.AuthenticationGetSessionOptions | undefined }[] = [];
    const browse: vscode.AuthenticationSession = {
      id: 'b',
      accessToken: gh.tokens.monaRead,
      account: { id: 'mona', label: 'mona' },
      scopes: ['read:packages'],
    };
    const auth = sessionAuth({
      onDidChangeSessions: () => ({ dispose() {} }),
      getSession: (async (_id: string, scopes: readonly string[], options?: vscode.AuthenticationGetSessionOptions) => {
        calls.push({ scopes, options });
        if (scopes.includes('delete:packages'))
          return options?.createIfNone ? { ...browse, id: 'd', accessToken: gh.tokens.mona, scopes: [...scopes] } : undefined;
        return browse;
      }) as typeof vscode.authentication.getSession,
    });
    await assert.rejects(auth.require('delete', false), /delete:packages/);
    assert.ok(
      calls.every((c) => !c.options?.createIfNone),
      'a check without a user action shows no sign-in',
    );
    const info = await auth.require('delete', true);
    assert.strictEqual(info.token, gh.tokens.mona);
    const interactive = calls.filter((c) => c.options?.createIfNone);
    assert.deepStrictEqual(
      interactive.map((c) => [...c.scopes]),
      [['delete:packages', 'read:packages', 'write:packages']],
    );
    auth.dispose();
  });

  it('prefers a saved token over the session, and signOut forgets it', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('githubPackages.signInWithToken', gh.tokens.hubot);
    assert.strictEqual((await api.auth.current())?.source, 'saved');
    await api.whenIdle();
    await waitUntil(() => api.registry().viewer?.login === 'hubot', 'hubot to be listed');
    await vscode.commands.executeCommand('githubPackages.signOut');
    assert.strictEqual(await api.auth.current(), undefined);
  });
});

function memorySecrets(): vscode.SecretStorage {
  const values = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => void values.set(key, value),
    delete: async (key: string) => void values.delete(key),
    onDidChange: changed.event,
  } as unknown as vscode.SecretStorage;
}
