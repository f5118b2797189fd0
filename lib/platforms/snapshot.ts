/**
 * The one shape every platform adapter produces from a page, and the one the background
 * accepts over runtime messaging. Zod defines both the runtime check and the type.
 *
 * A snapshot is *what is visible now*; the background accumulates snapshots into stored
 * conversations (de-duplicated by message id), so an adapter never needs to remember rows
 * that a virtualised list has recycled — the content script's accumulator does that.
 */
// zod/mini: the same schemas with a tree-shakeable API, so the content-script bundle (which
// checks every snapshot it produces) stays small. Classic zod schemas elsewhere compose them.
import { z } from 'zod/mini';

/** At most this many former ids per message (Messenger's earlier schemes give up to 4). */
export const MAX_FORMER_IDS = 5;

/** Platform of an identity. messenger.com and Business Suite belong to Facebook's identity space. */
export const PlatformSchema = z.enum(['x', 'facebook']);
export type Platform = z.infer<typeof PlatformSchema>;

/** Which surface a conversation lives on. */
export const ConversationKindSchema = z.enum([
  'x-thread', // a tweet with its replies (/handle/status/id)
  'x-compose', // compose modal (/compose/post)
  'x-dm', // legacy DMs (/messages/…)
  'x-chat', // new chat (/i/chat/…)
  'fb-post', // Page post with comments
  'fb-messenger', // Messenger on facebook.com or messenger.com
  'fb-business', // Meta Business Suite inbox
]);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

/** Public surfaces: a reply there is visible to everyone (personal data belongs in a DM). */
export const PUBLIC_KINDS: ReadonlySet<ConversationKind> = new Set<ConversationKind>(['x-thread', 'x-compose', 'fb-post']);

/**
 * Kinds whose message ids are the platform's own and belong to one conversation only (X chat's
 * uuids). A tweet shows in several threads; Messenger and legacy DM ids are derived per thread.
 */
export const CONVERSATION_OWN_IDS: ReadonlySet<ConversationKind> = new Set<ConversationKind>(['x-chat']);

/**
 * Kinds whose message ids are derived from the conversation's URL (so the same row read under
 * another URL gets another id) and whose pages show no sure marker of the conversation on screen
 * (legacy X DMs: the adapter rejects a pane that names a person outside the URL's pair, when the
 * pane shows one): the accumulator recognises the conversation just left by its messages'
 * content — direction, time and text, what the derived id is made of (x/dm-ids.ts) — and by the
 * customer it was recorded with (one per 1:1 DM), for a few seconds after leaving it.
 */
export const CONVERSATION_CONTENT_IDENTITY: ReadonlySet<ConversationKind> = new Set<ConversationKind>(['x-dm']);

/** Page-level state of the conversation: e.g. an encrypted chat still behind its passcode. */
export const ConversationStateSchema = z.enum(['ok', 'locked', 'empty', 'read-only']);
export type ConversationState = z.infer<typeof ConversationStateSchema>;

const shortText = z.string().check(z.maxLength(500));

export const PersonSchema = z.object({
  /** X handle without "@", or Facebook vanity name. */
  handle: z.optional(shortText),
  displayName: z.optional(shortText),
  profileUrl: z.optional(z.string().check(z.maxLength(2000))),
  /** Numeric id where the page exposes it (X DM ids, follow buttons; facebook profile.php?id=). */
  userId: z.optional(z.string().check(z.regex(/^\d{1,30}$/))),
});
export type Person = z.infer<typeof PersonSchema>;

export const DirectionSchema = z.enum(['in', 'out', 'unknown']);
export type Direction = z.infer<typeof DirectionSchema>;

