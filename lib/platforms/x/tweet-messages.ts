/**
 * Parsed tweets → snapshot messages and the customer, shared by the status-page and the
 * compose-modal extractors.
 */
import type { Agent, Person, SnapshotMessage } from '../snapshot';
import { profileUrlOf, sameHandle } from './dom';
import type { ParsedTweet } from './tweet-article';

export function personOf(handle: string | null | undefined, displayName?: string | null): Person {
  const person: Person = {};
  if (handle) {
    person.handle = handle;
    person.profileUrl = profileUrlOf(handle);
  }
  if (displayName) person.displayName = displayName;
  return person;
}

/** Outgoing when the author is the logged-in account (case-insensitive); unknown when logged out. */
export function directionOf(handle: string | null, agent: Agent | null): SnapshotMessage['direction'] {
  if (!agent?.handle || !handle) return 'unknown';
  return sameHandle(handle, agent.handle) ? 'out' : 'in';
}

/**
 * The tweet each of the agent's replies answers, where the page says. Its "Replying to" line
 * names the author of the tweet answered first, then the others in that conversation: the
 * nearest tweet above the reply by the first person named (never the agent), else by the next.
 * X shows a reply below what it answers, so a named person with no tweet above it gives no
 * answer, and the reply stays with the thread's customer. Keyed by the reply's id.
 */
export function answeredTweets(tweets: ParsedTweet[], agent: Agent | null): Map<string, string> {
  const out = new Map<string, string>();
  tweets.forEach((tweet, i) => {
    if (directionOf(tweet.handle, agent) !== 'out') return;
    for (const handle of tweet.replyingTo) {
      if (sameHandle(handle, agent?.handle)) continue;
      for (let j = i - 1; j >= 0; j--) {
        const above = tweets[j]!;
        if (directionOf(above.handle, agent) === 'in' && sameHandle(handle, above.handle)) {
          out.set(tweet.id, above.id);
          return;
        }
      }
    }
  });
  return out;
}

export function tweetToMessage(tweet: ParsedTweet, agent: Agent | null, focusedId: string | null, inReplyTo?: string): SnapshotMessage {
  const message: SnapshotMessage = {
    id: tweet.id,
    author: personOf(tweet.handle, tweet.displayName),
    text: tweet.text,
    sentAt: tweet.sentAt,
    direction: directionOf(tweet.handle, agent),
  };
  if (tweet.handle) message.permalink = `https://x.com/${tweet.handle}/status/${tweet.id}`;
  if (focusedId === tweet.id) message.focused = true;
  if (inReplyTo) message.inReplyTo = inReplyTo;
  return message;
}

/** The focused tweet's author, unless that is the agent: then the first other author shown. */
export function customerOf(tweets: ParsedTweet[], focusedId: string | null, agent: Agent | null): Person | null {
  const isAgent = (t: ParsedTweet) => sameHandle(t.handle, agent?.handle);
  const focused = tweets.find((t) => t.id === focusedId && t.handle && !isAgent(t));
  const pick = focused ?? tweets.find((t) => t.handle && !isAgent(t));
  return pick ? personOf(pick.handle, pick.displayName) : null;
}

/** Keep the first of each tweet id (X can render the same tweet twice while re-rendering). */
export function uniqueById(tweets: ParsedTweet[]): ParsedTweet[] {
  const seen = new Set<string>();
  return tweets.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}
