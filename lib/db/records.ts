/**
 * Stored record shapes. Zod defines them once: the type used everywhere, the check applied to
 * anything read from outside (backup files, storage reads). Fields are only ever added, never
 * renamed in place (see lib/db/schema.ts for the version history).
 */
import { z } from 'zod';
import { ConversationKindSchema, DirectionSchema, PlatformSchema } from '../platforms/snapshot';

const id = z.string().min(1).max(400);
/** Epoch milliseconds. */
const time = z.number().int().min(0).max(8.64e15);
const tag = z.string().min(1).max(80);

export const BrandAccountSchema = z.object({
  platform: PlatformSchema,
  /** X handle (without @, compared case-insensitively) or Facebook Page vanity name. */
  handle: z.string().max(200).optional(),
  /** Facebook Page id (Business Suite asset_id). */
  pageId: z.string().max(60).optional(),
});
export type BrandAccount = z.infer<typeof BrandAccountSchema>;

export const ToneSchema = z.object({
  formality: z.enum(['casual', 'neutral', 'formal']).default('neutral'),
  /** Use the customer's first name in greetings. */
  useFirstName: z.boolean().default(true),
  /** Words the brand never uses in replies. */
  avoidWords: z.array(z.string().max(80)).max(200).default([]),
});
export type Tone = z.infer<typeof ToneSchema>;

export const BrandSchema = z.object({
  id,
  name: z.string().min(1).max(120),
  /** Short prefix for case references, e.g. "ACME" → ACME-0042. */
  referencePrefix: z.string().regex(/^[A-Z0-9]{1,8}$/),
  accounts: z.array(BrandAccountSchema).max(50),
  signature: z.string().max(200).default(''),
  tone: ToneSchema,
  /** Keep history this many months; null keeps it forever. */
  retentionMonths: z.number().int().min(1).max(600).nullable().default(null),
  createdAt: time,
  /** Last save of the brand's settings: what a restore's "keep the newer one" compares. Absent on rows saved before it existed. */
  updatedAt: time.optional(),
});
export type Brand = z.infer<typeof BrandSchema>;

export const IdentitySchema = z.object({
  platform: PlatformSchema,
  handle: z.string().max(200).optional(),
  userId: z.string().max(40).optional(),
  displayName: z.string().max(500).optional(),
  profileUrl: z.string().max(2000).optional(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const CustomerSchema = z.object({
  id,
  brandId: id,
  displayName: z.string().max(500),
  identities: z.array(IdentitySchema).max(50),
  /** Derived lookup keys "<platform>:<handle lower>" and "<platform>#<userId>" (multiEntry index). */
  identityKeys: z.array(z.string().max(300)).max(200),
  tags: z.array(tag).max(100),
  firstSeenAt: time,
  lastSeenAt: time,
  /** The same person's customer records on other platforms, linked by the agent (never automatically). */
  linkedCustomerIds: z.array(id).max(50).default([]),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const ConversationSchema = z.object({
  id,
  brandId: id,
  customerId: id,
  platform: PlatformSchema,
  kind: ConversationKindSchema,
  /** Native id on the platform. */
  nativeId: z.string().max(300),
  url: z.string().max(4000),
  lastMessageAt: time,
  /**
   * Kept for another customer when the one it was filed under was erased (retention.ts): the
   * next reading that names its customer files it under them again (capture.ts).
   */
  inherited: z.literal(true).optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const MessageSchema = z.object({
  id,
  conversationId: id,
  customerId: id,
  brandId: id,
  platform: PlatformSchema,
  nativeId: z.string().max(300),
  direction: DirectionSchema,
  author: z.string().max(500),
  text: z.string().max(200_000),
  sentAt: time,
  permalink: z.string().max(2000).optional(),
  capturedAt: time,
});
export type Message = z.infer<typeof MessageSchema>;

export const CaseStatusSchema = z.enum(['open', 'waiting-customer', 'waiting-us', 'resolved']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;
export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

export const CaseSchema = z.object({
  id,
  brandId: id,
  customerId: id,
  reference: z.string().max(40),
  title: z.string().max(300).default(''),
  status: CaseStatusSchema,
  priority: PrioritySchema,
  tags: z.array(tag).max(100),
  openedAt: time,
  updatedAt: time,
  resolvedAt: time.nullable(),
  conversationIds: z.array(id).max(1000),
  /** Optimistic-concurrency counter: a write carrying an older revision is refused. */
  revision: z.number().int().min(0),
});
export type Case = z.infer<typeof CaseSchema>;

export const NoteSchema = z.object({
  id,
  brandId: id,
  /** A note belongs to a case or, when caseId is null, to the customer. */
  caseId: id.nullable(),
  customerId: id,
  body: z.string().max(100_000),
  createdAt: time,
  updatedAt: time,
  /**
   * Who wrote it: the agent's name on the browser it was written on (lib/panel/agent-profile.ts).
   * Absent on notes written before there were names, or by an agent who set none.
   */
  author: z.string().max(120).optional(),
  /** Who last edited it, when that was someone with a name (the author stays the author). */
  editedBy: z.string().max(120).optional(),
});
export type Note = z.infer<typeof NoteSchema>;

export const FollowUpSchema = z.object({
  id,
  brandId: id,
  caseId: id.nullable(),
  customerId: id,
  /** Conversation to open when the reminder is clicked. */
  conversationId: id.nullable(),
  dueAt: time,
  reason: z.string().max(2000),
  source: z.enum(['manual', 'promise']),
  doneAt: time.nullable(),
  notifiedAt: time.nullable(),
  createdAt: time,
  /**
   * Last change of any kind (created, done, snoozed/reopened, reminder shown, edited): what a
   * restore's "keep the newer one" compares. Absent on rows written before it existed.
   */
  updatedAt: time.optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const TemplateSchema = z.object({
  id,
  brandId: id,
  title: z.string().min(1).max(300),
  body: z.string().max(20_000),
  tags: z.array(tag).max(100),
  language: z.string().max(20).default('en'),
  useCount: z.number().int().min(0),
  createdAt: time,
  updatedAt: time,
});
export type Template = z.infer<typeof TemplateSchema>;

export const KbArticleSchema = z.object({
  id,
  brandId: id,
  url: z.string().max(4000),
  title: z.string().max(1000),
  excerpt: z.string().max(5000),
  text: z.string().max(2_000_000),
  /** DOMPurify-sanitised HTML; rendered only through the sanitiser again. */
  html: z.string().max(5_000_000),
  capturedAt: time,
  /** When set, the page is attached to this customer's history instead of the knowledge base. */
  customerId: id.nullable().default(null),
});
export type KbArticle = z.infer<typeof KbArticleSchema>;

/** Small key/value rows: reference counters, settings. */
export const MetaSchema = z.object({ key: z.string().max(200), value: z.unknown() });
export type Meta = z.infer<typeof MetaSchema>;
