/**
 * "Save as template" on an edited reply: the agent's own signature and this customer's details go
 * back to variables, so a colleague using the template neither signs with someone else's initials
 * nor greets the wrong customer.
 */
import { expect, it } from 'vitest';
import { templateFromDraft } from '../../lib/panel/template-from-draft';
import { fillTemplate } from '../../lib/suggest/variables';

it("turns the agent's filled signature and the customer's name back into variables", () => {
  const draft = 'Hi Dana, your refund ACME-0042 is on its way today. ^AP';
  const body = templateFromDraft(draft, { signature: '^AP', customerHandle: 'dana_example', customerName: 'Dana Example', caseReference: 'ACME-0042' });
  expect(body).toBe('Hi {{customer.first_name}}, your refund {{case.reference}} is on its way today. {{agent.signature}}');
  // A colleague using it signs as themselves.
  expect(fillTemplate(body, { customer: { displayName: 'Eli Roe' }, case: { reference: 'ACME-0050' }, agent: { signature: '^LG' } }).text).toBe(
    'Hi Eli, your refund ACME-0050 is on its way today. ^LG',
  );
});

it('a signature written as a name is found too; a draft without one is kept as it is', () => {
  expect(templateFromDraft('Thanks for waiting, we shipped it.', { signature: '^AP' })).toBe('Thanks for waiting, we shipped it.');
  expect(templateFromDraft('Thanks for waiting, Ana Pérez', { signature: 'Ana Pérez' })).toBe('Thanks for waiting, {{agent.signature}}');
  // Only the whole signature: "Pérez" alone at the end is someone's name, not this signature.
  expect(templateFromDraft('Say hi to Mr Pérez', { signature: 'Ana Pérez' })).toBe('Say hi to Mr Pérez');
});

it('keeps what the agent wrote on purpose: numbers, product codes, words that look like the name', () => {
  const will = { signature: '^AP', customerName: 'Will Smith', caseReference: 'ACME-0042' };
  expect(templateFromDraft('We will refund it, Will. Call 900123456 about your XPS-9500. ^AP', will)).toBe(
    'We will refund it, {{customer.first_name}}. Call 900123456 about your XPS-9500. {{agent.signature}}',
  );
  expect(templateFromDraft('Hola Luz, la factura de la luz llega el lunes. ^AP', { signature: '^AP', customerName: 'Luz Martínez' })).toBe(
    'Hola {{customer.first_name}}, la factura de la luz llega el lunes. {{agent.signature}}',
  );
  // A guessed sign-off is not this agent's signature: "Mon - Fri" stays.
  expect(templateFromDraft('We are open Mon - Fri', { signature: '^AP' })).toBe('We are open Mon - Fri');
  // With the brand's name in the signature, as filled.
  expect(templateFromDraft('Thanks Dana! ^AP · Acme', { signature: '^AP · Acme', customerName: 'Dana Example' })).toBe('Thanks {{customer.first_name}}! {{agent.signature}}');
});
