/** Is the platform's send control enabled? null when there is none to check (or it left the page). */
export function isSendEnabled(button: HTMLElement | null | undefined): boolean | null {
  if (!button || !button.isConnected) return null;
  if (button.getAttribute('aria-disabled') === 'true') return false;
  if (button.hasAttribute('disabled')) return false;
  return true;
}
