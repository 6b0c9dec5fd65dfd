import * as vscode from 'vscode';
import { GitHubError } from '../github/errors';
import { sessionBelongsTo } from '../github/hosts';
import { missingScopes, scopesFor, ScopeTier, tierLabel } from '../github/scopes';

export type TokenSource = 'saved' | 'env' | 'session';

export interface TokenInfo {
  token: string;
  source: TokenSource;
  /** Who the token belongs to, when known. */
  account?: string;
  /** Granted scopes, when known (classic tokens report them in `X-OAuth-Scopes`; sessions carry them). */
  scopes?: string[];
}

export interface TokenCheck {
  login: string;
  /** Undefined when GitHub sent no `X-OAuth-Scopes`: a fine-grained or app token, which Packages does not accept. */
  scopes?: string[];
}

export interface AuthDeps {
  secrets: vscode.SecretStorage;
  /** Calls `GET /user` with the token; passed in so tests and hosts can choose the API URL. */
  checkToken: (token: string) => Promise<TokenCheck>;
  /** The API URL the user configured (user settings only): every token source is bound to it. */
  apiUrl: () => string;
  /** `github-enterprise.uri` as VS Code's own GitHub Enterprise provider reads it: its sessions belong to that host. */
  enterpriseUri?: () => string | undefined;
  authentication?: Pick<typeof vscode.authentication, 'getSession' | 'onDidChangeSessions'>;
  env?: NodeJS.ProcessEnv;
}

export const ENV_TOKEN = 'GITHUB_PACKAGES_TOKEN';

const TIER_ORDER: readonly ScopeTier[] = ['browse', 'write', 'delete'];

/**
 * The token sources (ARCHITECTURE.md), first that yields wins: saved token (SecretStorage), the environment,
 * then a VS Code authentication session. Silent unless a user action asks for more.
 */
