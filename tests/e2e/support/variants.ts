/**
 * Modified copies of fixture pages for end-to-end tests: the same saved markup with one more
 * tweet in the thread (a new reply arriving), or another logged-in account. String surgery on the saved HTML, so the extractor under test reads it exactly as
 * it reads the original.
 */
import type { FixturePage } from './pages';

const CELL = /<div[^>]*data-testid="cellInnerDiv"/g;

/** [start, end) of each timeline cell of an X page. */
function cells(html: string): [number, number][] {
  const starts = [...html.matchAll(CELL)].map((m) => m.index);
  return starts.map((s, i) => [s, starts[i + 1] ?? html.length]);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');

/** The cell holding the tweet with this status id (its own permalink), first match. */
function cellOf(html: string, statusId: string): string {
  const found = cells(html).find(([s, e]) => html.slice(s, e).includes(`/status/${statusId}"`));
  if (!found) throw new Error(`no cell with status ${statusId}`);
  // The last cell runs to the end of the page: cut it at its article's end.
  const seg = html.slice(found[0], found[1]);
  const end = seg.indexOf('</article>');
  return end >= 0 ? seg.slice(0, seg.indexOf('</div></div></div>', end) + '</div></div></div>'.length) : seg;
}

export interface NewTweet {
  /** A tweet of the same author to copy the markup from (a non-focused one). */
  likeStatusId: string;
  statusId: string;
  /** ISO time for the <time datetime>. */
  sentAt: string;
  text: string;
}

/** The markup of one more timeline cell: a copy of `likeStatusId`'s with a new id, time and text. */
export function tweetCell(page: FixturePage, tweet: NewTweet): string {
  const template = cellOf(page.html, tweet.likeStatusId);
  const textStart = template.indexOf('data-testid="tweetText"');
  const open = template.indexOf('>', textStart) + 1;
  const close = template.indexOf('</div>', open);
  const cell =
    template.slice(0, open) + `<span class="css-1jxf684 r-bcqeeo r-1ttztb7 r-qvutc0 r-poiln3">${escapeHtml(tweet.text)}</span>` + template.slice(close);
  return cell.replaceAll(tweet.likeStatusId, tweet.statusId).replace(/<time datetime="[^"]+">/, `<time datetime="${tweet.sentAt}">`);
}

/** The page with one more tweet (see tweetCell) right after the cell of `afterStatusId`. */
export function withExtraTweet(page: FixturePage, tweet: NewTweet, afterStatusId: string): FixturePage {
  const cell = tweetCell(page, tweet);
  const after = cellOf(page.html, afterStatusId);
  const at = page.html.indexOf(after) + after.length;
  return { ...page, name: `${page.name}+${tweet.statusId}`, html: page.html.slice(0, at) + cell + page.html.slice(at) };
}

/** The X page as seen logged in as another account (the nav's profile tab). */
export function loggedInAs(page: FixturePage, handle: string): FixturePage {
  const re = /<a href="\/[A-Za-z0-9_]+"([^>]*data-testid="AppTabBar_Profile_Link")/;
  if (!re.test(page.html)) throw new Error(`no profile tab in ${page.name}`);
  return { ...page, name: `${page.name}@${handle}`, html: page.html.replace(re, `<a href="/${handle}"$1`) };
}
