/**
 * X page → snapshot: picks the extractor for the route, validates the result with the zod
 * schema, and turns any exception into "not recognised" — this function never throws.
 */
import type { ExtractOptions } from '../adapter';
import { ConversationSnapshotSchema, notRecognised, type ExtractResult } from '../snapshot';
import { extractChat } from './extract-chat';
import { extractCompose } from './extract-compose';
import { extractDm } from './extract-dm';
import { extractThread } from './extract-thread';
import {
  isChatInbox, isChatRequests, isChatThread, isComposeModal, isDmInbox, isDmThread, isProfile, isTweetThread, isXHost,
  dmConversationIdFromUrl,
} from './routes';

export function extractX(doc: Document, url: URL, options: ExtractOptions = {}): ExtractResult {
  try {
    return validated(route(doc, url, options));
  } catch (error) {
    return notRecognised('failed', `X extractor failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function route(doc: Document, url: URL, options: ExtractOptions): ExtractResult {
  if (!isXHost(url)) return notRecognised('not-platform', `not an X page (${url.hostname})`);
  if (isTweetThread(url)) return extractThread(doc, url, options);
  if (isComposeModal(url)) return extractCompose(doc, url, options);
  if (isDmThread(url)) return extractDm(doc, url, options);
  if (isChatThread(url) || (isChatRequests(url) && dmConversationIdFromUrl(url))) return extractChat(doc, url, options);
  if (isDmInbox(url) || isChatInbox(url) || isChatRequests(url)) return notRecognised('no-conversation', 'DM inbox: no conversation open');
  if (isProfile(url)) return notRecognised('no-conversation', 'profile page: not a conversation');
  return notRecognised('no-conversation', 'not a conversation page');
}

/** Every snapshot passes the schema before it leaves; a failure names the field. */
function validated(result: ExtractResult): ExtractResult {
  if (!result.ok) return result;
  const parsed = ConversationSnapshotSchema.safeParse(result.snapshot);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const issue = parsed.error.issues[0];
  return notRecognised('failed', `snapshot failed validation at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
}
