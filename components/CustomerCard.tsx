import type { Case, Customer, FollowUp } from '../lib/db/records';
import { isHttpsUrl } from '../lib/https-url';

export interface CustomerCardLabels {
  firstContact: string;
  firstSeen: string;
  lastSeen: string;
  conversations: string;
  messages: string;
  openCase: string;
  overdue: string;
  tags: string;
  showDetails: string;
  hideDetails: string;
  statusLabel: (status: Case['status']) => string;
  formatTime: (ms: number) => string;
}

const platformName = { x: 'X', facebook: 'Facebook' } as const;

/** Who this is, at a glance. Everything is rendered as text by React (names may hold markup). */
export function CustomerCard(props: {
  customer: Customer;
  linked: Customer[];
  conversationCount: number;
  messageCount: number;
  openCase: Case | null;
  overdue: FollowUp[];
  labels: CustomerCardLabels;
  /** Compact: no dates or counts (the panel also leaves out what it shows below the card). */
  compact?: boolean;
  /** Shows the compact/full toggle; called with the state asked for. */
  onCompactChange?: (compact: boolean) => void;
}) {
  const { customer, labels } = props;
  const people = [customer, ...props.linked];
  const identities = people.flatMap((c) => c.identities);
  // The person's first and last contact on any of their linked identities, as the counts and
  // the history below include them.
  const firstSeenAt = Math.min(...people.map((c) => c.firstSeenAt));
  const lastSeenAt = Math.max(...people.map((c) => c.lastSeenAt));
  const isFirstContact = props.messageCount <= 1 && props.conversationCount <= 1 && !props.openCase;
  return (
    <section className="cs-card" aria-label={customer.displayName}>
      <div className="cs-card-head">
        <h2 className="cs-card-name">{customer.displayName}</h2>
        {props.onCompactChange ? (
          <button
            className="cs-icon-button cs-card-toggle"
            aria-expanded={!props.compact}
            aria-label={props.compact ? labels.showDetails : labels.hideDetails}
            title={props.compact ? labels.showDetails : labels.hideDetails}
            onClick={() => props.onCompactChange?.(!props.compact)}
          >
            {props.compact ? '▸' : '▾'}
          </button>
        ) : null}
      </div>
      <ul className="cs-identities">
        {identities.map((i, n) => (
          <li key={`${i.platform}:${i.handle ?? i.userId ?? n}`}>
            <span className={`cs-platform cs-platform-${i.platform}`}>{platformName[i.platform]}</span>{' '}
            {isHttpsUrl(i.profileUrl) ? (
              <a href={i.profileUrl} target="_blank" rel="noopener noreferrer">
                {i.handle ? (i.platform === 'x' ? `@${i.handle}` : i.handle) : i.displayName ?? i.userId}
              </a>
            ) : (
              <span>{i.handle ?? i.displayName ?? i.userId}</span>
            )}
          </li>
        ))}
      </ul>
      {props.compact ? null : isFirstContact ? (
        <p className="cs-first-contact">{labels.firstContact}</p>
      ) : (
        <dl className="cs-facts">
          <dt>{labels.firstSeen}</dt>
          <dd data-testid="first-seen">{labels.formatTime(firstSeenAt)}</dd>
          <dt>{labels.lastSeen}</dt>
          <dd data-testid="last-seen">{labels.formatTime(lastSeenAt)}</dd>
          <dt>{labels.conversations}</dt>
          <dd data-testid="conversation-count">{props.conversationCount.toLocaleString()}</dd>
          <dt>{labels.messages}</dt>
          <dd data-testid="message-count">{props.messageCount.toLocaleString()}</dd>
        </dl>
      )}
      {customer.tags.length ? (
        <p className="cs-tags" aria-label={labels.tags}>
          {customer.tags.map((tag) => (
            <span key={tag} className="cs-tag">
              {tag}
            </span>
          ))}
        </p>
      ) : null}
      {props.openCase ? (
        <p className="cs-open-case" data-testid="open-case">
          {labels.openCase}: <strong>{props.openCase.reference}</strong> · {labels.statusLabel(props.openCase.status)}
        </p>
      ) : null}
      {props.overdue.length ? (
        <p className="cs-overdue" role="alert" data-testid="overdue">
          {labels.overdue}: {props.overdue.length}
        </p>
      ) : null}
    </section>
  );
}
