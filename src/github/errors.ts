/** Errors as values: every failure of a GitHub call becomes a `GitHubError` with a `kind` a person can act on. */
import { redact } from './redact';
import { missingScopes, parseScopes, type ScopeNeed } from './scopes';

export type RefusalReason =
  | 'lastVersion'
  | 'lastTaggedVersion'
  | 'downloads'
  | 'pagingLimit'
  | 'conflict'
  /** The container registry's token endpoint denied the token (ghcr.io's 403 DENIED, not 401, for an expired one). */
  | 'registryTokenDenied'
  | 'other';
export type NetworkCause = 'unreachable' | 'dropped' | 'timeout';

export type GitHubErrorDetail =
  | { kind: 'notSignedIn'; tokenRejected: boolean }
  | { kind: 'scopeMissing'; scope: string; granted: string[] }
  | { kind: 'notFound' }
  | { kind: 'saml'; authorizeUrl?: string }
  | { kind: 'rateLimited'; until: Date; secondary: boolean }
  | { kind: 'refused'; reason: RefusalReason; githubMessage: string }
  | { kind: 'network'; cause: NetworkCause }
  | { kind: 'server'; status: number }
  /** GitHub (or something posing as it) answered with something unusable: not JSON, wrong shape, too large. */
  | { kind: 'badResponse'; problem: string }
  /** A token would have gone to a host it does not belong to; nothing was sent. */
  | { kind: 'untrustedHost'; host: string; purpose: string }
  /** An owner or package name that cannot be real (`.`, `..`, control characters); refused before any request. */
  | { kind: 'invalidName'; name: string }
  | { kind: 'cancelled' };

export type GitHubErrorKind = GitHubErrorDetail['kind'];

/** What the failed call was about, so the message can name it ("package npm/hello of octo"). */
export interface ErrorContext {
  /** A short human description of the operation, e.g. `list npm packages of octo`. */
  operation?: string;
  method?: string;
  /** Path only, never a query string (which may hold a restore token). */
  path?: string;
  status?: number;
  /** The client retried the request (an earlier answer was lost or refused), so GitHub's answer may be to a repeat. */
  retried?: boolean;
}

export class GitHubError extends Error {
  override readonly name = 'GitHubError';

  readonly detail: GitHubErrorDetail;
  readonly context: ErrorContext;

  constructor(detail: GitHubErrorDetail, context: ErrorContext = {}) {
    const clean: ErrorContext = {
      ...context,
      operation: context.operation && redact(context.operation),
      path: context.path && redact(context.path),
    };
    const cleanDetail: GitHubErrorDetail = detail.kind === 'refused' ? { ...detail, githubMessage: redact(detail.githubMessage) } : detail;
    super(describe(cleanDetail, clean));
    this.detail = cleanDetail;
    this.context = clean;
  }

  get kind(): GitHubErrorKind {
    return this.detail.kind;
  }

  toJSON(): { kind: GitHubErrorKind; message: string; detail: GitHubErrorDetail; context: ErrorContext } {
    return { kind: this.kind, message: this.message, detail: this.detail, context: this.context };
  }
}

export function isGitHubError(value: unknown): value is GitHubError {
  return value instanceof GitHubError;
}

