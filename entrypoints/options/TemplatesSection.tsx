import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import type { Template } from '../../lib/db/records';
import {
  deleteTemplate,
  importTemplates,
  listTemplates,
  parseTemplatesFile,
  saveTemplate,
  templatesToCsv,
  templatesToJson,
} from '../../lib/db/repositories/templates';
import { downloadBlob, stamp } from '../../lib/panel/download';
import { FormFooter } from '../../components/FormFooter';

export function TemplatesSection({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const templates = useLiveQuery(() => listTemplates(db, brandId), [db, brandId]);
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const q = filter.trim().toLowerCase();
  const shown = (templates ?? []).filter(
    (t) => !q || t.title.toLowerCase().includes(q) || t.body.toLowerCase().includes(q) || t.tags.some((g) => g.includes(q)),
  );

  const onImport = async (file: File) => {
    const parsed = parseTemplatesFile(await file.text(), file.name);
    if (!parsed.ok) return setMessage({ kind: 'error', text: `Nothing imported. ${parsed.error}` });
    try {
      const n = await importTemplates(db, brandId, parsed.templates);
      setMessage({ kind: 'info', text: `Imported ${n} templates.` });
    } catch (e) {
      setMessage({ kind: 'error', text: `Nothing imported: ${e instanceof Error ? e.message : 'write failed'}.` });
    }
  };

  return (
    <section id="templates" aria-labelledby="templates-h">
      <h2 id="templates-h">Templates</h2>
      <p className="cs-muted">
        Variables: {'{{customer.first_name}}'}, {'{{customer.handle}}'}, {'{{case.reference}}'}, {'{{agent.signature}}'},{' '}
        {'{{brand.name}}'}; ask the agent with {'{{ask:order number}}'}.
      </p>
      <div className="cs-row">
        <input type="search" placeholder="Search templates or tags" aria-label="Search templates" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button className="primary" onClick={() => setEditing('new')}>
          New template
        </button>
        <button onClick={() => templates && downloadBlob(new Blob([templatesToJson(templates)], { type: 'application/json' }), `templates-${stamp()}.json`)}>
          Export JSON
        </button>
        <button onClick={() => templates && downloadBlob(new Blob([templatesToCsv(templates)], { type: 'text/csv' }), `templates-${stamp()}.csv`)}>
          Export CSV
        </button>
        <label>
          Import <input type="file" accept=".json,.csv,application/json,text/csv" aria-label="Import templates" onChange={(e) => e.target.files?.[0] && void onImport(e.target.files[0])} />
        </label>
      </div>
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'cs-danger' : ''}>
          {message.text}
        </p>
      ) : null}
      {editing ? <TemplateForm db={db} brandId={brandId} template={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      <table className="cs-table">
        <thead>
          <tr>
            <th>Title</th>
            <th>Tags</th>
            <th>Used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.id} data-testid="template-row">
              <td>
                <strong>{t.title}</strong>
                {/* A preview: says so when the body goes on (never cut silently), and never splits a surrogate pair. */}
                <div className="cs-muted" data-testid="template-preview">
                  {t.body.length > 140 ? `${Array.from(t.body).slice(0, 140).join('')}…` : t.body}
                </div>
              </td>
              <td>{t.tags.join(', ')}</td>
              <td>{t.useCount}</td>
              <td className="cs-row">
                <button onClick={() => setEditing(t)}>Edit</button>
                <button onClick={() => void deleteTemplate(db, brandId, t.id)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TemplateForm({ db, brandId, template, onDone }: { db: CasesideDb; brandId: string; template: Template | null; onDone: () => void }) {
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [tags, setTags] = useState(template?.tags.join(', ') ?? '');
  const [language, setLanguage] = useState(template?.language ?? 'en');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="cs-form"
      aria-label="Template"
      onSubmit={(e) => {
        e.preventDefault();
        saveTemplate(db, brandId, { title, body, tags: tags.split(',').map((s) => s.trim()).filter(Boolean), language }, template?.id)
          .then(onDone)
          .catch((err: unknown) => setError(err instanceof Error ? err.message.slice(0, 300) : 'Could not save.'));
      }}
    >
      <label htmlFor="tpl-title">Title</label>
      <input id="tpl-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      <label htmlFor="tpl-body">Body</label>
      <textarea id="tpl-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} required />
      <label htmlFor="tpl-tags">Tags (comma separated)</label>
      <input id="tpl-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      <label htmlFor="tpl-lang">Language</label>
      <select id="tpl-lang" value={language} onChange={(e) => setLanguage(e.target.value)}>
        <option value="en">English</option>
        <option value="es">Español</option>
      </select>
      <FormFooter error={error} saveLabel="Save template" onCancel={onDone} />
    </form>
  );
}
