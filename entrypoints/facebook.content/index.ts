/**
 * facebook.com, messenger.com and Business Suite: wires the Facebook adapter to the shared
 * page session. Thin by design (see lib/content/page-session.ts).
 */
import { facebookAdapter } from '../../lib/platforms/facebook';
import { startPageSession } from '../../lib/content/page-session';

export default defineContentScript({
  matches: [
    'https://www.facebook.com/*',
    'https://web.facebook.com/*',
    'https://business.facebook.com/*',
    'https://www.messenger.com/*',
  ],
  runAt: 'document_idle',
  main(ctx) {
    void startPageSession(ctx, facebookAdapter);
  },
});
