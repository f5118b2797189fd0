/**
 * "Save as template" on a reply the agent has edited: the draft is written for this customer, by
 * this agent. A template serves the whole brand, so what belongs to this conversation goes back to
 * variables before it is kept: the agent's own filled signature at the end ("^AP") becomes
 * {{agent.signature}} (a colleague using the template signs as themselves), and the customer's
 * name, handle, case reference and order numbers are generalised as past replies are
 * (lib/suggest/generalise.ts).
 */
import { generaliseReply } from '../suggest/generalise';

export interface DraftOwner {
  /** The signature as it was filled for this agent (agentVariables(...).signature). */
  signature?: string;
  customerHandle?: string;
  customerName?: string;
}

export function templateFromDraft(draft: string, owner: DraftOwner): string {
  let text = draft.trimEnd();
  const signature = owner.signature?.trim();
  if (signature && text.endsWith(signature) && !/[\p{L}\p{N}]/u.test(text.charAt(text.length - signature.length - 1))) {
    text = `${text.slice(0, text.length - signature.length).trimEnd()} {{agent.signature}}`;
  }
  return generaliseReply(text, { customerHandle: owner.customerHandle, customerName: owner.customerName }).body;
}
