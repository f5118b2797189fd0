/**
 * The logged-in X account: it decides the active brand and the direction of every message.
 */
import type { Agent } from '../snapshot';
import { handleFromHref, rebuildText } from './dom';
import { queryX, X } from './selectors';

/** Logged-in account from the nav profile tab, else the account switcher; null when logged out. */
export function readXAgent(doc: Document): Agent | null {
  const tab = queryX(doc, X.profileTab);
  const tabHandle = handleFromHref(tab?.getAttribute('href'));
  const switcher = queryX(doc, X.accountSwitcher);
  const switcherHandle = switcher ? handleInSwitcher(switcher) : null;
  const handle = tabHandle ?? switcherHandle;
  if (!handle) return null;
  const displayName = switcher && switcherHandle?.toLowerCase() === handle.toLowerCase() ? nameInSwitcher(switcher, handle) : undefined;
  return displayName ? { platform: 'x', handle, displayName } : { platform: 'x', handle };
}

/** The switcher shows the avatar (`UserAvatar-Container-<handle>`) and an "@handle" line. */
function handleInSwitcher(switcher: Element): string | null {
  const avatar = switcher.querySelector('[data-testid^="UserAvatar-Container-"]');
  const fromAvatar = avatar?.getAttribute('data-testid')?.slice('UserAvatar-Container-'.length);
  if (fromAvatar && /^[A-Za-z0-9_]{1,15}$/.test(fromAvatar)) return fromAvatar;
  const at = /@([A-Za-z0-9_]{1,15})\b/.exec(rebuildText(switcher));
  return at ? at[1]! : null;
}

/** Display name: the switcher's first text line that is not the "@handle" line. */
function nameInSwitcher(switcher: Element, handle: string): string | undefined {
  const lines = Array.from(switcher.querySelectorAll('[dir="ltr"], [dir="auto"]'))
    .filter((el) => !el.querySelector('[dir="ltr"], [dir="auto"]'))
    .map((el) => rebuildText(el))
    .filter((text) => text && text.toLowerCase() !== `@${handle.toLowerCase()}`);
  return lines[0] || undefined;
}
