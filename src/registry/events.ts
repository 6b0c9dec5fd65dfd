/** A tiny event emitter shaped like VS Code's `Event<T>`, so the UI can subscribe without adapters. */

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (event: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(event: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One faulty listener must not stop the others from hearing about the change.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
