import * as assert from 'node:assert/strict';
import { classifyError, GitHubError, refusalReason, samlUrl, type GitHubErrorDetail } from '../../../src/github/errors';

/** What Octokit throws for an HTTP answer: a status, its message, and the response's headers and body. */
function answered(status: number, options: { data?: unknown; headers?: Record<string, string>; message?: string } = {}) {
  return {
    status,
    message: options.message ?? `HttpError ${status}`,
    response: { status, headers: options.headers ?? {}, data: options.data },
  };
}
const detail = (error: unknown, context = {}): GitHubErrorDetail | undefined => classifyError(error, context)?.detail;
const message = (error: unknown, context = {}) => classifyError(error, context)?.message;
/** A connection error as undici reports it: `fetch failed`, with the system error as its cause. */
const failedFetch = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

describe('github/errors: what a person reads when a call fails', () => {
  it('names the scope a token lacks and the scopes it has, on a 403 and on a 404', () => {
    const headers = { 'x-oauth-scopes': 'read:packages, repo' };
    assert.equal(
      message(answered(403, { headers, data: { message: 'Forbidden' } }), { needs: 'delete', operation: 'delete hello' }),
      'Could not delete hello: the token lacks the "delete:packages" scope (it has: read:packages, repo). Sign in again and grant "delete:packages", or use a classic token that has it.',
    );
    assert.deepEqual(detail(answered(404, { headers: { 'x-oauth-scopes': '' } }), { needs: 'browse' }), {
      kind: 'scopeMissing',
      scope: 'read:packages',
      granted: [],
    });
    assert.equal(
      message(answered(404, { headers: { 'x-oauth-scopes': '' } }), { needs: 'browse' }),
      'the token lacks the "read:packages" scope. Sign in again and grant "read:packages", or use a classic token that has it.',
    );
    assert.deepEqual(detail(answered(404, { headers }), { needs: 'browse' }), { kind: 'notFound' }, 'the scope was there: truly not found');
    assert.deepEqual(detail(answered(410)), { kind: 'notFound' });
  });

  it('says GitHub’s own words when it refuses, with the advice that fits, and a fallback when it says nothing', () => {
    const refused = (status: number, data?: unknown, httpMessage?: string) =>
      message(answered(status, { data, message: httpMessage ?? 'octokit summary' }));
    assert.equal(
      refused(400, { message: 'You cannot delete the last version of a package.' }),
      'GitHub refused: You cannot delete the last version of a package. Delete the whole package instead.',
    );
    assert.equal(
      refused(400, { message: 'Cannot delete the last tagged version of a package.' }),
      'GitHub refused: Cannot delete the last tagged version of a package. Delete the whole package instead.',
    );
    assert.equal(
      refused(400, { message: 'Package versions with more than 5000 downloads cannot be deleted.' }),
      'GitHub refused: Package versions with more than 5000 downloads cannot be deleted. Contact GitHub Support to remove it.',
    );
    assert.equal(
      refused(422, { message: 'Pagination is limited for this resource.' }),
      'GitHub refused: Pagination is limited for this resource. Narrow the listing (GitHub serves at most 10,000 items per listing).',
    );
    assert.equal(refused(409, { message: 'Conflict' }), 'GitHub refused: Conflict');
    assert.equal(refused(422, 'Unprocessable: name is taken'), 'GitHub refused: Unprocessable: name is taken', 'a plain-text body');
    assert.equal(refused(422, 'x'.repeat(600), 'Validation Failed'), 'GitHub refused: Validation Failed', 'not a page of HTML');
    assert.equal(refused(422, { message: 7 }, 'Validation Failed'), 'GitHub refused: Validation Failed');
    assert.equal(refused(422, ''), 'GitHub refused: octokit summary');
    assert.equal(refused(422, undefined, ''), 'GitHub refused: HTTP 422.');
    assert.equal(refused(403, undefined, ''), 'GitHub refused: Forbidden.');
    assert.deepEqual(detail(answered(403, { data: { message: 'Must have admin rights to Repository.' } })), {
      kind: 'refused',
      reason: 'other',
      githubMessage: 'Must have admin rights to Repository.',
    });
  });

  it('sorts GitHub’s refusal messages into reasons', () => {
    const table: [string, number | undefined, string][] = [
      ['more than 5,000 downloads', undefined, 'downloads'],
      ['more than 5000 downloads', undefined, 'downloads'],
      ['this download cannot be deleted', undefined, 'downloads'],
      ['page * per_page must be at most 10000', undefined, 'pagingLimit'],
      ['only the first 10,000 results are available', undefined, 'pagingLimit'],
      ['only the first 10000 results are available', undefined, 'pagingLimit'],
      ['name already taken', 409, 'conflict'],
      ['name already taken', 422, 'other'],
      ['something else', undefined, 'other'],
    ];
    for (const [text, status, reason] of table) assert.equal(refusalReason(text, status), reason, text);
  });

  it('tells SAML single sign-on apart, with the authorization link when GitHub sends one', () => {
    const sso = (header: string) => detail(answered(403, { headers: { 'x-github-sso': header } }));
    assert.deepEqual(sso('required; url=https://github.com/orgs/octo/sso?authorization_request=AB12'), {
      kind: 'saml',
      authorizeUrl: 'https://github.com/orgs/octo/sso?authorization_request=AB12',
    });
    assert.equal(
      samlUrl('required; url=https://github.com/orgs/octo/sso?authorization_request=AB12;'),
      'https://github.com/orgs/octo/sso?authorization_request=AB12',
    );
    assert.equal(samlUrl('required; url=https://github.com/orgs/octo/sso?x=1,'), 'https://github.com/orgs/octo/sso?x=1');
    assert.equal(sso('partial-results; organizations=21955855')?.kind, 'refused');
    assert.deepEqual(detail(answered(403, { data: { message: 'Resource protected by organization SAML enforcement.' } })), {
      kind: 'saml',
      authorizeUrl: undefined,
    });
    assert.equal(
      message(answered(403, { data: { message: 'Resource protected by organization SAML enforcement.' } })),
      'the organization enforces SAML single sign-on and this token is not authorized for it. Authorize the token for the organization on GitHub (Settings → Tokens → Configure SSO), then refresh.',
    );
  });

  it('tells the primary rate limit (until its reset) from the secondary one (after Retry-After, else a minute)', () => {
    const primary = detail(answered(403, { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' } }));
    assert.deepEqual(primary, { kind: 'rateLimited', until: new Date(1_800_000_000_000), secondary: false });
    assert.doesNotMatch(
      message(answered(403, { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' } }))!,
      /secondary/,
    );
    assert.equal(detail(answered(403, { headers: { 'x-ratelimit-remaining': '0' } }))?.kind, 'refused', 'no reset time: not a rate limit');
    const within = (got: GitHubErrorDetail | undefined, seconds: number) => {
      assert.ok(got?.kind === 'rateLimited' && got.secondary, JSON.stringify(got));
      const wait = (got.until.getTime() - Date.now()) / 1000;
      assert.ok(wait > seconds - 5 && wait <= seconds, `waits ${wait} s, not ${seconds}`);
    };
    within(detail(answered(429, { headers: { 'retry-after': '30' } })), 30);
    within(detail(answered(429)), 60);
    within(detail(answered(403, { headers: { 'retry-after': 'soon' } })), 60);
    within(detail(answered(403, { data: { message: 'You have exceeded a secondary rate limit.' } })), 60);
    assert.match(message(answered(429))!, /^GitHub's secondary rate limit was hit\. Try again after /);
  });

  it('reads a rejected token, a server error and a bad name as such', () => {
    assert.deepEqual(detail(answered(401)), { kind: 'notSignedIn', tokenRejected: true });
    assert.deepEqual(detail(answered(502)), { kind: 'server', status: 502 });
    const name = 'a\n'.repeat(80);
    assert.equal(
      new GitHubError({ kind: 'invalidName', name }, { operation: 'read package' }).message,
      `Could not read package: ${JSON.stringify(name.slice(0, 100))} is not a name GitHub gives an owner or package, so nothing was sent.`,
    );
    assert.equal(new GitHubError({ kind: 'cancelled' }, { operation: 'list packages' }).message, 'Could not list packages: cancelled.');
    assert.equal(
      new GitHubError({ kind: 'notFound' }).message,
      'not found, or your token may not see it (GitHub answers 404 for private things you cannot access). Check the name and owner, and that the token is a classic token with read:packages.',
    );
  });
});

describe('github/errors: failures that are not an answer', () => {
  it('tells an unreachable GitHub, a dropped connection and a timeout apart, however deep the cause', () => {
    const cause = (error: unknown) => {
      const got = detail(error);
      return got?.kind === 'network' ? got.cause : got?.kind;
    };
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']) {
      assert.equal(cause(failedFetch(Object.assign(new Error('x'), { code }))), 'unreachable', code);
    }
    assert.equal(cause(failedFetch(new Error('getaddrinfo ENOTFOUND api.github.com'))), 'unreachable');
    for (const code of ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']) {
      assert.equal(cause(failedFetch(Object.assign(new Error('x'), { code }))), 'timeout', code);
    }
    assert.equal(cause(failedFetch(Object.assign(new Error('x'), { name: 'TimeoutError' }))), 'timeout');
    assert.equal(cause(failedFetch(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))), 'dropped');
    assert.equal(cause(Object.assign(new TypeError('terminated'), { cause: 'socket' })), 'dropped', 'a cause that is not an error');
    assert.equal(cause({ status: 500, message: 'Request failed' }), 'dropped', 'a status without a response');
    assert.equal(
      message(failedFetch(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))),
      'GitHub could not be reached. Check your connection or proxy, then refresh.',
    );
    assert.equal(
      message(failedFetch(new Error('other side closed'))),
      'the connection to GitHub dropped before the answer arrived. Check your connection or proxy, then refresh.',
    );
    const deep = failedFetch(failedFetch(failedFetch(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))));
    assert.equal(cause(deep), 'unreachable');
  });

  it('classifies an error whose causes loop back on themselves, instead of hanging', () => {
    const looped = new TypeError('fetch failed') as TypeError & { cause?: unknown };
    looped.cause = looped;
    assert.equal(detail(looped)?.kind, 'network');
  });

  it('leaves programming errors and non-errors unclassified, so they surface as they are', () => {
    for (const error of [new Error('x is undefined'), new TypeError('x is not a function'), null, undefined, 'boom', 42]) {
      assert.equal(classifyError(error), undefined, String(error));
    }
  });

  it('reports an abort as cancelled, and a GitHubError inside a wrapper as itself', () => {
    assert.equal(detail(Object.assign(new Error('aborted'), { name: 'AbortError' }))?.kind, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    assert.equal(detail(answered(502), { signal: controller.signal })?.kind, 'cancelled');
    const inner = new GitHubError({ kind: 'badResponse', problem: 'an answer larger than 32 MiB' });
    assert.equal(classifyError(inner), inner);
    assert.equal(classifyError(Object.assign(new Error('request failed'), { cause: inner })), inner);
  });

  it('keeps tokens out of the error, its name and its JSON in logs', () => {
    const token = `ghp_${'A'.repeat(36)}`;
    const error = new GitHubError({ kind: 'notFound' }, { operation: `read /user?access_token=${token}`, path: `/orgs/${token}/packages` });
    assert.equal(error.name, 'GitHubError');
    assert.equal(error.context.path, '/orgs/***/packages');
    const logged = JSON.stringify(error);
    assert.ok(!logged.includes(token), logged);
    assert.equal(JSON.parse(logged).message, error.message);
    assert.equal(JSON.parse(logged).kind, 'notFound');
    assert.equal(new GitHubError({ kind: 'notFound' }).context.path, undefined);
  });
});
