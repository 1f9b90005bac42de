// A value that components subscribe to (React's useSyncExternalStore): setting
// it re-renders only the components that read it, and setting an equal value
// re-renders nothing. The open plan's sections, threads and save status live in
// these (renderer/workspace/open-plan.ts), like the Lexical playground's CommentStore.
import { useSyncExternalStore } from 'react';

export interface ValueStore<T> {
  get(): T;
  /** Replaces the value (or derives it from the current one); listeners hear only a change. */
  set(next: T | ((current: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function createValueStore<T>(initial: T, same: (a: T, b: T) => boolean = Object.is): ValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === 'function' ? (next as (current: T) => T)(value) : next;
      if (same(value, resolved)) return;
      value = resolved;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The store's current value; the component re-renders when it changes. */
export function useValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
