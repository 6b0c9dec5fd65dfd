/** Why a resolve failed, read from what its client printed; the clients say 401/403/404 each in their own words. */
export type ResolveFailure = 'unauthorized' | 'forbidden' | 'not-found';

const PATTERNS: Array<[ResolveFailure, RegExp]> = [
  // mvn "401 Unauthorized", gradle "status code 401", nuget "401 (Unauthorized)", bundler "Bad username or password".
  ['unauthorized', /\b401\b|Unauthorized|Bad username or password|Authentication is required for|Authentication failed/i],
  ['forbidden', /\b403\b|Forbidden|Access denied/i],
  // mvn "Could not find artifact", gradle "Could not find g:a:v", nuget "Unable to find package", bundler "Could not find gem".
  [
    'not-found',
    /Could not find artifact|Could not find [\w.-]+:[\w.-]+|Unable to find package|Could not find gem|NU1101|NU1102|\b404\b|E404/i,
  ],
];

export function resolveFailure(output: string): ResolveFailure | undefined {
  return PATTERNS.find(([, pattern]) => pattern.test(output))?.[0];
}
