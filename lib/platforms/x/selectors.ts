/**
 * Every X selector in one place. Each entry lists CSS alternatives, most trusted first
 * (data-testid, role, aria-*, href, datetime — never generated classes; aria-label text is
 * translated, so it is at most a hint). The first alternative that matches anything wins, so
 * a fallback only takes over when X renames the primary hook.
 *
 * `fixtures` pairs each selector with the fixture cases (tests/fixtures/x/<case>) where it
 * must match and how many times (0 = must be absent there); tests/unit/x-selectors.test.ts
 * checks those counts, so a change in X's markup or in a fixture shows up by name.
 */

export interface XSelector {
  readonly css: readonly string[];
  readonly fixtures: Readonly<Record<string, number>>;
  /** When the element may legitimately be absent, or why a fallback exists. */
  readonly note?: string;
}

const sel = (css: readonly string[], fixtures: Record<string, number>, note?: string): XSelector => ({ css, fixtures, note });

export const X = {
  // ── page frame ──────────────────────────────────────────────────────────────
  primaryColumn: sel(['[data-testid="primaryColumn"]', 'main[role="main"]'], { 'chat-empty': 1, 'chat-locked': 1, 'chat-thread': 1, 'compose-reply': 1, 'dm-inbox': 1, 'dm-thread': 1, 'logged-out-status': 1, 'long-thread-a': 1, 'long-thread-b': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }),
  sidebarColumn: sel(['[data-testid="sidebarColumn"]'], { 'dm-thread': 0, 'long-thread-a': 1, 'long-thread-b': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }, 'absent on narrow layouts and DM pages'),
  profileTab: sel(['a[data-testid="AppTabBar_Profile_Link"]'], { 'chat-empty': 1, 'chat-locked': 1, 'chat-thread': 1, 'compose-reply': 1, 'dm-inbox': 1, 'dm-thread': 1, 'logged-out-status': 0, 'long-thread-a': 1, 'long-thread-b': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }, 'absent when logged out'),
  accountSwitcher: sel(['[data-testid="SideNav_AccountSwitcher_Button"]'], { 'chat-empty': 1, 'chat-locked': 1, 'chat-thread': 1, 'compose-reply': 1, 'dm-inbox': 1, 'dm-thread': 1, 'logged-out-status': 0, 'long-thread-a': 1, 'long-thread-b': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }, 'absent when logged out or on mobile'),
  loginPrompt: sel(['[data-testid="BottomBar"]', 'a[data-testid="loginButton"]', 'a[href="/login"]', 'a[href="/i/flow/login"]'], { 'logged-out-status': 1, 'thread-complaint': 0 }, 'only when logged out'),
  mainRoot: sel(['main[role="main"]'], { 'chat-empty': 1, 'chat-locked': 1, 'chat-thread': 1, 'compose-reply': 1, 'dm-inbox': 1, 'dm-thread': 1, 'logged-out-status': 1, 'long-thread-a': 1, 'long-thread-b': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }),

  // ── tweets ──────────────────────────────────────────────────────────────────
  cell: sel(['[data-testid="cellInnerDiv"]'], { 'compose-reply': 1, 'dm-inbox': 2, 'dm-thread': 6, 'long-thread-a': 8, 'long-thread-b': 6, 'thread-complaint': 11, 'thread-complaint-es': 11 }),
  promoted: sel(['[data-testid="placementTracking"]'], { 'long-thread-a': 0, 'thread-complaint': 1, 'thread-complaint-es': 1 }, 'wraps promoted tweets; also wraps videos *inside* a tweet, so only an ancestor means promoted'),
  tweet: sel(['article[data-testid="tweet"]', 'article[role="article"]'], { 'compose-reply': 2, 'dm-thread': 0, 'logged-out-status': 0, 'long-thread-a': 8, 'long-thread-b': 6, 'thread-complaint': 8, 'thread-complaint-es': 8 }),
  userName: sel(['[data-testid="User-Name"]'], { 'compose-reply': 2, 'long-thread-a': 10, 'long-thread-b': 8, 'thread-complaint': 11, 'thread-complaint-es': 11 }),
  tweetText: sel(['[data-testid="tweetText"]'], { 'compose-reply': 2, 'dm-thread': 4, 'long-thread-a': 8, 'long-thread-b': 6, 'thread-complaint': 9, 'thread-complaint-es': 9 }, 'absent on media-only tweets'),
  statusTime: sel(['a[href*="/status/"] time[datetime]'], { 'compose-reply': 2, 'long-thread-a': 8, 'long-thread-b': 6, 'thread-complaint': 8, 'thread-complaint-es': 8 }),
  quotedTweet: sel(['article div[role="link"][tabindex]'], { 'long-thread-a': 0, 'thread-complaint': 1, 'thread-complaint-es': 1 }, 'only tweets that quote another'),
  followButton: sel(['[data-testid$="-follow"]', '[data-testid$="-unfollow"]'], { 'dm-thread': 1, 'long-thread-a': 2, 'long-thread-b': 2, 'thread-complaint': 2, 'thread-complaint-es': 2 }, 'suffix after the numeric user id; only in user cells and profile cards'),

  // ── composers ───────────────────────────────────────────────────────────────
  dialog: sel(['[role="dialog"][aria-modal="true"]', '[role="dialog"]'], { 'compose-reply': 1, 'thread-complaint': 0 }, 'only while a modal is open'),
  draftComposer: sel(['[data-testid^="tweetTextarea_"][contenteditable="true"]', '.DraftEditor-root [contenteditable="true"][role="textbox"]'], { 'compose-reply': 2, 'dm-thread': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }, 'absent on logged-out pages; the fallback also matches DM editors (dm-thread), which composer.ts drops by their dmArea ancestor'),
  mobileComposer: sel(['[data-testid^="tweetTextarea"] textarea', 'textarea[data-testid^="tweetTextarea"]'], { 'compose-reply': 0, 'thread-complaint': 0 }, 'mobile web only'),
  replyButtonInline: sel(['[data-testid="tweetButtonInline"]'], { 'compose-reply': 1, 'thread-complaint': 1, 'thread-complaint-es': 1 }),
  replyButtonModal: sel(['[data-testid="tweetButton"]'], { 'compose-reply': 1, 'thread-complaint': 0 }, 'only in the compose modal'),

  // ── legacy DMs (/messages) ─────────────────────────────────────────────────
  dmConversationItem: sel(['[data-testid="conversation"]'], { 'dm-inbox': 2, 'dm-thread': 2 }),
  dmActivity: sel(['[data-testid="DmActivityContainer"]'], { 'dm-inbox': 0, 'dm-thread': 1 }, 'only with a conversation open'),
  dmViewport: sel(['[data-testid="DmActivityViewport"]', '[data-testid="DmScrollerContainer"]'], { 'dm-thread': 1 }),
  dmEntry: sel(['[data-testid="messageEntry"]'], { 'dm-inbox': 0, 'dm-thread': 4 }),
  dmText: sel(['[data-testid="messageEntry"] [data-testid="tweetText"]'], { 'dm-thread': 4 }),
  dmComposer: sel(['[data-testid="dmComposerTextInput"]'], { 'dm-thread': 1 }),
  dmSend: sel(['[data-testid="dmComposerSendButton"]'], { 'dm-thread': 1 }),
  // One alternative listing every marker (used with closest(), so any of them counts): the
  // Messages drawer beside a tweet, the legacy DM composer (and its RichTextInputContainer
  // wrapper), the chat root and its composer form.
  dmArea: sel(['[data-testid="DMDrawer"], [data-testid^="dmComposerTextInput"], [data-testid="dm-container"], [data-testid="dm-composer-form"]'], { 'chat-empty': 2, 'chat-locked': 1, 'chat-thread': 2, 'compose-reply': 0, 'dm-thread': 2, 'thread-complaint': 0, 'thread-complaint-es': 0 }, 'a tweet composer never lies inside one: its Draft.js editor has the same markup as the reply box'),

  // ── chat (/i/chat) ─────────────────────────────────────────────────────────
  chatContainer: sel(['[data-testid="dm-container"]'], { 'chat-empty': 1, 'chat-locked': 1, 'chat-thread': 1 }),
  chatInboxItem: sel(['[data-testid^="dm-conversation-item-"]'], { 'chat-empty': 2, 'chat-locked': 2, 'chat-thread': 2 }),
  chatPanel: sel(['[data-testid="dm-conversation-panel"]'], { 'chat-empty': 1, 'chat-locked': 1, 'chat-thread': 1 }),
  chatHeader: sel(['[data-testid="dm-conversation-header"]'], { 'chat-empty': 1, 'chat-locked': 0, 'chat-thread': 1 }, 'may be absent behind the passcode screen'),
  chatLog: sel(['[data-testid="dm-message-scroller"]', '[data-testid="dm-message-list"]', '[role="log"]'], { 'chat-empty': 1, 'chat-locked': 0, 'chat-thread': 1 }),
  chatRow: sel(['[data-testid^="message-"]:not([data-testid^="message-text-"])', '[data-dm-message-row]'], { 'chat-empty': 0, 'chat-thread': 4 }, 'code keeps only message-<uuid> test ids'),
  chatText: sel(['[data-testid^="message-text-"]'], { 'chat-thread': 4 }),
  chatComposer: sel(['textarea[data-testid="dm-composer-textarea"]', '[data-testid="dm-composer-form"] textarea'], { 'chat-empty': 1, 'chat-locked': 0, 'chat-thread': 1 }),
  chatSend: sel(['[data-testid="dm-composer-send-button"]'], { 'chat-empty': 1, 'chat-thread': 1 }, 'appears once the composer has text'),
  chatLocked: sel(['[data-testid="pin-code-input-container"]'], { 'chat-locked': 1, 'chat-thread': 0 }, 'only while the encrypted chat waits for its passcode'),
  chatEmpty: sel(['[data-testid="dm-empty-conversation-state"]'], { 'chat-empty': 1, 'chat-thread': 0 }),
  chatReadOnly: sel(['[data-testid="dm-read-only-banner"]', '[data-testid="dm-conversation-closed-banner"]'], { 'chat-empty': 0, 'chat-thread': 0 }, 'test ids not confirmed by public evidence; see extract-chat.ts for the structural fallback'),
} as const satisfies Record<string, XSelector>;

export type XSelectorName = keyof typeof X;

/** All matches of the first alternative that matches anything (document order). */
export function queryAllX(root: ParentNode, selector: XSelector): Element[] {
  for (const css of selector.css) {
    const found = root.querySelectorAll(css);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** First match of the first alternative that matches anything; null when absent. */
export function queryX(root: ParentNode, selector: XSelector): Element | null {
  for (const css of selector.css) {
    const found = root.querySelector(css);
    if (found) return found;
  }
  return null;
}
