import { useMemo, useRef, useEffect } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Conversation, Message } from '../lib/db/records';
import { isHttpsUrl } from '../lib/https-url';

type Row =
  | { kind: 'conversation'; key: string; conversation: Conversation | undefined; conversationId: string }
  | { kind: 'message'; key: string; message: Message; position: number };

/** Group consecutive messages by conversation, with a header row whenever the conversation changes. */
export function toRows(messages: Message[]): Row[] {
  const rows: Row[] = [];
  let current = '';
  let position = 0;
  for (const m of messages) {
    if (m.conversationId !== current) {
      current = m.conversationId;
      rows.push({ kind: 'conversation', key: `c:${m.conversationId}:${m.id}`, conversation: undefined, conversationId: m.conversationId });
    }
    rows.push({ kind: 'message', key: m.id, message: m, position: ++position });
  }
  return rows;
}

const platformName = { x: 'X', facebook: 'Facebook' } as const;

/**
 * Every recorded message of a customer, newest last, grouped by conversation with a link back.
 * Virtualised: only the rows in view are in the DOM, so 10,000 messages scroll smoothly.
 */
export function Timeline(props: {
  messages: Message[];
  conversations: Map<string, Conversation>;
  currentConversationId: string | null;
  labels: {
    /** The list's accessible name. */
    history: string;
    you: string;
    open: string;
    empty: string;
    /** A conversation's kind as shown on its header ("thread", "messenger"…). */
    kind: (kind: Conversation['kind']) => string;
    formatTime: (ms: number) => string;
  };
}) {
  const rows = useMemo(() => toRows(props.messages), [props.messages]);
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'conversation' ? 30 : 64),
    overscan: 8,
    getItemKey: (i) => rows[i]!.key,
  });
  // Newest last: start at the bottom, and follow new messages. The list stays pinned to its end
  // until the agent scrolls up: rows measured after the first scroll (a slow frame, an emoji
  // font loading) grow the list under it, and a scroll made once would stop short of the end.
  const pinned = useRef(true);
  const totalSize = virtualizer.getTotalSize();
  useEffect(() => {
    if (!rows.length) return;
    pinned.current = true;
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, virtualizer]);
  useEffect(() => {
    const el = parentRef.current;
    if (el && pinned.current && el.scrollHeight - el.scrollTop - el.clientHeight > 2) el.scrollTop = el.scrollHeight;
  }, [totalSize]);

  if (!rows.length) return <p className="cs-empty">{props.labels.empty}</p>;
  return (
    <div
      ref={parentRef}
      className="cs-timeline"
      role="log"
      // Not a live region: the list is virtualised, so rows mounted by scrolling would be read
      // out as new messages. Each message says where it stands instead (aria-posinset / setsize).
      aria-live="off"
      aria-label={props.labels.history}
      tabIndex={0}
      // Only the agent unpins it (wheel, keys, a drag on the scroll bar); reaching the end again
      // pins it. The list's own scrolls, which may land short while rows are measured, do not.
      onWheel={(e) => {
        if (e.deltaY < 0) pinned.current = false;
      }}
      onKeyDown={(e) => {
        if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) pinned.current = false;
      }}
      onPointerDown={() => {
        pinned.current = false;
      }}
      onScroll={(e) => {
        const el = e.currentTarget;
        if (el.scrollHeight - el.scrollTop - el.clientHeight <= 2) pinned.current = true;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="cs-timeline-row"
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'conversation' ? (
                <ConversationHeader
                  conversation={props.conversations.get(row.conversationId)}
                  current={row.conversationId === props.currentConversationId}
                  openLabel={props.labels.open}
                  kindLabel={props.labels.kind}
                />
              ) : (
                <article
                  className={`cs-msg cs-msg-${row.message.direction}`}
                  data-testid="timeline-message"
                  aria-posinset={row.position}
                  aria-setsize={props.messages.length}
                >
                  <header>
                    <span className="cs-msg-author">{row.message.direction === 'out' ? props.labels.you : row.message.author}</span>
                    <time dateTime={new Date(row.message.sentAt).toISOString()}>{props.labels.formatTime(row.message.sentAt)}</time>
                  </header>
                  <p className="cs-msg-text">{row.message.text}</p>
                </article>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function ConversationHeader(props: {
  conversation: Conversation | undefined;
  current: boolean;
  openLabel: string;
  kindLabel: (kind: Conversation['kind']) => string;
}) {
  const c = props.conversation;
  if (!c) return <div className="cs-conv-header">…</div>;
  const safeUrl = isHttpsUrl(c.url) ? c.url : null;
  return (
    <div className={`cs-conv-header${props.current ? ' cs-conv-current' : ''}`}>
      <span className={`cs-platform cs-platform-${c.platform}`}>{platformName[c.platform]}</span>
      <span className="cs-conv-kind">{props.kindLabel(c.kind)}</span>
      {safeUrl && !props.current ? (
        <a href={safeUrl} target="_top" rel="noopener noreferrer">
          {props.openLabel}
        </a>
      ) : null}
    </div>
  );
}
