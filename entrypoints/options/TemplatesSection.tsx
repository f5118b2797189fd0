import { FileInput } from '../../components/FileInput';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { usePageLimit } from '../../components/use-page-limit';
import { agentMessage } from '../../lib/db/errors';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { LEGACY_ENCODING, readFileText, unreadableFileReason } from '../../lib/import-export/text-encoding';
import type { CasesideDb } from '../../lib/db/schema';
import type { Template } from '../../lib/db/records';
import {
  deleteTemplate,
  importTemplates,
  listTemplates,
  parseTemplatesFile,
  saveTemplate,
  tagsFromCell,
  tagsToCell,
  templatesToCsv,
  templatesToJson,
} from '../../lib/db/repositories/templates';
import { downloadBlob, stamp } from '../../lib/panel/download';
import { FormFooter } from '../../components/FormFooter';
import { languageName, t } from '../../lib/i18n';
import { TagFilter } from '../../components/TagFilter';
import { countTags, hasTag, liveTag } from '../../lib/suggest/template-tags';
import { plural } from './counts';

const VARIABLES = ['{{customer.first_name}}', '{{customer.handle}}', '{{case.reference}}', '{{agent.signature}}', '{{agent.name}}', '{{agent.initials}}', '{{brand.name}}'].join(', ');

/** Rows of the templates table shown at a time. */
export const TEMPLATE_PAGE = 100;

