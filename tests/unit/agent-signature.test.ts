/**
 * The agent in templates: {{agent.name}} and {{agent.initials}} filled from the profile, a brand
 * signature that holds them ("^{{agent.initials}}" → "^AP"), and the checks against the filled
 * signature — with a hint, never a block, when the signature needs a name nobody has set here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { canInsert, fillSignature, fillTemplate, KNOWN_VARIABLES } from '../../lib/suggest/variables';
import { checkReply, type CheckInput } from '../../lib/suggest/checks';
import { setLocale } from '../../lib/i18n';

afterEach(() => setLocale('en'));

const ana = { name: 'Ana Pérez', initials: 'AP' };
const xSignature = '^{{agent.initials}}';

describe('fillTemplate: the agent', () => {
  it('fills {{agent.name}} and {{agent.initials}} from the profile', () => {
    expect(KNOWN_VARIABLES).toContain('agent.initials');
    const r = fillTemplate('Thanks, {{agent.name}} ({{ agent.initials }}) here.', { agent: ana });
    expect(r).toEqual({ text: 'Thanks, Ana Pérez (AP) here.', unresolved: [] });
  });

  it("fills the agent's name and initials inside the brand's signature", () => {
    const r = fillTemplate('Refund sent! {{agent.signature}}', { agent: ana, brand: { signature: xSignature } });
    expect(r).toEqual({ text: 'Refund sent! ^AP', unresolved: [] });
    expect(fillTemplate('{{agent.signature}}', { agent: ana, brand: { signature: '{{agent.name}} · Acme support' } }).text).toBe('Ana Pérez · Acme support');
    // A colleague on their own browser signs as themselves with the same brand.
    expect(fillTemplate('Done {{agent.signature}}', { agent: { name: 'Luis Gómez', initials: 'LG' }, brand: { signature: xSignature } }).text).toBe('Done ^LG');
    // An agent signature given already filled is kept as it is.
    expect(fillTemplate('Done {{agent.signature}}', { agent: { ...ana, signature: '^AP' }, brand: { signature: xSignature } }).text).toBe('Done ^AP');
  });

  it('leaves out a signature that needs a name nobody set, without blocking the insert', () => {
    const r = fillTemplate('Refund sent! {{agent.signature}}', { brand: { signature: xSignature } });
    expect(r).toEqual({ text: 'Refund sent!', unresolved: [] });
    expect(canInsert(r)).toBe(true);
    // Written straight into a template, an unset name is still something to fill in.
    expect(fillTemplate('Thanks, {{agent.name}}', {}).unresolved).toEqual(['agent.name']);
    expect(fillTemplate('^{{agent.initials}}', { agent: { name: 'Ana' } }).unresolved).toEqual(['agent.initials']);
  });

  it('fillSignature says what the signature is missing', () => {
    expect(fillSignature('^{{agent.initials}} / {{AGENT.NAME}}', undefined)).toEqual({ text: '', missing: ['agent.initials', 'agent.name'] });
    // The brand's name is filled too; without one given, it is left for fillTemplate's brand.
    expect(fillSignature('^{{agent.initials}} {{brand.name}}', ana, 'Acme')).toEqual({ text: '^AP Acme', missing: [] });
    expect(fillSignature('^{{agent.initials}} {{brand.name}}', ana)).toEqual({ text: '^AP {{brand.name}}', missing: [] });
    expect(fillTemplate('Done {{agent.signature}}', { agent: ana, brand: { name: 'Acme', signature: '^{{agent.initials}} {{brand.name}}' } }).text).toBe('Done ^AP Acme');
    expect(fillSignature('^AS', undefined)).toEqual({ text: '^AS', missing: [] });
    expect(fillSignature(undefined, ana)).toEqual({ text: '', missing: [] });
  });
});

const input = (over: Partial<CheckInput>): CheckInput => ({
  text: 'Your refund is on its way.',
  platform: 'x',
  isPublic: false,
  brand: { name: 'Acme', signature: xSignature, tone: { useFirstName: false } },
  followUpSet: false,
  ...over,
});
const ids = (over: Partial<CheckInput>) => checkReply(input(over)).map((c) => c.id);

describe('checkReply: the signature the agent fills', () => {
  it('looks for the filled signature, and its fix adds that, not the placeholder', () => {
    const missing = checkReply(input({ agent: ana })).find((c) => c.id === 'missing-signature');
    expect(missing).toMatchObject({ severity: 'warn', message: 'The signature "^AP" is missing.' });
    expect(missing!.fix!.text).toBe('Your refund is on its way. ^AP');
    expect(ids({ agent: ana, text: 'Your refund is on its way. ^AP' })).not.toContain('missing-signature');
    expect(ids({ agent: ana, text: 'Your refund is on its way.' })).not.toContain('agent-not-set');
  });

  it('with no name set: no "missing signature" to fix with a placeholder, a hint to set the name instead, nothing blocks', () => {
    const checks = checkReply(input({}));
    expect(checks.map((c) => c.id)).not.toContain('missing-signature');
    const hint = checks.find((c) => c.id === 'agent-not-set');
    expect(hint).toMatchObject({
      severity: 'warn',
      message: 'The signature "^{{agent.initials}}" needs your name or initials, which are not set on this browser, so it is left out. Set them in Caseside’s options, under “You”.',
    });
    expect(hint!.fix).toBeUndefined();
    expect(checks.some((c) => c.severity === 'block')).toBe(false);
    setLocale('es');
    expect(checkReply(input({})).find((c) => c.id === 'agent-not-set')!.message).toBe(
      'La firma «^{{agent.initials}}» necesita tu nombre o tus iniciales, que no están configurados en este navegador, así que se omite. Configúralos en las opciones de Caseside, en «Tú».',
    );
  });

  it('says where to set the name when the reply itself uses it', () => {
    const checks = checkReply(input({ brand: { signature: '^AS' }, text: 'Hi, {{agent.name}} here. ^AS' }));
    expect(checks.find((c) => c.id === 'agent-not-set')!.message).toBe(
      'This reply uses your name or initials, which are not set on this browser. Set them in Caseside’s options, under “You”.',
    );
    // (The open placeholder still blocks until it is filled or removed.)
    expect(checks.find((c) => c.id === 'unresolved-variables')!.severity).toBe('block');
    // A signature without agent variables is checked as before, and no hint is given.
    expect(ids({ brand: { signature: '^AS' } })).toEqual(['missing-signature']);
  });
});
