import '../../lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme } from '../../lib/content/theme';
import { getLocale } from '../../lib/i18n';
import './style.css';

applyTheme(new URLSearchParams(location.search).get('theme'));
// The interface language follows the browser's (lib/i18n); the page says which it is.
document.documentElement.lang = getLocale();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
