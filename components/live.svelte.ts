/**
 * A Dexie liveQuery as Svelte 5 state: re-runs when the store changes (in this page or, through
 * Dexie's cross-context notifications, in the background worker) and when `deps` change.
 */
import { liveQuery } from 'dexie';

export interface Live<T> {
  readonly value: T;
  readonly loaded: boolean;
  readonly error: unknown;
}

/** `query` gets a signal that aborts when its result is no longer wanted (deps changed, view gone). */
export function live<D, T>(deps: () => D, query: (deps: D, signal: AbortSignal) => Promise<T>, initial: T): Live<T> {
  // Raw: results are replaced whole, never mutated, and must stay plain objects (IndexedDB cannot clone proxies).
  let value = $state.raw(initial) as T;
  let loaded = $state(false);
  let error = $state<unknown>(null);
  $effect(() => {
    const current = deps();
    const controller = new AbortController();
    const subscription = liveQuery(() => query(current, controller.signal)).subscribe({
      next: (next) => {
        value = next;
        loaded = true;
        error = null;
      },
      error: (e) => {
        error = e;
        loaded = true;
      },
    });
    return () => {
      controller.abort();
      subscription.unsubscribe();
    };
  });
  return {
    get value() {
      return value;
    },
    get loaded() {
      return loaded;
    },
    get error() {
      return error;
    },
  };
}
