/** Errors as values: every failure of a GitHub call becomes a `GitHubError` with a `kind` a person can act on. */

export type RefusalReason = 'lastVersion' | 'lastTaggedVersion' | 'downloads' | 'pagingLimit' | 'conflict' | 'other';
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
}

export class GitHubError extends Error {
  override readonly name = 'GitHubError';

  constructor(
    readonly detail: GitHubErrorDetail,
    readonly context: ErrorContext = {},
  ) {
    super(describe(detail, context));
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

export function isGitHubErrorOfKind<K extends GitHubErrorKind>(value: unknown, kind: K): value is GitHubError & { detail: Extract<GitHubErrorDetail, { kind: K }> } {
  return value instanceof GitHubError && value.kind === kind;
}

function describe(detail: GitHubErrorDetail, context: ErrorContext): string {
  const what = context.operation ? `Could not ${context.operation}: ` : '';
  switch (detail.kind) {
    case 'notSignedIn':
      return detail.tokenRejected
        ? `${what}GitHub rejected the token (expired or revoked). Sign in again with "GitHub Packages: Sign In".`
        : `${what}you are not signed in. Run "GitHub Packages: Sign In" or "Sign In with a Personal Access Token".`;
    case 'scopeMissing':
      return `${what}the token lacks the "${detail.scope}" scope${detail.granted.length ? ` (it has: ${detail.granted.join(', ')})` : ''}. Sign in again and grant "${detail.scope}", or use a classic token that has it.`;
    case 'notFound':
      return `${what}not found, or your token may not see it (GitHub answers 404 for private things you cannot access). Check the name and owner, and that the token is a classic token with read:packages.`;
    case 'saml':
      return `${what}the organization enforces SAML single sign-on and this token is not authorized for it. ${detail.authorizeUrl ? `Authorize it at ${detail.authorizeUrl}, then refresh.` : 'Authorize the token for the organization on GitHub (Settings → Tokens → Configure SSO), then refresh.'}`;
    case 'rateLimited':
      return `${what}GitHub's ${detail.secondary ? 'secondary ' : ''}rate limit was hit. Try again after ${detail.until.toLocaleTimeString()}.`;
    case 'refused':
      return `${what}GitHub refused: ${detail.githubMessage}${refusalAdvice(detail.reason)}`;
    case 'network':
      return `${what}${networkText(detail.cause)} Check your connection or proxy, then refresh.`;
    case 'server':
      return `${what}GitHub answered with a server error (${detail.status}). It is usually temporary; try again in a minute.`;
    case 'cancelled':
      return `${what}cancelled.`;
  }
}

function refusalAdvice(reason: RefusalReason): string {
  switch (reason) {
    case 'lastVersion':
    case 'lastTaggedVersion':
      return ' Delete the whole package instead.';
    case 'downloads':
      return ' Contact GitHub Support to remove it.';
    case 'pagingLimit':
      return ' Narrow the listing (GitHub serves at most 10,000 items per listing).';
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
