/** What a command needs the token to allow. Tiers nest, so one session serves every tier below its own. */
export type ScopeTier = 'browse' | 'write' | 'delete';

const TIER_SCOPES: Record<ScopeTier, readonly string[]> = {
  browse: ['read:packages'],
  write: ['read:packages', 'write:packages'],
  delete: ['delete:packages', 'read:packages', 'write:packages'],
};

/** The exact, sorted scope set asked for a tier: VS Code matches sessions by exact set, so it must never vary. */
export function scopesFor(tier: ScopeTier): string[] {
  return [...TIER_SCOPES[tier]].sort();
}

/** Scopes of `tier` that `granted` lacks. `write:packages` implies `read:packages`, as on GitHub. */
export function missingScopes(tier: ScopeTier, granted: readonly string[]): string[] {
  const have = new Set(granted);
  if (have.has('write:packages')) have.add('read:packages');
  return scopesFor(tier).filter((s) => !have.has(s));
}

export function tierLabel(tier: ScopeTier): string {
  return tier === 'browse' ? 'browse packages' : tier === 'write' ? 'publish and restore packages' : 'delete packages';
}
