/**
 * The acting Page from the post's comment box in locales that do not end the label with the
 * name ("Als Acme Outdoor kommentieren", "Acme Outdoorとしてコメント"): the name is found anywhere
 * in the label, among post authors and comment authors, longest first, as a whole name.
 */
import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { agentFromComposers, nameInLabel } from '../../lib/platforms/facebook/agent';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { snapshotOf as snap } from './fixture-expect';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => cases.find((c) => c.name === name) ?? (() => { throw new Error(`no fixture ${name}`); })();
const relabel = (html: string, comment: string, reply: string) => {
  expect(html).toContain('Comment as Acme Outdoor');
  return html.replaceAll('Comment as Acme Outdoor', comment).replaceAll('Reply as Acme Outdoor', reply);
};
const extract = (c: FixtureCase, html: string) => snap(facebookAdapter.extract(documentFromHtml(html, c.url), c.url, { now: FIXTURE_NOW }));
const box = (label: string) => `<div contenteditable="true" role="textbox" data-lexical-editor="true" aria-label="${label}"></div>`;
const scope = (html: string) => documentFromHtml(`<div role="main">${html}</div>`, new URL('https://www.facebook.com/')).body;

describe('acting Page when the locale puts the name first (bug 3)', () => {
  const locales: [string, string, string][] = [
    ['German', 'Als Acme Outdoor kommentieren', 'Als Acme Outdoor antworten'],
    ['Japanese', 'Acme Outdoorとしてコメント', 'Acme Outdoorとして返信'],
  ];
  for (const [locale, comment, reply] of locales) {
    it(`${locale}: the Page stays the agent and its reply stays outgoing`, () => {
      const c = byName('post-page-comments');
      const s = extract(c, relabel(c.html, comment, reply));
      expect(s.agent).toEqual({ platform: 'facebook', handle: 'acmeoutdoor', displayName: 'Acme Outdoor' });
      expect(s.customer).toBeNull(); // the Page's own post: no single customer
      expect(s.messages.filter((m) => m.direction === 'out').map((m) => m.id)).toEqual(['pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l', '1122334455667711']);
    });
  }

  it("a customer's post: the Page is found among the comment authors", () => {
    const c = byName('post-page-comments');
    // The post header now names Jamie (a customer); the Page only appears as a replier.
    const postHeaderHref = 'https://www.facebook.com/acmeoutdoor?__cft__[0]=AZ2fdd2f7735506d13cd96939cd19450a5f649a2aa';
    expect(c.html).toContain(postHeaderHref);
    const html = relabel(c.html, 'Als Acme Outdoor kommentieren', 'Als Acme Outdoor antworten')
      .replaceAll(postHeaderHref, 'https://www.facebook.com/jamie.rivera.5?__cft__[0]=AZ2')
      .replace('<strong><span>Acme Outdoor</span></strong>', '<strong><span>Jamie Rivera</span></strong>');
    const s = extract(c, html);
    expect(s.agent).toMatchObject({ handle: 'acmeoutdoor', displayName: 'Acme Outdoor' });
    expect(s.customer).toMatchObject({ handle: 'jamie.rivera.5' });
    expect(s.messages.find((m) => m.id === '1122334455667711')!.direction).toBe('out');
    expect(s.messages[0]!.direction).toBe('in');
  });

  it('longest known name first; a short name inside a word is no match', () => {
    const acme = { handle: 'acmeoutdoor', displayName: 'Acme Outdoor' };
    const acmeShop = { handle: 'acmeoutdoorshop', displayName: 'Acme Outdoor Shop' };
    const al = { handle: 'al.x', displayName: 'Al' };
    expect(agentFromComposers(scope(box('Als Acme Outdoor Shop kommentieren')), [acme, acmeShop])).toMatchObject({ handle: 'acmeoutdoorshop' });
    expect(agentFromComposers(scope(box('Als Acme Outdoor kommentieren')), [al])).toBeNull();
    expect(nameInLabel('Acme Outdoorとしてコメント', 'Acme Outdoor')).toBe(true);
    expect(nameInLabel('Als Acme Outdoors kommentieren', 'Acme Outdoor')).toBe(false);
    expect(nameInLabel('Commenter en tant que Élodie', 'Élodie')).toBe(true);
    expect(nameInLabel('Commenter en tant que MÉlodie', 'Élodie')).toBe(false);
  });

  it('a reply box addressed to the post author still never makes the customer the agent', () => {
    const jamie = { handle: 'jamie.rivera.5', displayName: 'Jamie Rivera' };
    expect(agentFromComposers(scope(`${box('Kommentieren…')}<ul><li>${box('Jamie Rivera antworten…')}</li></ul>`), [jamie])).toBeNull();
  });

  it('an impostor commenter named like the Page never lends the Page their id', () => {
    const page = { handle: 'acmeoutdoor', displayName: 'Acme Outdoor' };
    const impostor = { userId: '100099999999999', displayName: 'Acme Outdoor' };
    // Post author known: the author's ids, whatever commenters are called.
    expect(agentFromComposers(scope(box('Als Acme Outdoor kommentieren')), [page], [impostor])).toMatchObject({ handle: 'acmeoutdoor' });
    // Two commenters of that name: no way to tell which is the Page, so no ids at all.
    expect(agentFromComposers(scope(box('Als Acme Outdoor kommentieren')), [], [impostor, page])).toEqual({ platform: 'facebook', displayName: 'Acme Outdoor' });
  });
});
