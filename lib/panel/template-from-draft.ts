/**
 * "Save as template" on a reply the agent has edited: the draft is written for this customer, by
 * this agent. A template serves the whole brand, so the values filled in for this conversation go
 * back to their variables before it is kept — and nothing else: the agent's own filled signature
 * at the end ("^AP") becomes {{agent.signature}} (a colleague using the template signs as
 * themselves), this customer's name as written ("Dana", "Dana Example"), their @handle and this
 * case's reference become theirs. What the agent wrote on purpose stays: a phone number, a product
 * code, "we will" for a customer called Will, "la luz" for Luz (only the name as filled, with its
 * capital, counts). The unedited past reply keeps the engine's fuller generalisation.
 */
import { firstName } from '../suggest/variables';
import { escapeRegExp, wholeToken } from '../suggest/text';

export interface DraftOwner {
  /** The signature as it was filled for this agent (agentVariables(...).signature). */
  signature?: string;
  customerHandle?: string;
  customerName?: string;
  caseReference?: string;
}

/** `value` as a whole word (no letter or digit touching it), case as written. */
const whole = (value: string) => wholeToken(value, 'gu');

export function templateFromDraft(draft: string, owner: DraftOwner): string {
  let text = draft.trimEnd();
  const signature = owner.signature?.trim();
  if (signature && text.endsWith(signature) && !/[\p{L}\p{N}]/u.test(text.charAt(text.length - signature.length - 1))) {
    text = `${text.slice(0, text.length - signature.length).trimEnd()} {{agent.signature}}`;
  }
  const handle = owner.customerHandle?.replace(/^@/u, '');
  if (handle) text = text.replace(new RegExp(`@${escapeRegExp(handle)}(?![\\w])`, 'giu'), '@{{customer.handle}}');
  const reference = owner.caseReference?.trim();
  if (reference) text = text.replace(whole(reference), '{{case.reference}}');
  const name = owner.customerName?.trim();
  if (name && name.includes(' ')) text = text.replace(whole(name), '{{customer.name}}');
  const first = firstName(name);
  if (first && first.length >= 2) text = text.replace(whole(first), '{{customer.first_name}}');
  return text;
}
