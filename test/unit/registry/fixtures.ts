import type { PackageVersion } from '../../../src/github/types';

/** A container version's name: the manifest digest, `sha256:` and 64 hex digits of one kind. */
export const digest = (c: string) => `sha256:${c.repeat(64)}`;

/** A version as GitHub lists it, created on day `id` of January 2026 unless told otherwise. */
export function version(
  id: number,
  name: string,
  tags: string[] = [],
  createdAt = `2026-01-${String(id).padStart(2, '0')}T00:00:00Z`,
): PackageVersion {
  return { id, name, tags, packageHtmlUrl: '', createdAt, updatedAt: createdAt };
}

/** The day the clean-up tests run on: ages count back from it. */
export const NOW = Date.parse('2026-11-25T00:00:00Z');
const DAY = 24 * 3600 * 1000;

/** A version created `daysAgo` days before NOW (and last updated `updatedDaysAgo` days before it). */
export function aged(id: number, name: string, daysAgo: number, tags: string[] = [], updatedDaysAgo = daysAgo): PackageVersion {
  return {
    id,
    name,
    tags,
    createdAt: new Date(NOW - daysAgo * DAY).toISOString(),
    updatedAt: new Date(NOW - updatedDaysAgo * DAY).toISOString(),
    packageHtmlUrl: '',
  };
}
