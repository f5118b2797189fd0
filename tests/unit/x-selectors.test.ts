/**
 * Each X selector must match its listed fixtures exactly as many times as listed
 * (lib/platforms/x/selectors.ts), so a markup change shows up by selector and case name.
 */
import { describe, expect, it } from 'vitest';
import { queryAllX, X } from '../../lib/platforms/x/selectors';
import { documentFromHtml, loadFixtures } from '../fixtures/load-fixtures';

const cases = new Map(loadFixtures('x').map((c) => [c.name, c]));
const docs = new Map<string, Document>();
const docOf = (name: string) => {
  const c = cases.get(name);
  if (!c) throw new Error(`selector lists unknown fixture "${name}"`);
  if (!docs.has(name)) docs.set(name, documentFromHtml(c.html, c.url));
  return docs.get(name)!;
};

describe('X selectors against fixtures', () => {
  it('has fixtures to check', () => {
    expect(cases.size).toBeGreaterThanOrEqual(11);
  });

  for (const [key, selector] of Object.entries(X)) {
    it(`${key} lists at least one fixture and avoids generated classes`, () => {
      expect(Object.keys(selector.fixtures).length, key).toBeGreaterThan(0);
      for (const css of selector.css) expect(css, key).not.toMatch(/\.(css|r)-[0-9a-z]{4,}/);
      // Selectors nobody matches in any fixture must say why (see `note`).
      if (!Object.values(selector.fixtures).some((n) => n > 0)) expect(selector.note, key).toBeTruthy();
    });

    for (const [name, count] of Object.entries(selector.fixtures)) {
      it(`${key} matches ${count}× in ${name}`, () => {
        expect(queryAllX(docOf(name), selector).length, `${key} in ${name}`).toBe(count);
      });
    }
  }
});
