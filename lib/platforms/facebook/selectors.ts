/**
 * Every Facebook / Messenger / Business Suite selector in one place. Roles and data attributes
 * come first; generated class names (`x1i10hfl …`) are never used. `aria-label` texts are
 * translated, so they only appear in `hints` (used to prefer a candidate, never to find one).
 *
 * Each selector lists fallbacks (`css`, tried in order, first one with a match wins) and the
 * fixtures (tests/fixtures/facebook/<case>) where it must match, with how many times over the
 * whole document; tests/unit/fb-selectors.test.ts checks those counts so a fixture or selector
 * change that breaks an assumption is noticed by name.
 */
export interface FbSelector {
  /** Fallback CSS selectors, most specific first. */
  css: readonly string[];
  /** case name → expected number of matches in its source.html (whole document). */
  fixtures: Readonly<Record<string, number>>;
}

export const fbSelectors = {
  /** Main column of every Comet page; the conversation lives under it (or under a dialog). */
  main: { css: ['[role="main"]'], fixtures: {
      'business-inbox-thread': 1, 'feed-home': 1, 'messenger-com-thread': 1, 'messenger-e2ee-pin': 1,
      'messenger-e2ee-thread': 1, 'messenger-scroll-a': 1, 'messenger-scroll-b': 1,
      'messenger-thread': 1, 'messenger-thread-es': 1, 'post-dialog-over-feed': 1,
      'post-page-comments': 1, 'post-page-comments-fr': 1,
    },
  },
  /** Post opened over the feed, PIN prompt, menus. */
  dialog: { css: ['[role="dialog"]'], fixtures: {
      'messenger-e2ee-pin': 1, 'post-dialog-over-feed': 1,
    },
  },
  /** Top bar and side rails: where the logged-in account is shown. */
  accountRegion: { css: ['[role="banner"], [role="navigation"]'], fixtures: {
      'business-inbox-thread': 1, 'feed-home': 4, 'messenger-com-thread': 2, 'messenger-e2ee-pin': 4,
      'messenger-e2ee-thread': 4, 'messenger-scroll-a': 4, 'messenger-scroll-b': 4,
      'messenger-thread': 4, 'messenger-thread-es': 4, 'post-dialog-over-feed': 3,
      'post-page-comments': 3, 'post-page-comments-fr': 3,
    },
  },
  /** Posts, comments and replies are all articles; nesting tells them apart. */
  article: { css: ['div[role="article"]', '[role="article"]'], fixtures: {
      'feed-home': 3, 'post-dialog-over-feed': 9, 'post-page-comments': 6,
      'post-page-comments-fr': 6,
    },
  },
  /** Feed units when a build drops role="article" on posts. */
  feedUnit: { css: ['[aria-posinset]', '[data-pagelet^="FeedUnit"]'], fixtures: {
      'feed-home': 2, 'post-dialog-over-feed': 2,
    },
  },
  /** The post's own text (truncated behind "See more" until expanded). */
  postMessage: {
    css: ['[data-ad-preview="message"]', '[data-ad-comet-preview="message"]', '[data-ad-rendering-role="story_message"]'],
    fixtures: {
      'feed-home': 2, 'post-dialog-over-feed': 3, 'post-page-comments': 1,
      'post-page-comments-fr': 1,
    },
  },
  /** Heading links of a post header (author first). */
  postHeaderLink: { css: ['h2 a[href]', 'h3 a[href]', 'h4 a[href]', '[data-ad-rendering-role="profile_name"] a[href]'], fixtures: {
      'feed-home': 1, 'messenger-e2ee-pin': 1, 'messenger-e2ee-thread': 1, 'messenger-scroll-a': 1,
      'messenger-scroll-b': 1, 'messenger-thread': 1, 'messenger-thread-es': 1,
      'post-dialog-over-feed': 2, 'post-page-comments': 1, 'post-page-comments-fr': 1,
    },
  },
  /** Text blocks inside a comment, a chat bubble or a post. */
  autoDirText: { css: ['div[dir="auto"]'], fixtures: {
      'business-inbox-thread': 13, 'feed-home': 5, 'messenger-com-thread': 5,
      'messenger-e2ee-thread': 3, 'messenger-scroll-a': 11, 'messenger-scroll-b': 10,
      'messenger-thread': 7, 'messenger-thread-es': 7, 'post-dialog-over-feed': 19,
      'post-page-comments': 14, 'post-page-comments-fr': 14,
    },
  },
  /** Links carrying a comment id: comment timestamps (and some profile links). */
  commentLink: { css: ['a[href*="comment_id="]'], fixtures: {
      'feed-home': 3, 'post-dialog-over-feed': 18, 'post-page-comments': 15,
      'post-page-comments-fr': 15,
    },
  },
  /** Lexical editors: comment, reply, Messenger and Business Suite composers. */
  lexicalComposer: {
    css: ['div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]', '[contenteditable="true"][role="textbox"]'],
    fixtures: {
      'business-inbox-thread': 1, 'feed-home': 2, 'messenger-com-thread': 1, 'messenger-e2ee-pin': 1,
      'messenger-e2ee-thread': 1, 'messenger-scroll-a': 1, 'messenger-scroll-b': 1,
      'messenger-thread': 1, 'messenger-thread-es': 1, 'post-dialog-over-feed': 4,
      'post-page-comments': 3, 'post-page-comments-fr': 3,
    },
  },
  /** Grids: the thread (in main) and the chat list (in navigation) both use this role. */
  grid: { css: ['[role="grid"]'], fixtures: {
      'business-inbox-thread': 2, 'messenger-com-thread': 2, 'messenger-e2ee-pin': 2,
      'messenger-e2ee-thread': 2, 'messenger-scroll-a': 2, 'messenger-scroll-b': 2,
      'messenger-thread': 2, 'messenger-thread-es': 2,
    },
  },
  /** Rows of a grid; messages in a thread, chats in the chat list. */
  row: { css: ['[role="row"]'], fixtures: {
      'business-inbox-thread': 9, 'messenger-com-thread': 8, 'messenger-e2ee-pin': 4,
      'messenger-e2ee-thread': 8, 'messenger-scroll-a': 15, 'messenger-scroll-b': 15,
      'messenger-thread': 12, 'messenger-thread-es': 12,
    },
  },
  /** Message cell of a row. */
  messageCell: { css: ['[role="gridcell"]', '[data-scope="messages_table"]'], fixtures: {
      'business-inbox-thread': 9, 'messenger-com-thread': 8, 'messenger-e2ee-pin': 3,
      'messenger-e2ee-thread': 7, 'messenger-scroll-a': 15, 'messenger-scroll-b': 15,
      'messenger-thread': 12, 'messenger-thread-es': 12,
    },
  },
  /** Sender name at the start of a message group (outgoing groups hold a hidden "You sent"). */
  senderHeading: {
    css: ['h5'],
    fixtures: {
      'business-inbox-thread': 3, 'messenger-com-thread': 4, 'messenger-e2ee-thread': 3,
      'messenger-scroll-a': 5, 'messenger-scroll-b': 6, 'messenger-thread': 4,
      'messenger-thread-es': 4,
    },
  },
  /** Conversation header name (Messenger, Business Suite). */
  headerName: { css: ['h2', '[role="heading"][aria-level="2"]'], fixtures: {
      'business-inbox-thread': 1, 'feed-home': 2, 'messenger-com-thread': 1, 'messenger-e2ee-pin': 2,
      'messenger-e2ee-thread': 1, 'messenger-scroll-a': 1, 'messenger-scroll-b': 1,
      'messenger-thread': 1, 'messenger-thread-es': 1, 'post-dialog-over-feed': 4,
      'post-page-comments': 2, 'post-page-comments-fr': 2,
    },
  },
  /** Links that open a chat thread: present in the chat list, not in the thread. */
  threadLink: { css: ['a[href*="/t/"]', 'a[href*="selected_item_id="]'], fixtures: {
      'business-inbox-thread': 3, 'messenger-com-thread': 2, 'messenger-e2ee-pin': 3,
      'messenger-e2ee-thread': 3, 'messenger-scroll-a': 3, 'messenger-scroll-b': 3,
      'messenger-thread': 3, 'messenger-thread-es': 3,
    },
  },
  /** Encrypted-chat PIN prompt inputs (digits, short). */
  pinInput: {
    css: ['input[autocomplete="one-time-code"]', 'input[inputmode="numeric"][maxlength]', 'input[type="password"][maxlength]'],
    fixtures: {
      'messenger-e2ee-pin': 6,
    },
  },
  /** Buttons near a composer that may be its send control. */
  button: { css: ['[role="button"]', 'button'], fixtures: {
      'business-inbox-thread': 8, 'feed-home': 19, 'messenger-com-thread': 5,
      'messenger-e2ee-pin': 10, 'messenger-e2ee-thread': 9, 'messenger-scroll-a': 9,
      'messenger-scroll-b': 9, 'messenger-thread': 10, 'messenger-thread-es': 10,
      'post-dialog-over-feed': 45, 'post-page-comments': 31, 'post-page-comments-fr': 31,
    },
  },
} satisfies Record<string, FbSelector>;

