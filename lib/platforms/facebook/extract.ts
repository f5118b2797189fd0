/**
 * Entry point of the Facebook extractors: dispatch by URL, validate with the snapshot schema,
 * and turn every failure (including an exception) into "not recognised: reason". Never throws.
 */
import type { ExtractOptions } from '../adapter';
import { ConversationSnapshotSchema, notRecognised, type ExtractResult } from '../snapshot';
import { extractBusiness } from './extract-business';
import { extractMessenger } from './extract-messenger';
import { extractPost } from './extract-post';
import { fbConversationKindOf, isFbFamilyHost } from './routes';

/**
 * m.facebook.com (mobile site) serves different, server-rendered markup (`data-sigil="comment"`,
 * no roles). The product targets the desktop site, so it is refused with a clear reason.
 */
const looksMobile = (doc: Document): boolean =>
  doc.querySelector('[data-sigil="comment"], [data-sigil="m-story-view"], [data-sigil="m-ufi"]') !== null &&
  doc.querySelector('[role="article"]') === null;

export const extractFacebook = (doc: Document, url: URL, options: ExtractOptions = {}): ExtractResult => {
  try {
    if (url.hostname === 'm.facebook.com' || url.hostname === 'mbasic.facebook.com') {
      return notRecognised('unsupported', `mobile site (${url.hostname}) is not supported: open the post on www.facebook.com`);
    }
    if (!isFbFamilyHost(url)) return notRecognised('not-platform', `not a Facebook page: ${url.hostname}`);
    const kind = fbConversationKindOf(url);
    if (!kind) return notRecognised('no-conversation', 'not a conversation page (feed, profile or inbox without an open conversation)');
    if (looksMobile(doc)) return notRecognised('unsupported', 'mobile (m.facebook.com) markup: only the desktop site is supported');
    const result =
      kind === 'fb-post' ? extractPost(doc, url, options)
      : kind === 'fb-messenger' ? extractMessenger(doc, url, options)
      : extractBusiness(doc, url, options);
    if ('code' in result) return { ...result, reason: `${kind}: ${result.reason}` };
    const parsed = ConversationSnapshotSchema.safeParse(result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return notRecognised('failed', `${kind}: snapshot invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
    }
    return { ok: true, snapshot: parsed.data };
  } catch (error) {
    return notRecognised('failed', `facebook extractor failed: ${error instanceof Error ? error.message : String(error)}`);
  }
};
