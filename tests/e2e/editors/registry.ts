/**
 * What the editor harness exposes to Playwright: each mounted editor's OWN state, so tests
 * check what the editor would send, not what its DOM happens to show.
 */
import type { CaretTracker } from '../../../lib/platforms/insert/index';
import type * as insertApi from '../../../lib/platforms/insert/index';

export interface EditorHandle {
  /** The editor's model text (Draft ContentState, Lexical root, React state). */
  getText(): string;
  /** Times the editor would have sent a message (send button or send-on-Enter). */
  sends: number;
}

declare global {
  interface Window {
    __editors: Record<string, EditorHandle>;
    __casesideInsert: typeof insertApi;
    __tracker: CaretTracker;
  }
}

export function registerEditor(name: string, handle: EditorHandle): void {
  window.__editors ??= {};
  window.__editors[name] = handle;
}

/** Every mount point for one editor kind, each with its name (data-name, default the kind). */
export function mountPoints(kind: string): { mount: HTMLElement; name: string }[] {
  return [...document.querySelectorAll<HTMLElement>(`[data-caseside-mount="${kind}"]`)].map((mount) => ({
    mount,
    name: mount.dataset.name ?? kind,
  }));
}
