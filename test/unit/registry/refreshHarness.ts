/**
 * For the refresh and listing tests: the stand-in's PackagesApi with chosen calls held at the door until a test lets
 * them through, so a test acts at an exact point of a refresh (cancel, change settings, load more) without sleeping.
 * Unlike fixtures.ts's `holding` (one method, for a cancel), it matches calls by their arguments, logs every call and
 * counts the calls in flight; plus a service that records its change events, and a memento that records its writes.
 */
import type { LocalGitHub } from '../../github-local';
import type { PackagesApi } from '../../../src/github/packages';
import { MemoryCacheStore } from '../../../src/registry/cache';
import { RegistryService, type RegistryChange, type RegistryServiceOptions } from '../../../src/registry/service';
import { testClient } from '../github/local';

type Method = {
  [K in keyof PackagesApi]: PackagesApi[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof PackagesApi];

export interface Hold {
  /** Resolves when the first held call arrives. */
  readonly reached: Promise<void>;
  /** Lets every held call, and every later one, through. */
  release(): void;
}

export interface HeldApi {
  api: PackagesApi;
  /** Every call made, in order: the method and its arguments. */
  calls: { method: Method; args: unknown[] }[];
  /** The most calls that were in flight together. */
  readonly mostInFlight: number;
  /** Holds calls of `method` (those `matches` accepts) until released; a held call goes on at once if its signal aborts. */
  hold(method: Method, matches?: (...args: unknown[]) => boolean): Hold;
  /** Lets every held call through (after each test, so nothing waits forever). */
  releaseAll(): void;
}

export function heldApi(api: PackagesApi): HeldApi {
  const holds: { method: Method; matches: (...args: unknown[]) => boolean; door: Promise<void>; arrive: () => void; open: () => void }[] =
    [];
  const calls: HeldApi['calls'] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const proxy = new Proxy(api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const method = property as Method;
        calls.push({ method, args });
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          const hold = holds.find((one) => one.method === method && one.matches(...args));
          if (hold) {
            hold.arrive();
            await Promise.race([hold.door, aborted(signalOf(args))]);
          }
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          inFlight--;
        }
      };
    },
  });
  return {
    api: proxy,
    calls,
    get mostInFlight() {
      return mostInFlight;
    },
    hold(method, matches = () => true) {
      let open!: () => void;
      let arrive!: () => void;
      const door = new Promise<void>((resolve) => (open = resolve));
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const entry = { method, matches, door, arrive, open };
      holds.push(entry);
      return {
        reached,
        release: () => {
          if (holds.includes(entry)) holds.splice(holds.indexOf(entry), 1);
          open();
        },
      };
    },
    releaseAll() {
      for (const entry of holds.splice(0)) entry.open();
    },
  };
}

function signalOf(args: unknown[]): AbortSignal | undefined {
  const options = args.at(-1);
  return typeof options === 'object' && options !== null ? (options as { signal?: AbortSignal }).signal : undefined;
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    else signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Waits, a turn of the event loop at a time, until `condition` holds (the test's timeout bounds it). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** A service over the stand-in, its API held at will, and every change event it fired. */
export interface Watched {
  registry: RegistryService;
  held: HeldApi;
  events: RegistryChange[];
}

/** Builds watched services against one server and disposes them (letting held calls go) after each test. */
export function watchedServices(server: () => LocalGitHub) {
  const made: Watched[] = [];
  afterEach(() => {
    for (const { registry, held } of made.splice(0)) {
      held.releaseAll();
      registry.dispose();
    }
  });
  return (tokenName = 'mona', options: Partial<RegistryServiceOptions> = {}): Watched => {
    const held = heldApi(testClient(server(), tokenName).api);
    const registry = new RegistryService({ api: held.api, cacheScope: server().url, ...options });
    const events: RegistryChange[] = [];
    registry.onDidChange((event) => events.push(event));
    const watched = { registry, held, events };
    made.push(watched);
    return watched;
  };
}

/** Events that repaint the whole tree (no owner named). */
export const rootEvents = (events: readonly RegistryChange[]) => events.filter((event) => event.owner === undefined);

/** A memento that also remembers which keys were written, in order. */
export class RecordingStore extends MemoryCacheStore {
  readonly written: string[] = [];

  override async update(key: string, value: unknown): Promise<void> {
    this.written.push(key);
    await super.update(key, value);
  }
}
