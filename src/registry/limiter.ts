/** Bounds how many GitHub calls the service has in flight at once; waiting calls can be cancelled. */
import { GitHubError } from '../github/errors';

/**
 * Calls in flight at once by default: half of the 100 concurrent requests GitHub's secondary rate limit allows (shared
 * with every other client of the account). Reads fan out this wide, e.g. a manifest's 200 dependencies take 4 rounds;
 * writes go one at a time and are paced by the client anyway.
 */
export const GITHUB_CONCURRENCY = 50;

export class Limiter {
  private running = 0;
  private readonly queue: { start: () => void; signal?: AbortSignal; onAbort: () => void }[] = [];

  constructor(readonly maxConcurrent: number) {
    if (maxConcurrent < 1) throw new RangeError('Limiter needs at least one slot.');
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new GitHubError({ kind: 'cancelled' });
    if (this.running >= this.maxConcurrent) await this.wait(signal);
    else this.running++;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry = {
        signal,
        start: () => {
          // Stryker disable next-line StringLiteral: a listener left behind only rejects a promise already resolved.
          signal?.removeEventListener('abort', entry.onAbort);
          resolve();
        },
        onAbort: () => {
          const index = this.queue.indexOf(entry);
          // Stryker disable next-line ConditionalExpression: the listener goes when the entry starts, so it is always queued here.
          if (index >= 0) this.queue.splice(index, 1);
          reject(new GitHubError({ kind: 'cancelled' }));
        },
      };
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, so `once` only tidies up.
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.queue.push(entry);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next waiter, so `running` stays the same.
    if (next) next.start();
    else this.running--;
  }
}