export class AuthService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly authentication: NonNullable<AuthDeps['authentication']>;
  private readonly env: NodeJS.ProcessEnv;
  private providerOverride: string | undefined;
  /** The browse token of one API host; a lookup made for another host is never reused. */
  private cached: { apiUrl: string; info: Promise<TokenInfo | undefined> } | undefined;
  /** The widest tier a VS Code session was granted for this session: API calls then use that session's token. */
  private sessionTier: ScopeTier = 'browse';
  private readonly envScopes = new Map<string, TokenCheck>();

  constructor(private readonly deps: AuthDeps) {
    this.authentication = deps.authentication ?? vscode.authentication;
    this.env = deps.env ?? process.env;
    this.disposables.push(
      this.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === this.providerId()) this.invalidate();
      }),
      deps.secrets.onDidChange((e) => {
        if (e.key === this.secretKey()) this.invalidate();
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** `github` for github.com, `github-enterprise` for any other host (GHES and GHE.com). */
  providerId(): string {
    if (this.providerOverride) return this.providerOverride;
    return /^https:\/\/api\.github\.com\/?$/.test(this.deps.apiUrl()) ? 'github' : 'github-enterprise';
  }

  /** For tests: use another authentication provider id (a test provider registered by the suite). */
  useAuthenticationProvider(id: string | undefined): void {
    this.providerOverride = id;
    this.invalidate();
  }

  invalidate(): void {
    this.dropLookups();
    this.changed.fire();
  }

  /** Forgets every token lookup (and what was learnt about tokens) at once: called before a request to a new host. */
  private dropLookups(): void {
    this.cached = undefined;
    this.envScopes.clear();
    this.sessionTier = 'browse';
  }

  /** The token to browse with, without ever showing UI. */
  current(): Promise<TokenInfo | undefined> {
    const apiUrl = normalizeUrl(this.deps.apiUrl());
    if (this.cached && this.cached.apiUrl !== apiUrl) this.dropLookups();
    this.cached ??= { apiUrl, info: this.lookUp(this.sessionTier, false).catch(() => undefined) };
    return this.cached.info;
  }

  /**
   * The token for a client built for `apiUrl`, or nothing when that is no longer the configured host: a client of
   * the previous host can never send the new host's token, nor the other way round.
   */
  async tokenFor(apiUrl: string): Promise<string | undefined> {
    const wanted = normalizeUrl(apiUrl);
    if (normalizeUrl(this.deps.apiUrl()) !== wanted) return undefined;
    const info = await this.current();
    return normalizeUrl(this.deps.apiUrl()) === wanted ? info?.token : undefined;
  }

  /**
   * A token good for `tier`. With `interactive`, signs in or asks VS Code for the extra scopes (only ever on a
   * user action); otherwise fails with `notSignedIn` or `scopeMissing`.
   */
  async require(tier: ScopeTier, interactive: boolean): Promise<TokenInfo> {
    const info = await this.lookUp(tier, interactive);
    if (!info) throw new GitHubError({ kind: 'notSignedIn', tokenRejected: false });
    const missing = info.scopes ? missingScopes(tier, info.scopes) : [];
    if (missing.length > 0) {
      throw new GitHubError(
        { kind: 'scopeMissing', scope: missing.join(', '), granted: info.scopes ?? [] },
        { operation: tierLabel(tier) },
      );
    }
    if (info.source === 'session' && TIER_ORDER.indexOf(tier) > TIER_ORDER.indexOf(this.sessionTier)) {
      // VS Code matches sessions by exact scopes: without this, calls would keep using the narrower session's token.
      this.sessionTier = tier;
      this.cached = undefined;
    }
    if (info.source === 'session' && !this.sessionAllowed()) throw new GitHubError({ kind: 'notSignedIn', tokenRejected: false });
    return info;
  }

  /** Interactive sign-in through VS Code's GitHub (or GitHub Enterprise) account. */
  async signIn(): Promise<TokenInfo | undefined> {
    if (!this.sessionAllowed()) throw new Error(this.sessionMismatch());
    const session = await this.authentication.getSession(this.providerId(), scopesFor('browse'), { createIfNone: true });
    this.invalidate();
    return session
      ? { token: session.accessToken, source: 'session', account: session.account.label, scopes: [...session.scopes] }
      : undefined;
  }

  /** Asks for a new session even if one exists: the way out of SAML errors and revoked tokens. */
  async reauthenticate(tier: ScopeTier = 'browse'): Promise<void> {
    await this.authentication.getSession(this.providerId(), scopesFor(tier), {
      forceNewSession: { detail: 'Sign in again to authorize the token for your organizations.' },
    });
    this.invalidate();
  }

  /** Validates a personal access token with `GET /user` and keeps it in SecretStorage (never in a file). */
  async saveToken(token: string): Promise<TokenCheck> {
    const trimmed = token.trim();
    const check = await this.deps.checkToken(trimmed);
    if (!check.scopes) {
      throw new Error(
        'This token does not report classic scopes: fine-grained and GitHub App tokens cannot use GitHub Packages. Create a personal access token (classic) with read:packages.',
      );
    }
    const missing = missingScopes('browse', check.scopes);
    if (missing.length > 0) {
      throw new Error(
        `This token lacks ${missing.join(', ')}. Create a personal access token (classic) with read:packages (add write:packages and delete:packages to publish and delete).`,
      );
    }
    await this.deps.secrets.store(this.secretKey(), JSON.stringify({ token: trimmed, login: check.login, scopes: check.scopes }));
    this.invalidate();
    return check;
  }

  /** Forgets the saved token. A VS Code account session stays; it is signed out from the Accounts menu. */
  async signOut(): Promise<{ hadSavedToken: boolean; source?: TokenSource }> {
    const hadSavedToken = (await this.deps.secrets.get(this.secretKey())) !== undefined;
    await this.deps.secrets.delete(this.secretKey());
    this.invalidate();
    const next = await this.current();
    return { hadSavedToken, source: next?.source };
  }

  private secretKey(): string {
    return `githubPackages.token:${this.deps.apiUrl().replace(/\/+$/, '')}`;
  }

  /** A VS Code session goes only to the host it was obtained for (see `sessionBelongsTo`). */
  private sessionAllowed(): boolean {
    if (this.providerOverride) return true;
    const provider = this.providerId() === 'github' ? 'github' : 'github-enterprise';
    return sessionBelongsTo(provider, this.deps.apiUrl(), this.deps.enterpriseUri?.());
  }

  /** Why no session can be used for the configured API host, in words a person can act on. */
  sessionMismatch(): string {
    const apiUrl = normalizeUrl(this.deps.apiUrl());
    const uri = this.deps.enterpriseUri?.();
    return uri
      ? `VS Code's GitHub Enterprise account is for ${uri}, but GitHub Packages is set to ${apiUrl} (githubPackages.apiUrl). Align the two in your user settings, or sign in with a personal access token for ${apiUrl}.`
      : `No VS Code account provider serves ${apiUrl}. Set github-enterprise.uri in your user settings to that server, or sign in with a personal access token.`;
  }

  private async lookUp(tier: ScopeTier, interactive: boolean): Promise<TokenInfo | undefined> {
    const saved = await this.deps.secrets.get(this.secretKey());
    if (saved) {
      const parsed = JSON.parse(saved) as { token: string; login?: string; scopes?: string[] };
      return { token: parsed.token, source: 'saved', account: parsed.login, scopes: parsed.scopes };
    }
    const envToken = this.env[ENV_TOKEN]?.trim();
    if (envToken) {
      let check = this.envScopes.get(envToken);
      if (!check && tier !== 'browse') {
        check = await this.deps.checkToken(envToken);
        this.envScopes.set(envToken, check);
      }
      return { token: envToken, source: 'env', account: check?.login, scopes: check?.scopes };
    }
    if (!this.sessionAllowed()) return undefined;
    const scopes = scopesFor(tier);
    const session = await this.authentication
      .getSession(this.providerId(), scopes, interactive ? { createIfNone: true } : { silent: true })
      .then(undefined, (e: unknown) => {
        if (interactive) throw e;
        return undefined;
      });
    if (!session && tier !== 'browse' && !interactive) {
      // A browse session may exist even when a wider one does not: report its scopes so the caller can ask.
      const browse = await this.authentication
        .getSession(this.providerId(), scopesFor('browse'), { silent: true })
        .then(undefined, () => undefined);
      if (browse) return { token: browse.accessToken, source: 'session', account: browse.account.label, scopes: [...browse.scopes] };
    }
    return session
      ? { token: session.accessToken, source: 'session', account: session.account.label, scopes: [...session.scopes] }
      : undefined;
  }
}

function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}
