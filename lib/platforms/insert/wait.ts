/** Waiting for an editor to commit, without leaving timers behind. */

/** One animation frame, or 50 ms when frames are paused (hidden tab). */
export function nextFrame(win: Window): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      win.cancelAnimationFrame(frame);
      win.clearTimeout(timer);
      resolve();
    };
    const frame = win.requestAnimationFrame(done);
    const timer = win.setTimeout(done, 50);
  });
}

/** A frame plus a task: lets `selectionchange` reach the editor before inserting. */
export async function settle(win: Window): Promise<void> {
  await nextFrame(win);
  await new Promise<void>((resolve) => win.setTimeout(resolve, 0));
}

/**
 * Resolve true as soon as `check()` holds, false after `timeoutMs` or on abort.
 * Checks on every mutation under `root` and on every frame: a React-controlled textarea's value
 * and a send button elsewhere on the page change without a mutation under the editor.
 */
export function waitFor(
  check: () => boolean,
  root: Node,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const win = (root.ownerDocument ?? (root as Document)).defaultView ?? window;
  return new Promise((resolve) => {
    if (check()) return resolve(true);
    let finished = false;
    let frame = 0;
    const finish = (value: boolean): void => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      win.cancelAnimationFrame(frame);
      win.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const tick = (): void => {
      if (check()) finish(true);
    };
    const onAbort = (): void => finish(false);
    const observer = new win.MutationObserver(tick);
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const loop = (): void => {
      tick();
      if (!finished) frame = win.requestAnimationFrame(loop);
    };
    frame = win.requestAnimationFrame(loop);
    const timer = win.setTimeout(() => finish(check()), timeoutMs);
    signal?.addEventListener('abort', onAbort);
  });
}
