/**
 * Last resort: put the reply on the clipboard so the agent can paste it by hand.
 *
 * Where it is copied (decision): the agent clicked Insert in the panel, an extension page in its
 * own frame, so the click's user activation and often the focus belong to the panel, not to the
 * platform page the content script runs in.
 *
 * 1. The content script tries the async Clipboard API when the insert fails (insert-reply.ts,
 *    page-session.ts). It works when the page document has the focus (an insert attempt has just
 *    put it in the composer) and is allowed to write; otherwise it is refused, and that is said.
 * 2. When the page could not copy, or did not answer at all, the panel copies (lib/panel/insert.ts):
 *    the Clipboard API again, then a selection copy (`execCommand('copy')`) in its own document,
 *    which needs only the activation of the click.
 * 3. When both fail the panel says so and shows the reply to select and copy by hand.
 *
 * The selection copy never runs in the platform's page: a scratch textarea there would hand the
 * reply to the page's scripts and let its `copy` listeners replace what lands on the clipboard
 * while execCommand still reported success.
 */

/** The async Clipboard API of `doc`'s window. False when it is missing or refuses (no focus, no activation). */
export async function writeClipboard(text: string, doc: Document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (!clipboard?.writeText) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copy by selecting a scratch textarea and running the copy command: for the extension's own
 * pages only (see above). True only when the browser ran the copy and it carried this text.
 */
export function copyBySelection(text: string, doc: Document): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  const active = doc.activeElement as HTMLElement | null;
  const scratch = doc.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.setAttribute('aria-hidden', 'true');
  scratch.tabIndex = -1;
  scratch.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;';
  let carried = false;
  // The copy event puts exactly this text on the clipboard (no selection quirks) and proves the
  // browser really ran the copy: execCommand alone may say true for a copy that did nothing.
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    carried = true;
  };
  doc.addEventListener('copy', onCopy, true);
  (doc.body ?? doc.documentElement).append(scratch);
  let ran = false;
  try {
    scratch.focus({ preventScroll: true });
    scratch.select();
    ran = doc.execCommand('copy');
  } catch {
    ran = false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
    scratch.remove();
    if (active && active !== doc.body) active.focus?.({ preventScroll: true });
  }
  return ran && carried;
}

/**
 * The Clipboard API, then (`bySelection`, the extension's own pages only) a selection copy.
 * True only when the text is known to be on the clipboard.
 */
export async function copyToClipboard(text: string, doc: Document, { bySelection = false }: { bySelection?: boolean } = {}): Promise<boolean> {
  if (await writeClipboard(text, doc)) return true;
  return bySelection ? copyBySelection(text, doc) : false;
}
