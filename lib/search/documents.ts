/**
 * What the history index holds: one small document per customer, message and note, built
 * from the stored records. Only the searchable text and the fields a result needs are kept
 * (the text itself stays in Dexie; snippets are made from it at display time).
 */
import type { Customer, Message, Note } from '../db/records';

export type HistoryKind = 'customer' | 'message' | 'note';

export type HistoryDoc = {
  kind: HistoryKind;
  /** Id of the stored record (customer, message or note). */
  id: string;
  brandId: string;
  customerId: string;
  conversationId?: string;
  /** Customer display name, or message author. */
  name: string;
  /** Customer handles and identity display names. */
  handles: string;
  tags: string;
  /** Message text or note body. */
  body: string;
  /** Epoch ms: message sentAt, note updatedAt, customer lastSeenAt. */
  time: number;
};

export function customerDoc(c: Customer): HistoryDoc {
  const handles = c.identities.flatMap((i) => [i.handle, i.displayName]).filter(Boolean);
  return {
    kind: 'customer',
    id: c.id,
    brandId: c.brandId,
    customerId: c.id,
    name: c.displayName,
    handles: handles.join(' '),
    tags: c.tags.join(' '),
    body: '',
    time: c.lastSeenAt,
  };
}

export function messageDoc(m: Message): HistoryDoc {
  return {
    kind: 'message',
    id: m.id,
    brandId: m.brandId,
    customerId: m.customerId,
    conversationId: m.conversationId,
    name: m.author,
    handles: '',
    tags: '',
    body: m.text,
    time: m.sentAt,
  };
}

export function noteDoc(n: Note): HistoryDoc {
  return {
    kind: 'note',
    id: n.id,
    brandId: n.brandId,
    customerId: n.customerId,
    name: '',
    handles: '',
    tags: '',
    body: n.body,
    time: n.updatedAt,
  };
}

/** Text a snippet is cut from, per kind (same fields the index saw). */
export function snippetSource(doc: Pick<HistoryDoc, 'kind' | 'name' | 'handles' | 'tags' | 'body'>) {
  if (doc.kind === 'customer') return [doc.name, doc.handles, doc.tags].filter(Boolean).join(' · ');
  if (doc.kind === 'message') return doc.body || doc.name;
  return doc.body;
}
