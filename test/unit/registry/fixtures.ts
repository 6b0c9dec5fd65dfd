import type { PackagesApi } from '../../../src/github/packages';
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

/** The API with calls of one method held, once armed, until the test lets them go: a cancel lands while they are in flight. */
export function holding(api: PackagesApi, method: keyof PackagesApi) {
  let armed = false;
  let enter!: () => void;
  let release!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const real = (api[method] as (...args: unknown[]) => Promise<unknown>).bind(api);
  const held = async (...args: unknown[]) => {
    if (armed) {
      enter();
      await released;
    }
    return real(...args);
  };
  const heldApi = Object.assign(Object.create(Object.getPrototypeOf(api)) as PackagesApi, api, { [method]: held });
  return { api: heldApi, arm: () => (armed = true), entered, release };
}

/** Runs `operation`, cancels it once the held call is in flight, then lets that call go on. */
export function cancelMidway<T>(held: ReturnType<typeof holding>, operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  held.arm();
  const running = operation(controller.signal);
  return held.entered.then(() => {
    controller.abort();
    held.release();
    return running;
  });
}
