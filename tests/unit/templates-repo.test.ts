import Papa from 'papaparse';
import { setLocale } from '../../lib/i18n';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import {
  importTemplates,
  listTemplates,
  parseTemplatesFile,
  saveTemplate,
  templatesToCsv,
  templatesToJson,
  deleteTemplate,
} from '../../lib/db/repositories/templates';

const fresh = () => createDb(`t-${crypto.randomUUID()}`);

describe('templates', () => {
  it('round-trips through JSON and CSV, including commas, quotes and new lines', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: 'Refund, "fast"', body: 'Hi {{customer.first_name}},\nyour refund is on its way.', tags: ['refund', 'money'] });
    const rows = await listTemplates(db, 'b1');
    for (const [text, name] of [[templatesToJson(rows), 'a.json'], [templatesToCsv(rows), 'a.csv']] as const) {
      const parsed = parseTemplatesFile(text, name);
      // The exported id comes back: importing the file again matches it instead of duplicating it.
      expect(parsed).toEqual({ ok: true, templates: [{ title: 'Refund, "fast"', body: rows[0]!.body, tags: ['refund', 'money'], language: 'en', id: rows[0]!.id }] });
    }
  });

  it('exports CSV that a spreadsheet reads as UTF-8 and never runs as a formula, and imports it back unchanged', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: '=HYPERLINK("http://evil.example","Refund")', body: '@{{customer.handle}} ¿Dónde está tu pedido? 📦', tags: ['-urgent', 'envío'], language: 'es' });
    await saveTemplate(db, 'b1', { title: '+1 for patience', body: "'Quoted' on purpose", tags: [] });
    const rows = await listTemplates(db, 'b1');
    const csv = templatesToCsv(rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Refund"")"`);
    expect(csv).toContain(`"'@{{customer.handle}} ¿Dónde está tu pedido? 📦"`);
    expect(csv).toContain(`"'-urgent; envío"`);
    // No cell of the file starts with a formula character.
    const cells = csv.slice(1).split(/\r?\n/u).flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^"?[=+\-@]/u.test(c))).toEqual([]);
    const parsed = parseTemplatesFile(csv, 'templates.csv');
    expect(parsed.ok && parsed.templates).toEqual(rows.map(({ id, title, body, tags, language }) => ({ title, body, tags, language, id })));
  });

  it('protects multi-line cells that start with a formula character too, and imports them back unchanged', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: 'Greeting', body: '@{{customer.handle}} Hi!\nThanks for writing.', tags: [] });
    await saveTemplate(db, 'b1', { title: 'Link', body: '=HYPERLINK("http://evil.example","Refund")\n', tags: ['-a', 'b'] });
    await saveTemplate(db, 'b1', { title: 'Tabbed', body: '\tindented\r\nsecond line', tags: [] });
    // Already starting with an apostrophe before a formula character: kept as written.
    await saveTemplate(db, 'b1', { title: 'Quoted formula', body: "'=1+1\nstays text", tags: [] });
    const rows = await listTemplates(db, 'b1');
    const csv = templatesToCsv(rows);
    expect(csv).toContain(`"'@{{customer.handle}} Hi!\nThanks for writing."`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Refund"")\n"`);
    expect(csv).toContain(`"'\tindented\r\nsecond line"`);
    expect(csv).toContain(`"''=1+1\nstays text"`);
    // Read as a spreadsheet would: no cell starts with a formula character.
    const cells = Papa.parse<string[]>(csv.slice(1)).data.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/u.test(c))).toEqual([]);
    const parsed = parseTemplatesFile(csv, 'templates.csv');
    expect(parsed.ok && parsed.templates).toEqual(rows.map(({ id, title, body, tags, language }) => ({ title, body, tags, language, id })));
  });

  it('refuses a CSV whose row has too many fields or an unclosed quote, naming the line, and writes nothing', async () => {
    const db = fresh();
    const tooMany = 'title,body,tags,language\nGood,Fine,,en\n"Multi\nline",ok,,en\nShifted,Hi, there,,en\n';
    expect(parseTemplatesFile(tooMany, 'x.csv')).toEqual({ ok: false, error: 'Line 5: expected 4 fields, found 5' });
    const unclosed = 'title,body\nGood,Fine\nBroken,"never closed\nSwallowed,row\n';
    expect(parseTemplatesFile(unclosed, 'x.csv')).toEqual({ ok: false, error: 'Line 3: Quoted field unterminated' });
    setLocale('es');
    try {
      expect(parseTemplatesFile(tooMany, 'x.csv')).toEqual({ ok: false, error: 'Línea 5: se esperaban 4 campos y hay 5' });
    } finally {
      setLocale('en');
    }
    // A row with fewer cells only leaves the optional columns empty.
    expect(parseTemplatesFile('title,body,tags,language\nShort,row\n', 'x.csv')).toEqual({
      ok: true,
      templates: [{ title: 'Short', body: 'row', tags: [], language: 'en' }],
    });
    expect(await db.templates.count()).toBe(0);
  });

  it('reads a CSV saved by a Spanish Excel (semicolons between columns, commas inside cells)', () => {
    expect(parseTemplatesFile('title;body;tags;language\nPedido;"¿Dónde está, Ana?";envío, retraso;es\n', 'plantillas.csv')).toEqual({
      ok: true,
      templates: [{ title: 'Pedido', body: '¿Dónde está, Ana?', tags: ['envío', 'retraso'], language: 'es' }],
    });
  });

  it('rejects a bad file with the line and field, writing nothing', async () => {
    const db = fresh();
    const parsed = parseTemplatesFile('title,body\nGood,Fine\n,missing title\n', 'x.csv');
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(/^Line 3: title/) });
    expect(parseTemplatesFile('{"format":"caseside-templates","version":1,"templates":[{"title":"a","body":"b","__proto__":{"x":1}}]}').ok).toBe(false);
    expect(parseTemplatesFile('name,text\na,b', 'x.csv')).toEqual({ ok: false, error: expect.stringContaining('“title” and “body”') });
    expect(await db.templates.count()).toBe(0);
  });

  it('keeps the tags and language of a template a CSV without those columns updates; a new one gets none and English', async () => {
    const db = fresh();
    const es = await saveTemplate(db, 'b1', { title: 'Reembolso', body: 'Tu reembolso está en camino.', tags: ['reembolso'], language: 'es' });
    // Exported, then cut down to title, body and id in a spreadsheet, the body edited.
    const csv = Papa.unparse({ fields: ['title', 'body', 'id'], data: [['Reembolso', 'Tu reembolso llega mañana.', es.id], ['Nuevo', 'Hola', '']] });
    const parsed = parseTemplatesFile(csv, 'cut.csv');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(await importTemplates(db, 'b1', parsed.templates)).toEqual({ added: 1, updated: 1, unchanged: 0 });
    const rows = await listTemplates(db, 'b1');
    expect(rows.map(({ title, body, tags, language }) => ({ title, body, tags, language }))).toEqual([
      { title: 'Nuevo', body: 'Hola', tags: [], language: 'en' },
      { title: 'Reembolso', body: 'Tu reembolso llega mañana.', tags: ['reembolso'], language: 'es' },
    ]);
    // The same file again changes nothing.
    expect(await importTemplates(db, 'b1', parsed.templates)).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('keeps brands apart', async () => {
    const db = fresh();
    const t = await saveTemplate(db, 'b1', { title: 'A', body: 'a' });
    await importTemplates(db, 'b2', [{ title: 'B', body: 'b', tags: [], language: 'en' }]);
    expect((await listTemplates(db, 'b2')).map((x) => x.title)).toEqual(['B']);
    await expect(saveTemplate(db, 'b2', { title: 'hijack', body: 'x' }, t.id)).rejects.toThrow(/another brand/);
    await deleteTemplate(db, 'b2', t.id);
    expect(await db.templates.get(t.id)).toBeTruthy();
  });

  it('refuses an invalid template with the field and the problem, in the interface language, and stores nothing', async () => {
    const db = fresh();
    await expect(saveTemplate(db, 'b1', { title: '  ', body: 'a' })).rejects.toThrow(/^title: must not be empty$/);
    setLocale('es');
    try {
      await expect(saveTemplate(db, 'b1', { title: 'ok', body: '' })).rejects.toThrow(/^body: /);
      await expect(saveTemplate(db, 'b1', { title: 'ok', body: '' })).rejects.not.toThrow(/empty/);
      const t = await saveTemplate(db, 'b1', { title: 'A', body: 'a' });
      await expect(saveTemplate(db, 'b2', { title: 'x', body: 'x' }, t.id)).rejects.toThrow('Esta plantilla pertenece a otra marca.');
    } finally {
      setLocale('en');
    }
    expect(await db.templates.count()).toBe(1);
  });
});

describe('titleFromBody', () => {
  it('takes the first words without variables, cut at a word within 60 characters', async () => {
    const { titleFromBody } = await import('../../lib/db/repositories/templates');
    expect(titleFromBody('Hi {{customer.first_name}}, your refund is on its way. {{agent.signature}}')).toBe('Hi, your refund is on its way.');
    expect(titleFromBody('Sorry for the wait! Orders are running a few days late this week; yours should ship by Friday.')).toBe(
      'Sorry for the wait! Orders are running a few days late this…',
    );
    expect(titleFromBody('{{agent.signature}}')).toBe('…');
    expect(titleFromBody('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
  });
});
