import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../lib/db/errors';
import { setLocale } from '../../lib/i18n';
import { saveFailedText } from '../../lib/panel/save-error';

afterEach(() => setLocale('en'));

describe('saveFailedText', () => {
  it('says "Could not save" once, then the reason, then that the text is kept', () => {
    setLocale('en');
    expect(saveFailedText(new ConflictError('case', 'c1', 1, 2))).toBe(
      'Could not save: this case was changed elsewhere (another panel or tab) while you were editing. Reload it and apply your change again. Your text is still in the editor.',
    );
    const quota = saveFailedText(new DOMException('disk full', 'QuotaExceededError'));
    expect(quota.match(/Could not save/g)).toHaveLength(1);
    expect(quota).toContain('storage for Caseside is full');
  });

  it('keeps the Spanish sentence free of the English prefix', () => {
    setLocale('es');
    const text = saveFailedText(new DOMException('disk full', 'QuotaExceededError'));
    expect(text.startsWith('No se pudo guardar: ')).toBe(true);
    expect(text).not.toContain('Could not save');
    expect(text.match(/No se pudo guardar/g)).toHaveLength(1);
  });
});