export function TemplatesSection({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const templates = useLiveQuery(() => listTemplates(db, brandId), [db, brandId]);
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [chosenTag, setTag] = useState<string | null>(null);
  const tags = useMemo(() => countTags(templates ?? []), [templates]);
  const tag = liveTag(tags, chosenTag);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const q = filter.trim().toLowerCase();
  const matching = (templates ?? []).filter(
    (tpl) =>
      hasTag(tpl, tag) &&
      (!q || tpl.title.toLowerCase().includes(q) || tpl.body.toLowerCase().includes(q) || tpl.tags.some((g) => g.toLowerCase().includes(q))),
  );
  // A brand can have thousands of templates: the table shows a page at a time (search narrows it).
  const { limit, showMore } = usePageLimit(TEMPLATE_PAGE, `${brandId}\n${q}\n${tag ?? ''}`);
  const shown = matching.slice(0, limit);

  const importing = useOneAtATime();
  const onImport = async (file: File) => {
    setMessage(null);
    let read: Awaited<ReturnType<typeof readFileText>>;
    try {
      read = await readFileText(file);
    } catch (e) {
      return setMessage({ kind: 'error', text: t('import.unreadable', { reason: unreadableFileReason(e) }) });
    }
    const { text, encoding } = read;
    const parsed = parseTemplatesFile(text, file.name);
    if (!parsed.ok) return setMessage({ kind: 'error', text: t('templates.importInvalid', { error: parsed.error }) });
    try {
      const r = await importTemplates(db, brandId, parsed.templates);
      const legacy = encoding === LEGACY_ENCODING ? ` ${t('import.legacyEncodingRead')}` : '';
      const parts = [
        plural(r.added, 'templates.importAddedOne', 'templates.importAddedMany'),
        plural(r.updated, 'templates.importUpdatedOne', 'templates.importUpdatedMany'),
        plural(r.unchanged, 'templates.importSameOne', 'templates.importSameMany'),
      ];
      setMessage({ kind: 'info', text: t('templates.importedSummary', { parts: parts.join(', ') }) + legacy });
    } catch (e) {
      setMessage({ kind: 'error', text: t('templates.importFailed', { message: agentMessage(e, t('templates.writeFailed')) }) });
    }
  };

  return (
    <section id="templates" aria-labelledby="templates-h">
      <h2 id="templates-h">{t('templates.title')}</h2>
      <p className="cs-muted">{t('templates.variables', { list: VARIABLES, ask: `{{ask:${t('templates.askExample')}}}` })}</p>
      <div className="cs-row">
        <input
          type="search"
          className="cs-search-input"
          placeholder={t('templates.searchPlaceholder')}
          aria-label={t('templates.search')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button className="primary" onClick={() => setEditing('new')}>
          {t('templates.new')}
        </button>
        <button onClick={() => templates && downloadBlob(new Blob([templatesToJson(templates)], { type: 'application/json' }), `templates-${stamp()}.json`)}>
          {t('templates.exportJson')}
        </button>
        <button onClick={() => templates && downloadBlob(new Blob([templatesToCsv(templates)], { type: 'text/csv' }), `templates-${stamp()}.csv`)}>
          {t('templates.exportCsv')}
        </button>
        <label>
          {t('templates.import')}{' '}
          <FileInput accept=".json,.csv,application/json,text/csv" label={t('templates.importFile')} busy={importing.busy} onFile={(file) => void importing.run(() => onImport(file))} />
        </label>
      </div>
      <TagFilter tags={tags} selected={tag} onSelect={setTag} label={t('templates.tagFilter')} max={20} />
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'cs-danger' : ''}>
          {message.text}
        </p>
      ) : null}
      {/* Keyed by template: Edit on another one while a form is open starts a fresh form, never
          one still holding the first template's text (saving it would write that text over it). */}
      {editing ? <TemplateForm key={editing === 'new' ? 'new' : editing.id} db={db} brandId={brandId} template={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      <table className="cs-table">
        <thead>
          <tr>
            <th>{t('templates.titleLabel')}</th>
            <th>{t('templates.tags')}</th>
            <th>{t('templates.language')}</th>
            <th>{t('templates.used')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((tpl) => (
            <tr key={tpl.id} data-testid="template-row">
              <td>
                <strong>{tpl.title}</strong>
                {/* A preview: says so when the body goes on (never cut silently), and never splits a surrogate pair. */}
                <div className="cs-muted" data-testid="template-preview">
                  {tpl.body.length > 140 ? `${Array.from(tpl.body).slice(0, 140).join('')}…` : tpl.body}
                </div>
              </td>
              <td>{tpl.tags.join(', ')}</td>
              <td>{languageName(tpl.language)}</td>
              <td className="cs-nowrap">{plural(tpl.useCount, 'templates.usedTimesOne', 'templates.usedTimesMany')}</td>
              <td className="cs-row cs-nowrap">
                <button aria-label={t('common.editNamed', { name: tpl.title })} onClick={() => setEditing(tpl)}>
                  {t('common.edit')}
                </button>
                <ConfirmDelete
                  what={`“${tpl.title}”`}
                  onDelete={() => deleteTemplate(db, brandId, tpl.id)}
                  onError={(e) => setMessage({ kind: 'error', text: agentMessage(e, t('templates.writeFailed')) })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {matching.length > shown.length ? (
        <p className="cs-row" data-testid="template-more">
          <span className="cs-muted">{t('templates.showing', { shown: shown.length.toLocaleString(), total: matching.length.toLocaleString() })}</span>
          <button onClick={showMore}>
            {t('templates.showMore', { count: Math.min(TEMPLATE_PAGE, matching.length - shown.length).toLocaleString() })}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function TemplateForm({ db, brandId, template, onDone }: { db: CasesideDb; brandId: string; template: Template | null; onDone: () => void }) {
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  // A tag holding a comma (one imported from JSON) comes in double quotes, so saving keeps it whole.
  const [tags, setTags] = useState(template ? tagsToCell(template.tags, ', ') : '');
  const [language, setLanguage] = useState(template?.language ?? 'en');
  const [error, setError] = useState<string | null>(null);
  const once = useOneAtATime();
  return (
    <form
      className="cs-form"
      aria-label={t('templates.form')}
      onSubmit={(e) => {
        e.preventDefault();
        void once.run(() =>
          saveTemplate(db, brandId, { title, body, tags: tagsFromCell(tags), language }, template?.id)
            .then(onDone)
            .catch((err: unknown) => setError(agentMessage(err, t('templates.saveFailed')).slice(0, 300))),
        );
      }}
    >
      <label htmlFor="tpl-title">{t('templates.titleLabel')}</label>
      <input id="tpl-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      <label htmlFor="tpl-body">{t('templates.body')}</label>
      <textarea id="tpl-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} required />
      <label htmlFor="tpl-tags">{t('templates.tagsLabel')}</label>
      <input id="tpl-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      <label htmlFor="tpl-lang">{t('templates.language')}</label>
      <select id="tpl-lang" value={language} onChange={(e) => setLanguage(e.target.value)}>
        <option value="en">English</option>
        <option value="es">Español</option>
      </select>
      <FormFooter error={error} saveLabel={t('templates.save')} onCancel={onDone} busy={once.busy} />
    </form>
  );
}
