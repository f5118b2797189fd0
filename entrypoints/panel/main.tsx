import '../../lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme, followThemeMessages } from '../../lib/content/theme';
import { focusOnArrival } from '../../lib/panel/keys';
import { getLocale } from '../../lib/i18n';
import './style.css';

applyTheme(new URLSearchParams(location.search).get('theme'));
// The platform's theme changed without a reload (lib/content/theme.ts watchPlatformTheme).
followThemeMessages();
// The shortcut focuses the panel's frame: land on something to act on.
window.addEventListener('focus', () => focusOnArrival());
// The interface language follows the browser's (lib/i18n); the page says which it is.
document.documentElement.lang = getLocale();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
