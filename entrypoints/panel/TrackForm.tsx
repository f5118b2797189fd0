import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { trackConversation } from '../../lib/panel/connection';
import { t } from '../../lib/i18n';
import { usePanelStore } from '../../lib/store/panel-store';
import { useOneAtATime } from '../../components/use-one-at-a-time';

/**
 * The background's answer to "track": null when it recorded the conversation; when it refused
 * ({ error, message? }), the message written for the agent, or '' when it carries none (its
 * `error` is an English line for the log, never shown).
 */
function refusalOf(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object' || !('error' in answer)) return null;
  const { message } = answer as { message?: unknown };
  return typeof message === 'string' ? message.trim() : '';
}

/**
 * A recognised conversation that is not recorded (no brand lists the account, or the brand's
 * account is only reading someone else's thread): the agent may record it under a brand — under
 * the account's own brand only, when the page is logged in as one (the background refuses any
 * other: what a brand's account shows and writes is never filed under another brand).
 */
export function TrackForm({ db, reason, snapshot, accountBrandId = null }: { db: CasesideDb; reason: string; snapshot: ConversationSnapshot; accountBrandId?: string | null }) {
  const all = useLiveQuery(() => db.brands.toArray(), [db]);
  const own = all?.filter((b) => b.id === accountBrandId);
  const brands = own?.length ? own : all;
  const [brandId, setBrandId] = useState('');
  const chosen = (brands?.some((b) => b.id === brandId) ? brandId : brands?.[0]?.id) || '';
  const who = snapshot.customer?.displayName ?? snapshot.customer?.handle;
  const once = useOneAtATime();
  const notify = usePanelStore((s) => s.notify);
  return (
    <section className="cs-track" aria-label={t('panel.notRecorded')}>
      {who ? <h2 className="cs-card-name">{who}</h2> : null}
      <p>
        <strong>{t('panel.notRecorded')}.</strong> {reason}
      </p>
      {brands?.length ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            // The background answers { error } when it refuses, with its reason (another brand
            // tracks the thread): that is what the agent reads, not "reload and try again", which
            // would not help. An unreachable background throws: then the generic notice.
            if (chosen)
              void once.run(() =>
                trackConversation(chosen).then(
                  (r) => {
                    const refused = refusalOf(r);
                    if (refused !== null) notify({ kind: 'error', text: refused || t('panel.trackFailed') });
                  },
                  () => notify({ kind: 'error', text: t('panel.trackFailed') }),
                ),
              );
          }}
        >
          <label>
            {t('panel.track')}{' '}
            <select value={chosen} onChange={(e) => setBrandId(e.target.value)}>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" aria-busy={once.busy}>
            {t('panel.trackButton')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
