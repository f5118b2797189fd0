/** Last resort: put the reply on the clipboard so the agent can paste it by hand. */
export async function copyToClipboard(text: string, doc: Document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Rejected (document not focused, no permission): fall through to the legacy copy.
    }
  }
  const active = doc.activeElement as HTMLElement | null;
  const scratch = doc.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.setAttribute('aria-hidden', 'true');
  scratch.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;';
  (doc.body ?? doc.documentElement).append(scratch);
  scratch.select();
  let copied = false;
  try {
    copied = doc.execCommand('copy');
  } catch {
    copied = false;
  }
  scratch.remove();
  active?.focus?.({ preventScroll: true });
  return copied;
}
