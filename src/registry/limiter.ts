/** Bounds how many GitHub calls the service has in flight at once; waiting calls can be cancelled. */
import { GitHubError } from '../github/errors';

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
          signal?.removeEventListener('abort', entry.onAbort);
          resolve();
        },
        onAbort: () => {
          const index = this.queue.indexOf(entry);
          if (index >= 0) this.queue.splice(index, 1);
          reject(new GitHubError({ kind: 'cancelled' }));
        },
      };
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