function describe(detail: GitHubErrorDetail, context: ErrorContext): string {
  const what = context.operation ? `Could not ${context.operation}: ` : '';
  switch (detail.kind) {
    case 'notSignedIn':
      return detail.tokenRejected
        ? `${what}GitHub rejected the token: it is mistyped, expired or revoked, or belongs to another GitHub host. Sign in again with "${SIGN_IN_COMMANDS.token}" or "${SIGN_IN_COMMANDS.account}".`
        : `${what}you are not signed in. Run "${SIGN_IN_COMMANDS.account}" or "${SIGN_IN_COMMANDS.token}".`;
    case 'scopeMissing':
      return `${what}the token lacks the "${detail.scope}" scope${detail.granted.length ? ` (it has: ${detail.granted.join(', ')})` : ''}. Sign in again and grant "${detail.scope}", or use a classic token that has it.`;
    case 'notFound':
      return `${what}not found, or your token may not see it (GitHub answers 404 for private things you cannot access). Check the name and owner, and that the token is a classic token with read:packages.`;
    case 'saml':
      return `${what}the organization enforces SAML single sign-on and this token is not authorized for it. ${detail.authorizeUrl ? `Authorize it at ${detail.authorizeUrl}, then refresh.` : 'Authorize the token for the organization on GitHub (Settings → Tokens → Configure SSO), then refresh.'}`;
    case 'rateLimited':
      return `${what}GitHub's ${detail.secondary ? 'secondary ' : ''}rate limit was hit. Try again after ${detail.until.toLocaleTimeString()}.`;
    case 'refused':
      return `${what}GitHub refused: ${detail.githubMessage}${/github support/i.test(detail.githubMessage) ? '' : refusalAdvice(detail.reason)}`;
    case 'network':
      return `${what}${networkText(detail.cause)} Check your connection or proxy, then refresh.`;
    case 'server':
      // Status 0: not an HTTP answer at all but an unexpected failure on our side (see RegistryService).
      return detail.status === 0
        ? `${what}something unexpected went wrong. Try again; if it keeps happening, report it with the GitHub Packages output log.`
        : `${what}GitHub answered with a server error (${detail.status}). It is usually temporary; try again in a minute.`;
    case 'badResponse':
      return `${what}GitHub sent ${detail.problem}. Nothing was changed; try again, and if it keeps happening check the API URL and registry settings.`;
    case 'untrustedHost':
      return `${what}refused to send your token to ${detail.host} (${detail.purpose}). Tokens go only to the GitHub host you configured and its registries; check githubPackages.apiUrl and githubPackages.registryUrls in your user settings.`;
    case 'invalidName':
      return `${what}${JSON.stringify(detail.name.slice(0, 100))} is not a name GitHub gives an owner or package, so nothing was sent.`;
    case 'cancelled':
      return `${what}cancelled.`;
  }
}

/** The command palette names of the sign-in commands (category: title in package.json). */
export const SIGN_IN_COMMANDS = {
  account: 'GitHub Packages: Sign In with GitHub',
  token: 'GitHub Packages: Sign In with a Personal Access Token',
} as const;

function refusalAdvice(reason: RefusalReason): string {
  switch (reason) {
    case 'lastVersion':
    case 'lastTaggedVersion':
      return ' Delete the whole package instead.';
    case 'downloads':
      return ' Contact GitHub Support to remove it.';
    case 'pagingLimit':
      return ' Narrow the listing (GitHub serves at most 10,000 items per listing).';
    case 'registryTokenDenied':
      return ' The container registry gives this token no access: it may have expired or been revoked, be a fine-grained token (the registry takes only classic tokens), or lack read:packages. Sign in again with a classic token that has read:packages (and write:packages to push).';
    default:
      return '';
  }
}

function networkText(cause: NetworkCause): string {
  switch (cause) {
    case 'unreachable':
      return 'GitHub could not be reached.';
    case 'dropped':
      return 'the connection to GitHub dropped before the answer arrived.';
    case 'timeout':
      return 'GitHub did not answer in time.';
  }
}

/** Classifies one of GitHub's refusal messages (400/409/422 bodies). */
export function refusalReason(message: string, status?: number): RefusalReason {
  if (/last tagged version/i.test(message)) return 'lastTaggedVersion';
  if (/last version/i.test(message)) return 'lastVersion';
  if (/5,?000 downloads|downloads? cannot be deleted/i.test(message)) return 'downloads';
  if (/page.*per_page|10,?000|pagination is limited/i.test(message)) return 'pagingLimit';
  if (status === 409) return 'conflict';
  return 'other';
}

export interface ClassifyContext extends ErrorContext {
  /** What the call needed, so a refusal can name the scope the token lacks. */
  needs?: ScopeNeed;
  signal?: AbortSignal;
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  name?: string;
  cause?: unknown;
  response?: { status: number; headers: Record<string, string | number | undefined>; data?: unknown };
}

/**
 * Maps whatever a GitHub call threw (Octokit's RequestError, fetch errors, aborts) to a GitHubError.
 * Returns undefined for errors that are not about HTTP (programming errors must surface as they are).
 */
