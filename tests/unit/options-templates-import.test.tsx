/**
 * Options → Templates: importing a templates file twice adds nothing the second time (a template
 * is matched by its exported id, or by title + language + body, within the brand), a changed one
 * is updated, and the result says "N added, M updated, K already there"; the file input is emptied
 * after reading so the same file can be picked again; use counts are in the browser's number style.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { TemplatesSection } from '../../entrypoints/options/TemplatesSection';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { createDb } from '../../lib/db/schema';
import { importTemplates, listTemplates, parseTemplatesFile, saveTemplate, templatesToCsv, templatesToJson } from '../../lib/db/repositories/templates';
import { setLocale } from '../../lib/i18n';

const fresh = () => createDb(`t-${crypto.randomUUID()}`);
const { render } = reactRoot();
afterEach(() => setLocale('en'));

function pickFile(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const parsed = (text: string, name: string) => {
  const r = parseTemplatesFile(text, name);
  if (!r.ok) throw new Error(r.error);
  return r.templates;
};

describe('importTemplates', () => {
  it('adds nothing when the same JSON or CSV file is imported again, into the brand it came from or another', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: 'Refund', body: 'Your refund is on its way.', tags: ['refund'] });
    await saveTemplate(db, 'b1', { title: 'Delay', body: 'Orders are late this week.', tags: [], language: 'en' });
    const rows = await listTemplates(db, 'b1');
    for (const [text, name] of [[templatesToJson(rows), 'a.json'], [templatesToCsv(rows), 'a.csv']] as const) {
      expect(await importTemplates(db, 'b1', parsed(text, name))).toEqual({ added: 0, updated: 0, unchanged: 2 });
      expect(await db.templates.where('brandId').equals('b1').count()).toBe(2);
      // Another brand gets its own copies once (never the first brand's ids), then nothing more.
      const first = await importTemplates(db, 'b2', parsed(text, name));
      const second = await importTemplates(db, 'b2', parsed(text, name));
      expect([first, second]).toEqual(
        name === 'a.json'
          ? [{ added: 2, updated: 0, unchanged: 0 }, { added: 0, updated: 0, unchanged: 2 }]
          : [{ added: 0, updated: 0, unchanged: 2 }, { added: 0, updated: 0, unchanged: 2 }],
      );
    }
    expect(await db.templates.where('brandId').equals('b2').count()).toBe(2);
    expect((await listTemplates(db, 'b1')).map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('updates a template changed in the file (matched by its id), keeping its use count; a file without ids matches by title, language and body', async () => {
    const db = fresh();
    const kept = await saveTemplate(db, 'b1', { title: 'Refund', body: 'Your refund is on its way.', tags: ['refund'] });
    await db.templates.update(kept.id, { useCount: 7 });
    const file = JSON.parse(templatesToJson(await listTemplates(db, 'b1'))) as { templates: Array<Record<string, unknown>> };
    file.templates[0]!.body = 'Your refund left today.';
    file.templates.push({ title: 'New one', body: 'Hello!', tags: [], language: 'en' });
    expect(await importTemplates(db, 'b1', parsed(JSON.stringify(file), 'edited.json'), 5)).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect(await db.templates.get(kept.id)).toMatchObject({ body: 'Your refund left today.', useCount: 7, updatedAt: 5 });
    // No ids (a hand-written CSV): the same title, language and body is the same template; new tags update it.
    const csv = 'title,body,tags\nNew one,Hello!,greeting\nNew one,Hello!,greeting';
    expect(await importTemplates(db, 'b1', parsed(csv, 'hand.csv'))).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect((await listTemplates(db, 'b1')).map((r) => [r.title, r.tags])).toEqual([['Refund', ['refund']], ['New one', ['greeting']]]);
  });
});

describe('options page: templates import', () => {
  it('says what was added, updated or already there, and imports the same file again without duplicates', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: 'Refund', body: 'Your refund is on its way.', tags: ['refund'] });
    const json = templatesToJson(await listTemplates(db, 'b1'));
    const el = render(<TemplatesSection db={db} brandId="b1" />);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"]');
    await until(() => !!el.querySelector('[data-testid="template-row"]'), () => el.textContent ?? '');
    const status = () => el.querySelector('[role="status"]')?.textContent ?? '';
    let value = 'C:\\fakepath\\templates.json';
    Object.defineProperty(input()!, 'value', { configurable: true, get: () => value, set: (v: string) => (value = v) });
    await act(async () => pickFile(input()!, new File([json], 'templates.json', { type: 'application/json' })));
    await until(() => !!status(), () => el.textContent ?? '');
    expect(status()).toBe('Templates imported: 0 added, 0 updated, 1 already there.');
    expect(value).toBe('');
    expect(await db.templates.count()).toBe(1);

    setLocale('es');
    const two = JSON.parse(json) as { templates: Array<Record<string, unknown>> };
    two.templates.push({ title: 'Hola', body: '¡Hola!', tags: [], language: 'es' }, { title: 'Adiós', body: '¡Adiós!', tags: [], language: 'es' });
    await act(async () => pickFile(input()!, new File([JSON.stringify(two)], 'templates.json', { type: 'application/json' })));
    await until(() => /añadidas/.test(status()), () => el.textContent ?? '');
    expect(status()).toBe('Plantillas importadas: 2 añadidas, 0 actualizadas, 1 ya estaba.');
  });

  it('shows use counts in the browser number style, with singular and plural', async () => {
    const db = fresh();
    const a = await saveTemplate(db, 'b1', { title: 'A', body: 'a' });
    const b = await saveTemplate(db, 'b1', { title: 'B', body: 'b' });
    await db.templates.update(a.id, { useCount: 12345 });
    await db.templates.update(b.id, { useCount: 1 });
    const el = render(<TemplatesSection db={db} brandId="b1" />);
    await until(() => el.querySelectorAll('[data-testid="template-row"]').length === 2, () => el.textContent ?? '');
    const used = [...el.querySelectorAll('[data-testid="template-row"]')].map((r) => r.querySelectorAll('td')[3]!.textContent);
    expect(used).toEqual([`${(12345).toLocaleString()} times`, '1 time']);
  });
});
