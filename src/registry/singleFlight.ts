/** Calls that share one run: while a run for a key is in flight, a second caller gets the same promise. */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  run(key: K, start: () => Promise<V>): Promise<V> {
    const running = this.running.get(key);
    if (running) return running;
    const promise = start().finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }

  has(key: K): boolean {
    return this.running.has(key);
  }
}
