/**
 * Background → content script commands. Written with zod/mini because the content script
 * parses them (every receiver validates) and its bundle has a 30 KB gzip budget; protocol.ts
 * re-exports them for the background.
 */
import { z } from 'zod/mini';
import { AccountSchema } from '../platforms/snapshot';

export const InsertModeSchema = z.enum(['caret', 'replace']);
export type InsertMode = z.infer<typeof InsertModeSchema>;

const replyText = z.string().check(z.minLength(1), z.maxLength(20_000));

export const TabCommandSchema = z.discriminatedUnion('type', [
  /**
   * `conversationId`: the conversation the panel shows (its platform id); `account`: the account
   * the panel read it under. The page refuses when it shows another conversation or is logged in
   * as another account.
   */
  z.object({
    type: z.literal('tab/insert'),
    text: replyText,
    mode: InsertModeSchema,
    conversationId: z.optional(z.string().check(z.maxLength(400))),
    account: z.optional(AccountSchema),
  }),
  z.object({ type: z.literal('tab/toggle-panel') }),
  z.object({ type: z.literal('tab/set-panel'), open: z.boolean() }),
  z.object({ type: z.literal('tab/rescan') }),
]);
export type TabCommand = z.infer<typeof TabCommandSchema>;

export function parseTabCommand(raw: unknown): TabCommand | null {
  const r = TabCommandSchema.safeParse(raw);
  return r.success ? r.data : null;
}
