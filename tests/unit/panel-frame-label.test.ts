/** The panel's resize handle is named in the same language as the panel. */
import { expect, it } from 'vitest';
import { resizeLabel } from '../../lib/content/panel-frame';
import { detectLocale } from '../../lib/i18n';

it('names the resize handle in the panel’s language', () => {
  for (const language of ['es', 'es-MX', 'ES-es', 'en-US', 'fr-FR', undefined]) {
    expect(resizeLabel(language), String(language)).toBe(detectLocale(language) === 'es' ? 'Cambiar el ancho del panel de Caseside' : 'Resize Caseside panel');
  }
  expect(resizeLabel('es-ES')).toBe('Cambiar el ancho del panel de Caseside');
});