export function classifyError(error: unknown, context: ClassifyContext = {}): GitHubError | undefined {
  // Stryker disable next-line ConditionalExpression: the cause chain below starts with the error itself and finds it alike
  if (error instanceof GitHubError) return error;
  // Octokit wraps what fetch threw (a capped body, a refused redirect) in a RequestError; the cause says what it was.
  const wrapped = causeChain(error).find((e): e is GitHubError => e instanceof GitHubError);
  if (wrapped) return wrapped;
  const { needs, signal, ...errorContext } = context;
  if (signal?.aborted || isAbort(error)) return new GitHubError({ kind: 'cancelled' }, errorContext);
  if (typeof error !== 'object' || error === null) return undefined;
  const http = error as HttpErrorLike;
  const response = http.response;
  if (!response) {
    if (typeof http.status !== 'number' && !isFetchFailure(error)) return undefined;
    return new GitHubError({ kind: 'network', cause: networkCause(error) }, errorContext);
  }
  const status = response.status;
  const headers = response.headers ?? {};
  const retried = (error as { retried?: boolean }).retried === true;
  const ctx = { ...errorContext, status, ...(retried ? { retried } : {}) };
  const githubMessage = messageOf(response.data) ?? http.message ?? '';
  const granted = parseScopes(headers['x-oauth-scopes']);
  const lacking = granted && needs ? missingScopes(needs, granted)[0] : undefined;

  if (status === 401) return new GitHubError({ kind: 'notSignedIn', tokenRejected: true }, ctx);
  if (status === 403 || status === 429) {
    const sso = headers['x-github-sso'];
    if ((typeof sso === 'string' && /required/i.test(sso)) || /SAML enforcement/i.test(githubMessage)) {
      return new GitHubError({ kind: 'saml', authorizeUrl: samlUrl(sso) }, ctx);
    }
    if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
      return new GitHubError({ kind: 'rateLimited', until: new Date(Number(headers['x-ratelimit-reset']) * 1000), secondary: false }, ctx);
    }
    if (status === 429 || /secondary rate limit|abuse/i.test(githubMessage) || headers['retry-after'] !== undefined) {
      const seconds = Number(headers['retry-after']) || 60;
      return new GitHubError({ kind: 'rateLimited', until: new Date(Date.now() + seconds * 1000), secondary: true }, ctx);
    }
    if (lacking) return new GitHubError({ kind: 'scopeMissing', scope: lacking, granted: granted ?? [] }, ctx);
    return new GitHubError(
      { kind: 'refused', reason: refusalReason(githubMessage, status), githubMessage: githubMessage || 'Forbidden.' },
      ctx,
    );
  }
  if (status === 404 || status === 410) {
    if (lacking) return new GitHubError({ kind: 'scopeMissing', scope: lacking, granted: granted ?? [] }, ctx);
    return new GitHubError({ kind: 'notFound' }, ctx);
  }
  if (status >= 500) return new GitHubError({ kind: 'server', status }, ctx);
  return new GitHubError(
    { kind: 'refused', reason: refusalReason(githubMessage, status), githubMessage: githubMessage || `HTTP ${status}.` },
    ctx,
  );
}

function messageOf(data: unknown): string | undefined {
  if (data && typeof data === 'object' && 'message' in data && typeof (data as { message: unknown }).message === 'string') {
    return (data as { message: string }).message;
  }
  return typeof data === 'string' && data.length > 0 && data.length < 500 ? data : undefined;
}

/** `X-GitHub-SSO: required; url=https://github.com/orgs/ORG/sso?authorization_request=…` */
export function samlUrl(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /url=(\S+)/i.exec(header);
  return match ? match[1].replace(/[;,]$/, '') : undefined;
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError';
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed|terminated/i.test(error.message);
}

function causeChain(error: unknown): { name?: string; code?: string; message?: string }[] {
  const chain: { name?: string; code?: string; message?: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    chain.push(current as { name?: string; code?: string; message?: string });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function networkCause(error: unknown): NetworkCause {
  const chain = causeChain(error);
  if (
    chain.some(
      (e) =>
        e.name === 'TimeoutError' ||
        e.code === 'UND_ERR_CONNECT_TIMEOUT' ||
        e.code === 'UND_ERR_HEADERS_TIMEOUT' ||
        e.code === 'UND_ERR_BODY_TIMEOUT' ||
        e.code === 'ETIMEDOUT',
    )
  ) {
    return 'timeout';
  }
  if (chain.some((e) => ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN'].includes(e.code ?? ''))) {
    return 'unreachable';
  }
  if (chain.some((e) => /ECONNREFUSED|ENOTFOUND|getaddrinfo/.test(e.message ?? ''))) return 'unreachable';
  return 'dropped';
}
