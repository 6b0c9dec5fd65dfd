/** Classic-token scopes: what each kind of call needs, what a sign-in asks for, and what a granted set lacks. */

/** What a command needs the token to allow. Tiers nest, so one session serves every tier below its own. */
export type ScopeTier = 'browse' | 'write' | 'delete';

/** A call's need: a package tier, or one of the calls outside packages (repository settings, organizations, `/user`). */
export type ScopeNeed = ScopeTier | 'repository' | 'orgs' | 'none';

/** What GitHub checks for each kind of call (GitHub docs, "About permissions for GitHub Packages"). */
function required(need: ScopeNeed): readonly string[] {
  switch (need) {
    case 'browse':
      return ['read:packages'];
    case 'write':
      return ['read:packages', 'write:packages'];
    case 'delete':
      return ['read:packages', 'delete:packages'];
    case 'repository':
      return ['repo'];
    case 'orgs':
      return ['read:org'];
    case 'none':
      return [];
  }
}

/**
 * The scopes a granted scope includes, of those any call here needs (GitHub docs, "Scopes for OAuth apps").
 * `write:packages` implies `read:packages`; nothing implies `delete:packages`, so a delete is never assumed allowed.
 */
function implied(scope: string): readonly string[] {
  switch (scope) {
    case 'write:packages':
      return ['read:packages'];
    case 'admin:org':
    case 'write:org':
      return ['read:org'];
    default:
      // Stryker disable next-line ArrayDeclaration: an invented scope in the list is one no call requires.
      return [];
  }
}

/**
 * The exact, sorted scope set asked of a sign-in for `tier`: every tier up to it, so a wider session serves the
 * narrower ones. VS Code matches sessions by exact set, so it must never vary.
 */
export function scopesFor(tier: ScopeTier): string[] {
  const below: readonly ScopeTier[] =
    tier === 'delete' ? ['browse', 'write', 'delete'] : tier === 'write' ? ['browse', 'write'] : ['browse'];
  return [...new Set(below.flatMap(required))].sort();
}

/** Scopes a call of this kind needs with a classic token. */
export function requiredScopes(need: ScopeNeed): readonly string[] {
  return required(need);
}

/** Required scopes of `need` that `granted` does not cover, taking implied scopes into account. */
export function missingScopes(need: ScopeNeed, granted: readonly string[]): string[] {
  const have = new Set(granted);
  for (const scope of granted) for (const included of implied(scope)) have.add(included);
  return required(need).filter((scope) => !have.has(scope));
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
