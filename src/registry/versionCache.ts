/** The versions of the packages expanded last, kept between sessions so an expanded package shows them at once. */
import type { PackageVersion } from '../github/types';
import type { CacheStore } from './cache';

interface StoredVersions {
  version: 1;
  /** Least recently loaded first; at most `limit` packages. */
  packages: [string, { items: PackageVersion[] }][];
}

const STORE_VERSION = 1;

export class VersionCache {
  private entries: Map<string, { items: PackageVersion[] }> | undefined;

  /** `limit` bounds what every later write of the store costs: VS Code rewrites an extension's whole state each time. */
  constructor(
    private readonly store: CacheStore | undefined,
    private readonly key: string,
    private readonly limit = 10,
  ) {}

  get(packageKey: string): { items: readonly PackageVersion[] } | undefined {
    return this.load().get(packageKey);
  }

  put(packageKey: string, items: readonly PackageVersion[]): Promise<void> {
    const entries = this.load();
    entries.delete(packageKey);
    entries.set(packageKey, { items: [...items] });
    for (const oldest of [...entries.keys()].slice(0, Math.max(0, entries.size - this.limit))) entries.delete(oldest);
    return this.save();
  }

  delete(packageKey: string): Promise<void> {
    return this.load().delete(packageKey) ? this.save() : Promise.resolve();
  }

  clear(): Promise<void> {
    // Stryker disable next-line ConditionalExpression: saving an empty store again leaves it as empty; this only spares a write
    if (this.load().size === 0) return Promise.resolve();
    this.entries = new Map();
    return this.save();
  }

  private load(): Map<string, { items: PackageVersion[] }> {
    if (!this.entries) {
      const stored = this.store?.get<StoredVersions>(this.key);
      this.entries = new Map(stored?.version === STORE_VERSION && Array.isArray(stored.packages) ? stored.packages : []);
    }
    return this.entries;
  }

  private async save(): Promise<void> {
    const value: StoredVersions = { version: STORE_VERSION, packages: [...this.load()] };
    try {
      // Stryker disable next-line OptionalChaining: without a store the call fails inside the try and is dropped alike
      await this.store?.update(this.key, value);
    } catch {
      // A cache that cannot be written only costs the next start its instant versions.
    }
  }
}
