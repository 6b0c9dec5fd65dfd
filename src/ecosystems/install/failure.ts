/** Why a resolve failed, read from what its client printed; the clients say 401/403/404 each in their own words. */
export type ResolveFailure = 'unauthorized' | 'forbidden' | 'not-found';

const PATTERNS: Array<[ResolveFailure, RegExp]> = [
  // mvn "status code: 401, reason phrase: Unauthorized", gradle "status code 401", nuget "401 (Unauthorized)", bundler.
  ['unauthorized', /Unauthorized|status code:? 401\b|Bad username or password|Authentication is required for|Authentication failed/i],
  ['forbidden', /Forbidden|status code:? 403\b|Access denied/i],
  // mvn "Could not find artifact", gradle "Could not find g:a:v", nuget "Unable to find package", bundler "Could not find gem".
  [
    'not-found',
    /Could not find artifact|Could not find [\w.-]+:[\w.-]+|Unable to find package|Could not find gem|NU110[12]|status code:? 404\b|404 \(Not Found\)|E404/i,
  ],
];

export function resolveFailure(output: string): ResolveFailure | undefined {
  return PATTERNS.find(([, pattern]) => pattern.test(output))?.[0];
}
