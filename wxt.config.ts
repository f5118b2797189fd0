import { defineConfig } from 'wxt';

/** Hosts the extension works on. Nothing else: no <all_urls>. */
export const PLATFORM_MATCHES = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://mobile.x.com/*',
  'https://www.facebook.com/*',
  'https://web.facebook.com/*',
  'https://business.facebook.com/*',
  'https://www.messenger.com/*',
] as const;

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // entrypoints/bench (the page `npm run bench` drives) exists only in `wxt build --mode bench`
    // builds (.output/chrome-mv3-bench); production and dev builds never contain it.
    'entrypoints:found': (wxt, infos) => {
      if (wxt.config.mode === 'bench') return;
      for (let i = infos.length - 1; i >= 0; i--) if (infos[i]!.name === 'bench') infos.splice(i, 1);
    },
  },
  // `npm run bench -- --profile` builds unminified so the CPU profile names functions.
  vite: () => (process.env.CASESIDE_NO_MINIFY ? { build: { minify: false } } : {}),
  srcDir: '.',
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: 'Caseside',
    description:
      'Customer history, cases and suggested replies beside X and Facebook conversations. Local only.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'contextMenus', 'activeTab', 'scripting'],
    host_permissions: [...PLATFORM_MATCHES],
    action: { default_title: 'Caseside: show or hide the panel' },
    // The panel's shortcut (lib/content/shortcut.ts). On macOS Option+Shift+C types "Ç": a
    // command there would take that letter from every text field, so the Mac gets Control.
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+C', mac: 'MacCtrl+Shift+C' },
        description: 'Show or hide the Caseside panel',
      },
    },
    web_accessible_resources: [{ resources: ['panel.html'], matches: [...PLATFORM_MATCHES] }],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'caseside@caseside.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
