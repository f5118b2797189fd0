import '../../lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from './OptionsApp';
import { getLocale, t } from '../../lib/i18n';
import '../panel/style.css';
import './options.css';

// The interface language follows the browser's (lib/i18n), as in the panel.
document.documentElement.lang = getLocale();
document.title = t('options.pageTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
