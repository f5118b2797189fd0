import { describe, expect, it } from 'vitest';
import { askQuestions, canInsert, fillTemplate, firstName, insertRefusal } from '../../lib/suggest/variables';

const ctx = {
  customer: { displayName: '🌸 Dr. María José López', handle: '@mjlopez' },
  case: { reference: 'ACME-0042' },
  agent: { name: 'Ann', signature: '^AN' },
  brand: { name: 'Acme' },
};

describe('firstName', () => {
  it.each([
    ['🌸 Dr. María José López', 'María'],
    ['Smith, John', 'John'],
    ['@handle_only', undefined],
    ['Mr. T', undefined],
    ['  jane doe 🇺🇸 | coffee  ', 'jane'],
    ['Sra. Ana Pérez', 'Ana'],
    // A name that is also a title word, a role after a comma, styled letters.
    ['Don Draper', 'Don'],
    ['Don José García', 'José'],
    ['Dana, CEO', 'Dana'],
    ['Dana, Founder', 'Dana'],
    ['𝐉𝐚𝐧𝐞 Doe', 'Jane'],
    // Surname first only when a capitalised name, and nothing more, follows the comma.
    ['Smith, John 🌻', 'John'],
    ['García López, María José', 'María'],
    ['Sam, she/her', 'Sam'],
    ['Mike, dad of two', 'Mike'],
    // Spanish abbreviations: a title with a tilde, names written with the ordinal sign.
    ['Dña. Carmen Ruiz', 'Carmen'],
    ['Dª Carmen Ruiz', 'Carmen'],
    ['Mª Carmen Ruiz', 'María'],
    [undefined, undefined],
  ])('%s → %s', (input, expected) => {
    expect(firstName(input)).toBe(expected);
  });

  it('fills a greeting with the name, not the pronouns after it', () => {
    expect(fillTemplate('Hi {{customer.first_name}}, thanks!', { customer: { displayName: 'Sam, she/her' } }).text).toBe('Hi Sam, thanks!');
  });
});

describe('fillTemplate', () => {
  it('fills every known variable', () => {
    const r = fillTemplate(
      'Hi {{customer.first_name}} (@{{customer.handle}}, {{customer.name}}): case {{case.reference}} from {{brand.name}}, {{agent.name}} {{agent.signature}}',
      ctx,
    );
    expect(r.unresolved).toEqual([]);
    expect(r.text).toBe('Hi María (@mjlopez, 🌸 Dr. María José López): case ACME-0042 from Acme, Ann ^AN');
  });

  it('lists fill-in questions and uses the answers', () => {
    const body = 'Order {{ask:order number}} ships on {{ ask: delivery date }}; order {{ask:order number}} again.';
    expect(askQuestions(body)).toEqual(['order number', 'delivery date']);
    const open = fillTemplate(body, ctx);
    expect(open.unresolved).toEqual(['ask:order number', 'ask: delivery date']);
    const done = fillTemplate(body, ctx, { 'order number': '112-555', 'delivery date': 'Monday' });
    expect(done).toEqual({ text: 'Order 112-555 ships on Monday; order 112-555 again.', unresolved: [] });
  });

  it('refuses an insert while anything is unresolved, naming it', () => {
    const r = fillTemplate('Hi {{customer.first_name}}, your order {{ask:order number}}', {});
    expect(canInsert(r)).toBe(false);
    expect(insertRefusal(r)).toBe('Cannot insert yet: fill in {{customer.first_name}}, "order number" first.');
    expect(insertRefusal(fillTemplate('Hi {{customer.first_name}}', ctx))).toBeNull();
  });

  it('treats hostile names as unknown variables without crashing', () => {
    const body = '{{constructor}} {{__proto__}} {{toString}} {{customer.__proto__}} {{ask:__proto__}} {{ask:constructor}}';
    const r = fillTemplate(body, ctx);
    expect(r.text).toBe(body);
    expect(r.unresolved).toHaveLength(6);
    expect(canInsert(r)).toBe(false);
    // An answer object from JSON may carry an own "__proto__" key: it answers that question only.
    const answered = fillTemplate(body, ctx, JSON.parse('{"__proto__": "x"}') as Record<string, string>);
    expect(answered.text).toBe('{{constructor}} {{__proto__}} {{toString}} {{customer.__proto__}} x {{ask:constructor}}');
    expect(answered.unresolved).toHaveLength(5);
  });

  it('an empty signature resolves to nothing and leaves no double space', () => {
    expect(fillTemplate('Thanks! {{agent.signature}}', {})).toEqual({ text: 'Thanks!', unresolved: [] });
  });

  it('can drop an unknown name gracefully for generalised replies', () => {
    expect(fillTemplate('Hi {{customer.first_name}}, sorry!', {}, {}, { dropUnknownName: true }).text).toBe('Hi, sorry!');
    expect(fillTemplate("We're sorry about this, {{customer.first_name}}, and we'll sort it out.", {}, {}, { dropUnknownName: true }).text).toBe(
      "We're sorry about this, and we'll sort it out.",
    );
  });
});
