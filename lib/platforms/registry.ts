/**
 * Which adapter handles a URL. Each platform module adds itself here (Facebook: add
 * `fbAdapter` to the list).
 */
import type { PlatformAdapter } from './adapter';
import { xAdapter } from './x';
import { facebookAdapter } from './facebook';

const ADAPTERS: readonly PlatformAdapter[] = [xAdapter, facebookAdapter];

export function adapterFor(url: URL): PlatformAdapter | null {
  return ADAPTERS.find((adapter) => adapter.handles(url)) ?? null;
}
