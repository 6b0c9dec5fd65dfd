import * as assert from 'node:assert/strict';
import { missingScopes, parseScopes, requiredScopes, scopesFor, tierLabel } from '../../../src/github/scopes';

describe('github/scopes', () => {
  it('reads the scopes GitHub reports for a classic token, and tells a token without the header apart', () => {
    assert.deepEqual(parseScopes('read:packages, repo'), ['read:packages', 'repo']);
    assert.deepEqual(parseScopes(' read:packages ,, write:packages '), ['read:packages', 'write:packages']);
    assert.deepEqual(parseScopes(''), []);
    assert.equal(parseScopes(undefined), undefined);
    assert.equal(parseScopes(null), undefined);
  });

  it('asks a sign-in for one exact sorted scope set per tier, each tier including the ones below it', () => {
    assert.deepEqual(scopesFor('browse'), ['read:packages']);
    assert.deepEqual(scopesFor('write'), ['read:packages', 'write:packages']);
    assert.deepEqual(scopesFor('delete'), ['delete:packages', 'read:packages', 'write:packages']);
    assert.deepEqual(scopesFor('delete'), scopesFor('delete'), 'the same set every time, so VS Code finds the session again');
  });

  it('requires what GitHub checks: read to browse, write to publish or restore, delete to delete', () => {
    assert.deepEqual(requiredScopes('browse'), ['read:packages']);
    assert.deepEqual(requiredScopes('write'), ['read:packages', 'write:packages']);
    assert.deepEqual(requiredScopes('delete'), ['read:packages', 'delete:packages']);
    assert.deepEqual(requiredScopes('repository'), ['repo']);
    assert.deepEqual(requiredScopes('orgs'), ['read:org']);
    assert.deepEqual(requiredScopes('none'), []);
  });

  it('counts read:packages as granted by write:packages, as GitHub does', () => {
    assert.deepEqual(missingScopes('browse', ['write:packages']), []);
    assert.deepEqual(missingScopes('write', ['write:packages']), []);
    assert.deepEqual(missingScopes('write', ['read:packages']), ['write:packages']);
  });

  it('never assumes delete:packages: no other scope implies it', () => {
    assert.deepEqual(missingScopes('delete', ['read:packages']), ['delete:packages']);
    assert.deepEqual(missingScopes('delete', ['write:packages', 'repo', 'admin:org', 'user']), ['delete:packages']);
    assert.deepEqual(missingScopes('delete', ['delete:packages']), ['read:packages']);
    assert.deepEqual(missingScopes('delete', ['delete:packages', 'write:packages']), []);
    assert.deepEqual(missingScopes('delete', []), ['read:packages', 'delete:packages']);
  });

  it('knows the organization and repository scopes that include others', () => {
    assert.deepEqual(missingScopes('orgs', ['admin:org']), []);
    assert.deepEqual(missingScopes('orgs', ['write:org']), []);
    assert.deepEqual(missingScopes('orgs', ['read:packages']), ['read:org']);
    assert.deepEqual(missingScopes('orgs', ['user', 'repo']), ['read:org'], 'user and repo do not grant read:org');
    assert.deepEqual(missingScopes('repository', ['public_repo']), ['repo'], 'public_repo does not grant repo');
    assert.deepEqual(missingScopes('none', []), []);
  });

  it('names each tier as the action a person asked for', () => {
    assert.equal(tierLabel('browse'), 'browse packages');
    assert.equal(tierLabel('write'), 'publish and restore packages');
    assert.equal(tierLabel('delete'), 'delete packages');
  });
});
