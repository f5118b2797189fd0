/**
 * Waiting for a component test's asynchronous render (live queries on fake-indexeddb resolve a
 * few tasks later): polls `ready` inside act() for up to 5 s, then fails with `what` (or the
 * rendered text) in the message.
 */
import { act } from 'react';

export const tick = () => act(async () => new Promise((r) => setTimeout(r, 20)));

export async function until(ready: () => boolean, what: string | (() => string)): Promise<void> {
  for (let i = 0; i < 250 && !ready(); i++) await tick();
  if (!ready()) throw new Error(`not rendered: ${typeof what === 'string' ? what : what()}`);
}
