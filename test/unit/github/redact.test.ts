import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/github/errors';
import { redact, registerSecret } from '../../../src/github/redact';

// Tokens are made up per test (the registry of secrets lives for the whole process).
const token = (prefix: string, fill: string, length = 36) => `${prefix}${fill.repeat(length)}`;

describe('github/redact: a token never reaches a message, an error or a log line', () => {
  it('removes a token the client sent, everywhere it appears, whatever its shape', () => {
    const secret = 'gplocal_Zx81kQ_secret';
    registerSecret(secret);
    assert.equal(redact(`Authorization: token ${secret}; again ${secret}.`), 'Authorization: token ***; again ***.');
  });

  it('removes a registered token of exactly 8 characters, and leaves shorter strings (common words) alone', () => {
    registerSecret('Qm8d7Xw2');
    assert.equal(redact('pass Qm8d7Xw2 here'), 'pass *** here');
    registerSecret('the');
    registerSecret('Pq7x9Lm');
    assert.equal(redact('the Pq7x9Lm theme'), 'the Pq7x9Lm theme');
  });

  it('removes anything shaped like a GitHub token even if it was never registered', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) {
      const shaped = token(prefix, 'aB3_', 6);
      assert.equal(redact(`token ${shaped} leaked`), 'token *** leaked', prefix);
    }
    const fineGrained = `github_pat_${'11ABCDEFG0'.repeat(3)}_${'x'.repeat(20)}`;
    assert.equal(redact(`[${fineGrained}]`), '[***]');
  });

  it('leaves words that only start like a token alone: other prefixes, too short, or part of a longer word', () => {
    const text = `ghx_${'a'.repeat(30)} ghp_${'a'.repeat(19)} github_pat_short my_ghp_${'a'.repeat(30)}`;
    assert.equal(redact(text), text);
  });

  it('blanks token query parameters (a restore or registry URL) but keeps the rest of the URL', () => {
    assert.equal(
      redact('GET /v2/token?scope=repository:mona/app:pull&token=abc123&n=1 failed'),
      'GET /v2/token?scope=repository:mona/app:pull&token=***&n=1 failed',
    );
    assert.equal(redact('https://example.com/x?access_token=s3cr3t'), 'https://example.com/x?access_token=***');
    assert.equal(redact('/p?ACCESS_TOKEN=s3cr3t next'), '/p?ACCESS_TOKEN=*** next');
    assert.equal(redact('/p?mytoken=visible&tokens=visible'), '/p?mytoken=visible&tokens=visible');
  });

  it('keeps a token out of the message of a GitHub error, whatever part of it the token was in', () => {
    const secret = token('ghp_', 'Zz9', 12);
    const error = new GitHubError(
      { kind: 'refused', reason: 'other', githubMessage: `Bad credentials ${secret}` },
      { operation: `read package with ${secret}`, path: `/x?token=${secret}` },
    );
    assert.ok(!error.message.includes(secret), error.message);
    assert.ok(!JSON.stringify(error.toJSON()).includes(secret));
    assert.match(error.message, /Could not read package with \*\*\*: GitHub refused: Bad credentials \*\*\*/);
  });
});