export type FbSelectorName = keyof typeof fbSelectors;

/** Locale hints: preferred when present, never required (FR/ES fixtures prove the fallbacks). */
export const fbHints = {
  /** aria-label of the Messenger thread grid. */
  threadGridLabel: /^(Messages in conversation with|Messages dans la conversation avec|Mensajes de la conversación con)/i,
  /** Hidden text on outgoing chat bubbles. */
  outgoingText: /^(You sent|You replied|You unsent|Vous avez envoyé|Vous avez répondu|Enviaste|Respondiste)(?=\s|:|$)/i,
  /** Composer labels naming the acting Page ("Comment as Acme"). */
  actingAs: /^(?:Comment as|Reply as|Commenter en tant que|Répondre en tant que|Comentar como|Responder como)\s+(.+?)[.…]*$/i,
  /** Send / submit control labels. */
  sendLabel: /^(Press enter to send|Send|Post comment|Comment|Reply|Envoyer|Appuyez sur Entrée pour envoyer|Publier le commentaire|Commenter|Enviar|Pulsa Intro para enviar|Publicar comentario|Comentar)$/i,
} as const;

/** All matches of the first fallback that matches anything under root. */
export const queryAllFb = (root: ParentNode, name: FbSelectorName): Element[] => {
  for (const css of fbSelectors[name].css) {
    const found = Array.from(root.querySelectorAll(css));
    if (found.length > 0) return found;
  }
  return [];
};

/** First match of the first fallback that matches, or null (callers say why absence is fine). */
export const queryFb = (root: ParentNode, name: FbSelectorName): Element | null => queryAllFb(root, name)[0] ?? null;

/** Does el itself match selector `name` (any fallback)? */
export const matchesFb = (el: Element, name: FbSelectorName): boolean => fbSelectors[name].css.some((css) => el.matches(css));

/** Closest ancestor-or-self matching any fallback of `name`. */
export const closestFb = (el: Element, name: FbSelectorName): Element | null => {
  for (let node: Element | null = el; node; node = node.parentElement) if (matchesFb(node, name)) return node;
  return null;
};
