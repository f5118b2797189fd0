import type { CheckResult } from '../lib/suggest/checks';
import { t } from '../lib/i18n';

/**
 * The pre-insert checks of a reply: each says what is wrong, a blocking one starts with "Blocks
 * Insert:" (not colour alone), and a fix, when there is one, replaces the draft. A live region
 * that stays mounted, so a check appearing while the agent types (over 280 characters, a card
 * number) is announced. `id` is what the Insert buttons point to (aria-describedby). Blocking
 * checks are listed first.
 */
export function ChecksList({ id, checks, onFix }: { id: string; checks: readonly CheckResult[]; onFix: (text: string) => void }) {
  // What blocks Insert comes first; the rest keep their order.
  const ordered = [...checks].sort((a, b) => Number(b.severity === 'block') - Number(a.severity === 'block'));
  return (
    <div aria-live="polite">
      {checks.length ? (
        <ul id={id} className="cs-list" aria-label={t('suggest.checks')} data-testid="checks">
          {ordered.map((c) => (
            <li key={c.id} className={`cs-check cs-check-${c.severity}`} data-check={c.id}>
              {c.severity === 'block' ? <strong>{t('suggest.blocksInsert')} </strong> : null}
              {c.message}{' '}
              {c.fix ? (
                <button onClick={() => onFix(c.fix!.text)} data-testid={`fix-${c.id}`}>
                  {c.fix.label}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
