/**
 * Messenger rows have no message id in the DOM, and the list is virtualised: rows are recycled
 * and the window moves as the agent scrolls. So the id is derived from what the message *is* —
 * thread, author, text — plus the occurrence index of that (author, text) pair among the rows
 * read, never the absolute row position (which shifts whenever rows load above).
 *
 * Known limit: if an earlier identical (author, text) message scrolls out of view, the later one
 * takes its index. Distinct messages are unaffected; repeated one-word replies ("ok") can merge.
 */
import { cyrb53 } from '../../hash';

/**
 * Hands out stable ids for the rows of one read of one thread, in reading order. `formerKeys`
 * are other author keys the same row was known by under an earlier scheme: their ids (same
 * occurrence index, since every row of that author had that key) come back as `formerIds`.
 */
export const createMessageIdDeriver = (threadId: string) => {
  const seen = new Map<string, number>();
  const idOf = (authorKey: string, text: string, occurrence: number) => `${threadId}:${cyrb53(`${authorKey}\u0001${text}`)}:${occurrence}`;
  return (authorKey: string, text: string, formerKeys: readonly string[] = []): { id: string; formerIds: string[] } => {
    const key = `${authorKey}\u0001${text}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const id = idOf(authorKey, text, occurrence);
    const formerIds = [...new Set(formerKeys.filter((k) => k !== authorKey).map((k) => idOf(k, text, occurrence)))];
    return { id, formerIds };
  };
};