export const SnapshotMessageSchema = z.object({
  /** Native id (tweet id, comment id, chat uuid) or a stable derived id where the DOM has none. */
  id: z.string().check(z.minLength(1), z.maxLength(300)),
  author: PersonSchema,
  /** Text rebuilt from the DOM: emoji from img[alt], links expanded where visible. Never HTML. */
  text: z.string().check(z.maxLength(200_000)),
  /** ISO 8601, or null when the page shows no usable time. */
  sentAt: z.nullable(z.iso.datetime({ offset: true })),
  direction: DirectionSchema,
  permalink: z.optional(z.string().check(z.maxLength(2000))),
  /** X chat delivery state (pending, sent, delivered, read, failed). */
  deliveryState: z.optional(z.string().check(z.maxLength(40))),
  /** The focused tweet of a status page, or the post itself under its comments. */
  focused: z.optional(z.boolean()),
  /** Id of the message this one replies to, where the page shows it. */
  inReplyTo: z.optional(z.string().check(z.maxLength(300))),
  /**
   * Ids the same message had under an earlier id scheme (derived Messenger ids): a message
   * stored under one of them is kept under it, not stored a second time.
   */
  formerIds: z.optional(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(MAX_FORMER_IDS))),
});
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;

export const AgentSchema = z.object({
  platform: PlatformSchema,
  /** X handle of the logged-in account, or the Facebook Page / profile acting. */
  handle: z.optional(shortText),
  /** Facebook Page id (Business Suite asset_id) where known. */
  pageId: z.optional(z.string().check(z.maxLength(60))),
  displayName: z.optional(shortText),
});
export type Agent = z.infer<typeof AgentSchema>;

/** The account part of an agent, as an insert names the account its reply was written for. */
export const AccountSchema = z.object({
  platform: PlatformSchema,
  handle: z.optional(shortText),
  pageId: z.optional(z.string().check(z.maxLength(60))),
});
export type Account = z.infer<typeof AccountSchema>;

/** Just the account of an agent (no display name). */
export const accountOf = (agent: Agent): Account => ({
  platform: agent.platform,
  ...(agent.handle ? { handle: agent.handle } : {}),
  ...(agent.pageId ? { pageId: agent.pageId } : {}),
});

/**
 * Whether two readings of the logged-in account are known to be different accounts: another
 * platform, another Page id, or another handle. An account read with too little to compare
 * (a Page id on one side, a handle on the other) is not called different.
 */
export function otherAccount(a: Account, b: Account): boolean {
  if (a.platform !== b.platform) return true;
  if (a.pageId && b.pageId) return a.pageId !== b.pageId;
  const handle = (h?: string) => h?.replace(/^@/, '').toLowerCase();
  return !!a.handle && !!b.handle && handle(a.handle) !== handle(b.handle);
}

export const ConversationSnapshotSchema = z.object({
  platform: PlatformSchema,
  kind: ConversationKindSchema,
  /** Native conversation id: root tweet id, DM conversation id, post id, thread id. */
  conversationId: z.string().check(z.minLength(1), z.maxLength(300)),
  url: z.string().check(z.maxLength(4000)),
  state: ConversationStateSchema,
  agent: z.nullable(AgentSchema),
  customer: z.nullable(PersonSchema),
  messages: z.array(SnapshotMessageSchema).check(z.maxLength(5000)),
});
export type ConversationSnapshot = z.infer<typeof ConversationSnapshotSchema>;

/**
 * Why a page is not recognised, as a code the panel says in the interface language; the reason
 * beside it is the technical detail (English, for tests, logs and bug reports).
 */
export const NOT_RECOGNISED_CODES = ['not-platform', 'unsupported', 'logged-out', 'no-conversation', 'not-rendered', 'failed'] as const;
export type NotRecognisedCode = (typeof NOT_RECOGNISED_CODES)[number];
/** `agent`: on a page that is no conversation (a home timeline, an inbox), the account logged in, when shown. */
export type NotRecognised = { ok: false; code: NotRecognisedCode; reason: string; agent?: Agent };

/** What an extractor returns: a snapshot, or why the page was not recognised. Never throws. */
export type ExtractResult = { ok: true; snapshot: ConversationSnapshot } | NotRecognised;

export const notRecognised = (code: NotRecognisedCode, reason: string): NotRecognised => ({ ok: false, code, reason });
