import { t } from '../lib/i18n';

/** The end of an options form: the error (as an alert) and Save / Cancel. */
export function FormFooter({ error, saveLabel, onCancel, busy = false }: { error: string | null; saveLabel: string; onCancel: () => void; busy?: boolean }) {
  return (
    <>
      {error ? (
        <p className="full cs-danger" role="alert">
          {error}
        </p>
      ) : null}
      <div className="full cs-row">
        <button type="submit" className="primary" aria-busy={busy}>
          {saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
