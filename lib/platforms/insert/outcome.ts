/**
 * What an insert into the platform's composer comes to. A failure carries a code the panel says
 * in the interface language and a reason, the technical detail in English (tests, logs).
 */
export const INSERT_FAILURE_CODES = ['empty', 'aborted', 'gone', 'partial', 'duplicated', 'kept-old', 'rejected', 'no-composer', 'no-answer', 'other-conversation', 'other-account', 'busy'] as const;
export type InsertFailureCode = (typeof INSERT_FAILURE_CODES)[number];

export type InsertOutcome =
  | { ok: true; strategy: string; sendEnabled: boolean | null }
  | { ok: false; code: InsertFailureCode; reason: string; copiedToClipboard: boolean };
