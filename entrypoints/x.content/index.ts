/**
 * x.com: wires the X adapter to the shared page session. Thin by design: no React, no
 * database, no customer data rendered into the page (see lib/content/page-session.ts).
 */
import { xAdapter } from '../../lib/platforms/x';
import { startPageSession } from '../../lib/content/page-session';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.x.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startPageSession(ctx, xAdapter);
  },
});
