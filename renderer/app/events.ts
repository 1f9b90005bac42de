// Events the main process pushes to the page (the contract's `events` table):
// export progress, and plans changed by another process. They arrive already
// checked against the contract (shared/bridge.ts).
import { useEffect, useEffectEvent } from 'react';
import type { JfpEventListener } from '../../shared/bridge';
import type { EventName, EventPayload } from '../../shared/contract';

/** Listens to every event; returns a function that stops listening. Without a bridge nothing arrives. */
export function subscribeToEvents(listener: JfpEventListener): () => void {
  return window.jfp?.subscribe(listener) ?? (() => undefined);
}

/** Calls `handler` with the payload of each `name` event while the component is mounted. */
export function useJfpEvent<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): void {
  const onEvent = useEffectEvent(handler);
  useEffect(
    () =>
      subscribeToEvents((event) => {
        if (event.name === name) onEvent(event.payload as EventPayload<E>);
      }),
    [name],
  );
}
