/** Classic-token scopes: what each kind of call needs, what a sign-in asks for, and what a granted set lacks. */

/** What a command needs the token to allow. Tiers nest, so one session serves every tier below its own. */
export type ScopeTier = 'browse' | 'write' | 'delete';

/** A call's need: a package tier, or one of the calls outside packages (repository settings, organizations, `/user`). */
export type ScopeNeed = ScopeTier | 'repository' | 'orgs' | 'none';

/** What GitHub checks for each kind of call (GitHub docs, "About permissions for GitHub Packages"). */
const REQUIRED: Record<ScopeNeed, readonly string[]> = {
  browse: ['read:packages'],
  write: ['read:packages', 'write:packages'],
  delete: ['read:packages', 'delete:packages'],
  repository: ['repo'],
  orgs: ['read:org'],
  none: [],
};

const TIER_ORDER: readonly ScopeTier[] = ['browse', 'write', 'delete'];

/**
 * Scopes that include others (GitHub docs, "Scopes for OAuth apps"). `write:packages` implies `read:packages`;
 * nothing implies `delete:packages`, so a delete is never assumed allowed.
 */
const IMPLIED: Record<string, readonly string[]> = {
  'write:packages': ['read:packages'],
  repo: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
  'admin:org': ['write:org', 'read:org', 'manage_runners:org'],
  'write:org': ['read:org'],
  user: ['read:user', 'user:email', 'user:follow'],
};

/**
 * The exact, sorted scope set asked of a sign-in for `tier`: every tier up to it, so a wider session serves the
 * narrower ones. VS Code matches sessions by exact set, so it must never vary.
 */
export function scopesFor(tier: ScopeTier): string[] {
  const tiers = TIER_ORDER.slice(0, TIER_ORDER.indexOf(tier) + 1);
  return [...new Set(tiers.flatMap((t) => REQUIRED[t]))].sort();
}

/** Scopes a call of this kind needs with a classic token. */
export function requiredScopes(need: ScopeNeed): readonly string[] {
  return REQUIRED[need];
}

/** Required scopes of `need` that `granted` does not cover, taking implied scopes into account. */
export function missingScopes(need: ScopeNeed, granted: readonly string[]): string[] {
  const have = new Set(granted);
  for (const scope of granted) for (const implied of IMPLIED[scope] ?? []) have.add(implied);
  return REQUIRED[need].filter((scope) => !have.has(scope));
}

/** Parses an `X-OAuth-Scopes` header value; `undefined` when the header is absent (not a classic token). */
export function parseScopes(header: string | string[] | number | undefined | null): string[] | undefined {
  if (header === undefined || header === null) return undefined;
  return String(header)
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope.length > 0);
}

export function tierLabel(tier: ScopeTier): string {
  return tier === 'browse' ? 'browse packages' : tier === 'write' ? 'publish and restore packages' : 'delete packages';
}
