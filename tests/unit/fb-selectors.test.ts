/**
 * Each Facebook selector matches its fixtures exactly as often as lib/platforms/facebook/selectors.ts
 * says, and not at all in fixtures it does not list — so a markup or selector change that breaks an
 * assumption fails here by name.
 */
import { describe, expect, it } from 'vitest';
import { fbHints, fbSelectors, queryAllFb, type FbSelectorName } from '../../lib/platforms/facebook/selectors';
import { documentFromHtml, loadFixtures } from '../fixtures/load-fixtures';

const cases = loadFixtures('facebook');
const docs = new Map(cases.map((c) => [c.name, documentFromHtml(c.html, c.url)]));

describe('Facebook selectors × fixtures', () => {
  it('every listed fixture exists', () => {
    for (const [name, selector] of Object.entries(fbSelectors)) {
      for (const fixture of Object.keys(selector.fixtures)) expect(docs.has(fixture), `${name} lists unknown fixture ${fixture}`).toBe(true);
    }
  });

  for (const name of Object.keys(fbSelectors) as FbSelectorName[]) {
    it(name, () => {
      const selector = fbSelectors[name];
      expect(Object.keys(selector.fixtures).length, `${name} must be paired with at least one fixture`).toBeGreaterThan(0);
      for (const c of cases) {
        const expected = (selector.fixtures as Record<string, number>)[c.name] ?? 0;
        expect(queryAllFb(docs.get(c.name)!, name).length, `${name} in ${c.name}`).toBe(expected);
      }
    });
  }

  it('never relies on generated class names', () => {
    for (const [name, selector] of Object.entries(fbSelectors)) {
      for (const css of selector.css) expect(css, name).not.toMatch(/\.x[0-9a-z]{5,8}\b|\[class/);
    }
  });

  it('aria-label texts are hints only: no selector depends on a translated label', () => {
    for (const [name, selector] of Object.entries(fbSelectors)) {
      for (const css of selector.css) expect(css, name).not.toContain('aria-label');
    }
    expect(fbHints.outgoingText.test('Vous avez envoyé')).toBe(true);
    expect(fbHints.actingAs.exec('Comentar como Acme Outdoor')?.[1]).toBe('Acme Outdoor');
  });
});
