/**
 * Facebook platform adapter: facebook.com (www., web.), messenger.com and business.facebook.com.
 * Pure, DOM-only wiring of the pieces in this folder; no chrome.*, no storage.
 */
import type { PlatformAdapter } from '../adapter';
import { readFbAgent } from './agent';
import { findFbComposer } from './composer';
import { extractFacebook } from './extract';
import { fbObserveRoot, postScope } from './regions';
import { fbConversationKindOf, isFbFamilyHost } from './routes';

export const facebookAdapter: PlatformAdapter = {
  platform: 'facebook',
  handles: (url) => isFbFamilyHost(url),
  conversationKindOf: (url) => (isFbFamilyHost(url) ? fbConversationKindOf(url) : null),
  readAgent: (doc, url) => {
    try {
      return readFbAgent(doc, url, postScope(doc) ?? doc);
    } catch {
      return null; // a page we cannot read shows no agent; never break the caller
    }
  },
  extract: (doc, url, options) => extractFacebook(doc, url, options),
  observeRoot: (doc) => fbObserveRoot(doc),
  findComposer: (doc, url, prefer) => (isFbFamilyHost(url) ? findFbComposer(doc, url, prefer) : null),
};

export { fbRouteDetectors } from './routes';
