import { useState } from 'react';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import { FormFooter } from '../../components/FormFooter';
import { failureText } from '../../lib/db/errors';
import {
  AGENT_INITIALS_MAX,
  AGENT_NAME_MAX,
  AgentProfileError,
  initialsOf,
  saveAgentProfile,
  useAgentProfile,
  type AgentField,
  type AgentProfile,
} from '../../lib/panel/agent-profile';
import { t } from '../../lib/i18n';

const sameProfile = (a: AgentProfile | null | undefined, b: AgentProfile | null | undefined) =>
  a?.name === b?.name && a?.initials === b?.initials;

/**
 * "You": the name and initials of whoever sits at this browser (lib/panel/agent-profile.ts), kept
 * in the browser's extension storage, outside the brands' data and their backups.
 */
export function AgentSection() {
  const profile = useAgentProfile();
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  // The stored profile the fields started from: untouched fields follow a change made elsewhere
  // (another options tab); fields being edited are left alone.
  const [base, setBase] = useState<AgentProfile | null | undefined>(undefined);
  if (profile !== undefined && (base === undefined || !sameProfile(profile, base))) {
    const untouched = name === (base?.name ?? '') && initials === (base?.initials ?? '');
    setBase(profile);
    if (untouched) {
      setName(profile?.name ?? '');
      setInitials(profile?.initials ?? '');
    }
  }
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<ReadonlySet<AgentField>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const once = useOneAtATime();
  const submit = async () => {
    setStatus(null);
    try {
      const saved = await saveAgentProfile({ name, initials });
      setError(null);
      setInvalid(new Set());
      setBase(saved);
      setName(saved?.name ?? '');
      setInitials(saved?.initials ?? '');
      setStatus(saved ? t('agent.saved', { name: saved.name, initials: saved.initials }) : t('agent.cleared'));
    } catch (e) {
      if (e instanceof AgentProfileError) {
        setInvalid(new Set(e.problems.map((p) => p.field)));
        setError(e.message);
      } else {
        setInvalid(new Set());
        setError(failureText(e, (reason) => t('agent.saveFailed', { reason }), t('storage.error.unknown')));
      }
    }
  };
  const reset = () => {
    setName(profile?.name ?? '');
    setInitials(profile?.initials ?? '');
    setError(null);
    setInvalid(new Set());
    setStatus(null);
  };
  return (
    <section id="you" aria-labelledby="you-h">
      <h2 id="you-h">{t('agent.title')}</h2>
      <p className="cs-muted">{t('agent.intro')}</p>
      <form
        className="cs-form"
        aria-label={t('agent.form')}
        onSubmit={(e) => {
          e.preventDefault();
          void once.run(submit);
        }}
      >
        <label htmlFor="agent-name">{t('agent.name')}</label>
        <input
          id="agent-name"
          autoComplete="name"
          maxLength={AGENT_NAME_MAX}
          placeholder={t('agent.namePlaceholder')}
          aria-invalid={invalid.has('name') || undefined}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="agent-initials">{t('agent.initials')}</label>
        <input
          id="agent-initials"
          maxLength={AGENT_INITIALS_MAX}
          // Empty, the initials are taken from the name: the placeholder shows which.
          placeholder={initialsOf(name)}
          aria-describedby="agent-initials-hint"
          aria-invalid={invalid.has('initials') || undefined}
          value={initials}
          onChange={(e) => setInitials(e.target.value)}
        />
        <p id="agent-initials-hint" className="full cs-muted">
          {t('agent.initialsHint', { max: AGENT_INITIALS_MAX })}
        </p>
        <FormFooter error={error} saveLabel={t('agent.save')} onCancel={reset} busy={once.busy} />
      </form>
      <p role="status" className="cs-muted" data-testid="agent-status">
        {status ?? (profile === null ? t('agent.notSet') : '')}
      </p>
    </section>
  );
}
