import { usePanelStore } from '../../lib/store/panel-store';
import { t } from '../../lib/i18n';

/** One transient line (insert result, save error), announced to screen readers. */
export function NoticeBar() {
  const notice = usePanelStore((s) => s.notice);
  const notify = usePanelStore((s) => s.notify);
  if (!notice) return <div className="cs-notice-space" aria-live="polite" />;
  return (
    <div className={`cs-notice cs-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <button className="cs-icon-button" aria-label={t('notice.dismiss')} onClick={() => notify(null)}>
        ×
      </button>
    </div>
  );
}
