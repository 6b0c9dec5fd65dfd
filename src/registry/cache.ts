/** Where the service keeps its last listing between sessions. VS Code's `Memento` satisfies `CacheStore`. */

export interface CacheStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

interface Thenable<T> {
  then<R>(onfulfilled?: (value: T) => R | Thenable<R>, onrejected?: (reason: unknown) => R | Thenable<R>): Thenable<R>;
}

/** An in-memory store for tests, the benchmark and headless use. */
export class MemoryCacheStore implements CacheStore {
  private readonly values = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async update(key: string, value: unknown): Promise<void> {
    // Stryker disable next-line ConditionalExpression: keeping a cloned undefined reads back as undefined all the same
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
}
