/**
 * Status page `/<handle>/status/<id>`: the focused tweet, the thread above it and the replies
 * below, as far as they are rendered (the list is virtualised; the background accumulates).
 *
 * conversationId = the tweet id in the URL (the focused tweet). The thread's root is often
 * scrolled off or not loaded, so "first tweet shown" would change while the agent scrolls;
 * the URL id is stable for the page, and messages are merged by tweet id anyway.
 */
import type { ExtractOptions } from '../adapter';
import type { Agent, ExtractResult, NotRecognised } from '../snapshot';
import { notRecognised } from '../snapshot';
import { readXAgent } from './agent';
import { tweetIdFromUrl } from './routes';
import { queryAllX, queryX, X } from './selectors';
import { conversationArticles, conversationScope, parseTweetArticle, type ParsedTweet } from './tweet-article';
import { answeredTweets, customerOf, tweetToMessage, uniqueById } from './tweet-messages';

export function extractThread(doc: Document, url: URL, _options: ExtractOptions = {}): ExtractResult {
  const conversationId = tweetIdFromUrl(url);
  if (!conversationId) return notRecognised('no-conversation', 'not a tweet URL (/<handle>/status/<id>)');
  const agent = readXAgent(doc);
  const scope = conversationScope(doc);
  const articles = cutAtSectionBreak(scope, conversationArticles(scope));
  const tweets = uniqueById(articles.map(parseTweetArticle).filter((t): t is ParsedTweet => t !== null));
  if (tweets.length === 0) return noTweet(doc, agent);
  const focused = tweets.find((t) => t.focused)?.id;
  // After an in-app navigation the URL changes before the column does: a focused tweet that is
  // not the URL's is the previous conversation still on screen, never to be filed under this one.
  if (focused && focused !== conversationId) {
    return notRecognised('not-rendered', `the page still shows another tweet (${focused}) than the URL's (${conversationId})`);
  }
  const focusedId = focused ?? tweets.find((t) => t.id === conversationId)?.id ?? null;
  // The agent's reply to someone else in the thread goes to that person's history, not the thread's customer.
  const answered = answeredTweets(tweets, agent);
  return {
    ok: true,
    snapshot: {
      platform: 'x',
      kind: 'x-thread',
      conversationId,
      url: url.href,
      state: 'ok',
      agent,
      customer: customerOf(tweets, focusedId, agent),
      messages: tweets.map((t) => tweetToMessage(t, agent, focusedId, answered.get(t.id))),
    },
  };
}

function noTweet(doc: Document, agent: Agent | null): NotRecognised {
  if (queryX(doc, X.loginPrompt) || !agent) return notRecognised('logged-out', 'no tweet rendered: logged out (login prompt shown, no account in the nav)');
  return notRecognised('not-rendered', 'no tweet rendered yet (page still loading, or the tweet was deleted)');
}

/**
 * Below the replies X appends unrelated sections ("Discover more", "Who to follow") that start
 * with a heading cell without a tweet. Tweets after such a cell (past the focused tweet) are
 * not part of the conversation. Headings are matched by role, never by their translated text.
 */
function cutAtSectionBreak(scope: ParentNode, articles: Element[]): Element[] {
  const cells = queryAllX(scope, X.cell);
  const focusedCell = cells.findIndex((cell) => cell.querySelector('article[tabindex="-1"]'));
  if (focusedCell < 0) return articles;
  const breakAt = cells.findIndex(
    (cell, i) => i > focusedCell && !cell.querySelector('article') && cell.querySelector('h2, [role="heading"]'),
  );
  if (breakAt < 0) return articles;
  const firstDropped = cells[breakAt]!;
  // DOCUMENT_POSITION_FOLLOWING (4): the article comes after the section heading.
  return articles.filter((article) => !(firstDropped.compareDocumentPosition(article) & 4));
}
