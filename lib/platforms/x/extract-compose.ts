/**
 * Compose modal `/compose/post`: a conversation only when it is a reply. X shows the tweet
 * being answered above the editor and a "Replying to @handle" line (the words are translated;
 * we read the @handle link, not the words). A fresh post has no conversation.
 *
 * conversationId = id of the tweet being answered (the same id its status page would use).
 */
import type { ExtractOptions } from '../adapter';
import type { ExtractResult } from '../snapshot';
import { notRecognised } from '../snapshot';
import { readXAgent } from './agent';
import { mentionHandles, sameHandle } from './dom';
import { queryAllX, X } from './selectors';
import { conversationArticles, parseTweetArticle, type ParsedTweet } from './tweet-article';
import { customerOf, personOf, tweetToMessage, uniqueById } from './tweet-messages';

export function extractCompose(doc: Document, url: URL, _options: ExtractOptions = {}): ExtractResult {
  const dialog = queryAllX(doc, X.dialog).find((d) => queryAllX(d, X.draftComposer).length > 0 || queryAllX(d, X.mobileComposer).length > 0);
  if (!dialog) return notRecognised('not-rendered', 'compose modal not open (no dialog with a composer)');
  const agent = readXAgent(doc);
  const tweets = uniqueById(tweetBlocks(dialog).map(parseTweetArticle).filter((t): t is ParsedTweet => t !== null));
  const replyingTo = replyingToHandles(dialog);
  const answered = tweets.at(-1);
  if (!answered) {
    return replyingTo.length > 0
      ? notRecognised('not-rendered', `compose modal replying to @${replyingTo[0]}, but the tweet it answers is not shown`)
      : notRecognised('no-conversation', 'compose modal without a conversation (a new post, not a reply)');
  }
  const customerHandle = replyingTo.find((h) => !sameHandle(h, agent?.handle));
  const customer = customerOf([answered], answered.id, agent) ?? customerOf(tweets, answered.id, agent) ?? (customerHandle ? personOf(customerHandle) : null);
  return {
    ok: true,
    snapshot: {
      platform: 'x',
      kind: 'x-compose',
      conversationId: answered.id,
      url: url.href,
      state: 'ok',
      agent,
      customer,
      messages: tweets.map((t) => tweetToMessage(t, agent, answered.id)),
    },
  };
}

/** "@handle" profile links of the dialog outside tweets and the editor ("Replying to @a @b"). */
function replyingToHandles(dialog: Element): string[] {
  return mentionHandles(Array.from(dialog.querySelectorAll('a[href]')).filter((a) => !a.closest('article') && !a.closest('[contenteditable="true"]')));
}

/** The answered tweet is an article in the modal; if X renders it as a plain block instead,
 *  use the smallest ancestor of its User-Name that also holds a status permalink with a time. */
function tweetBlocks(dialog: Element): Element[] {
  const articles = conversationArticles(dialog);
  if (articles.length > 0) return articles;
  return queryAllX(dialog, X.userName)
    .filter((name) => !name.closest('[contenteditable="true"]'))
    .map((name) => {
      let node: Element | null = name.parentElement;
      while (node && node !== dialog && !node.querySelector('a[href*="/status/"] time[datetime]')) node = node.parentElement;
      return node && node !== dialog ? node : null;
    })
    .filter((el): el is Element => el !== null);
}
