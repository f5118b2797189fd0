/**
 * The one runtime-messaging protocol between content scripts, background and panel.
 * Every message is parsed by these schemas at the receiver; anything else is rejected.
 * Tab ids never travel in payloads: the background takes them from `sender.tab`.
 */
import { z } from 'zod';
import { AccountSchema, AgentSchema, ConversationSnapshotSchema, NOT_RECOGNISED_CODES } from '../platforms/snapshot';
import { INSERT_FAILURE_CODES } from '../platforms/insert/outcome';

export const ExtractResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), snapshot: ConversationSnapshotSchema }),
  z.object({ ok: z.literal(false), code: z.enum(NOT_RECOGNISED_CODES), reason: z.string().max(500), agent: z.optional(AgentSchema) }),
]);

import { InsertModeSchema } from './tab-commands';
export { InsertModeSchema, TabCommandSchema, type InsertMode, type TabCommand } from './tab-commands';

export const InsertOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), strategy: z.string().max(80), sendEnabled: z.boolean().nullable() }),
  z.object({ ok: z.literal(false), code: z.enum(INSERT_FAILURE_CODES), reason: z.string().max(500), copiedToClipboard: z.boolean() }),
]);
export type InsertOutcome = z.infer<typeof InsertOutcomeSchema>;

/** Content script → background. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('page/snapshot'),
    url: z.string().max(4000),
    result: ExtractResultSchema,
  }),
  z.object({ type: z.literal('page/panel-state'), open: z.boolean(), width: z.number().int().min(280).max(900) }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/** Panel → background (request/response over runtime.sendMessage). */
export const PanelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('panel/insert'), text: z.string().min(1).max(20_000), mode: InsertModeSchema, conversationId: z.string().max(400).optional(), account: z.optional(AccountSchema) }),
  z.object({ type: z.literal('panel/track'), brandId: z.string().min(1).max(400) }),
  z.object({ type: z.literal('panel/close') }),
  z.object({ type: z.literal('panel/get-state') }),
  /** The agent is using this tab's panel (a click or focus in it). */
  z.object({ type: z.literal('panel/active') }),
  /** The agent answered the reopen offer (reopened or dismissed the case): do not offer it again. */
  z.object({ type: z.literal('panel/answered'), reopenCaseId: z.string().max(400) }),
]);
export type PanelMessage = z.infer<typeof PanelMessageSchema>;

/** What the panel shows about its tab: the latest page reading and how it was recorded. */
export const TabStateSchema = z.object({
  url: z.string().max(4000),
  result: ExtractResultSchema.nullable(),
  /** Brand the conversation was recorded under, or null when no brand claims it. */
  brandId: z.string().max(400).nullable(),
  /** Stored conversation id, once recorded. */
  conversationId: z.string().max(800).nullable(),
  customerId: z.string().max(400).nullable(),
  /** Why the conversation was not recorded (no brand account matched, not tracked yet, error). */
  notRecordedReason: z.string().max(500).nullable(),
  /** A storage error to show, if the last write failed. */
  storageError: z.string().max(500).nullable(),
  /** A new inbound message arrived on a resolved case: offer to reopen it. */
  reopenOffer: z.object({ caseId: z.string().max(400), reference: z.string().max(40) }).nullable(),
});
export type TabState = z.infer<typeof TabStateSchema>;

/** Background → panel, pushed over the panel's runtime port. */
export const PanelPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: TabStateSchema }),
]);
export type PanelPush = z.infer<typeof PanelPushSchema>;

export const PANEL_PORT = 'caseside-panel';

/** Parse with a reason a log line can carry; never throws. */
export function parseMessage<T>(
  schema: z.ZodType<T>,
  raw: unknown,
): { ok: true; value: T } | { ok: false; reason: string } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  return { ok: false, reason: `${path}: ${issue?.message ?? 'invalid'}` };
}
