/**
 * Who is talking to the background. Messages are accepted only from this extension: its own
 * panel page (framed in a platform tab) or its content scripts (in a platform tab's top frame).
 */
import { browser, type Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender | undefined;

export function isOwnExtension(sender: Sender): boolean {
  return !!sender && sender.id === browser.runtime.id;
}

export function isPanelSender(sender: Sender): boolean {
  if (!isOwnExtension(sender) || sender?.tab?.id === undefined) return false;
  return (sender.url ?? '').startsWith(browser.runtime.getURL('/panel.html'));
}

export function isContentScriptSender(sender: Sender): boolean {
  if (!isOwnExtension(sender) || sender?.tab?.id === undefined) return false;
  const url = sender.url ?? '';
  return url.startsWith('https://') && sender.frameId === 0;
}

/** Extension pages not framed in a tab (options page, popup windows). */
export function isExtensionPageSender(sender: Sender): boolean {
  return isOwnExtension(sender) && (sender?.url ?? '').startsWith(browser.runtime.getURL('/'));
}
