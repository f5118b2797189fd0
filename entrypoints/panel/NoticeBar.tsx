import { useEffect, useRef, useState } from 'react';
import { usePanelStore } from '../../lib/store/panel-store';
import { t } from '../../lib/i18n';
import { focusLanding } from '../../components/focus';

/** How long an information line stays (errors stay until dismissed). */
export const INFO_NOTICE_MS = 8_000;

/**
 * One transient line (insert result, save error), announced to screen readers. An information
 * line goes away by itself after INFO_NOTICE_MS, not while the pointer or the focus is on it;
 * an error stays until dismissed. Dismissing it puts focus back where it was before it entered
 * the notice (if that is still in the page), else on the panel's main content, never the body.
 */
export function NoticeBar() {
  const notice = usePanelStore((s) => s.notice);
  const notify = usePanelStore((s) => s.notify);
  const [held, setHeld] = useState(false);
  /** What had focus before focus came into the notice (Tab from the composer, a button…). */
  const cameFrom = useRef<HTMLElement | null>(null);
  const dismiss = () => {
    const back = cameFrom.current;
    cameFrom.current = null;
    notify(null);
    if (back?.isConnected) back.focus();
    else focusMain();
  };
  useEffect(() => {
    if (!notice || notice.kind !== 'info' || held) return;
    const timer = setTimeout(() => {
      // Only this notice: a newer one starts its own time.
      if (usePanelStore.getState().notice === notice) notify(null);
    }, INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, held, notify]);
  if (!notice) return <div className="cs-notice-space" aria-live="polite" />;
  return (
    <div
      className={`cs-notice cs-notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={(e) => {
        setHeld(true);
        const from = e.relatedTarget;
        if (from instanceof HTMLElement && !e.currentTarget.contains(from)) cameFrom.current = from;
      }}
      onBlur={() => setHeld(false)}
    >
      {notice.copyText === undefined ? (
        <span>{notice.text}</span>
      ) : (
        // The reply the clipboard refused, to select and copy by hand.
        <div className="cs-notice-copy">
          <span>{notice.text}</span>
          <textarea readOnly aria-label={t('suggest.copyByHand')} value={notice.copyText} data-testid="notice-copy" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <button className="cs-icon-button" aria-label={t('notice.dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

/** The panel's main content: its first heading, else the <main> landmark itself. */
function focusMain(): void {
  focusLanding(document.querySelector<HTMLElement>('main h2, main h3') ?? document.querySelector<HTMLElement>('main'));
}
