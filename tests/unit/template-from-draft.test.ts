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
  const body = templateFromDraft(draft, { signature: '^AP', customerHandle: 'dana_example', customerName: 'Dana Example' });
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
