/**
 * Tags in the templates CSV (lib/db/repositories/templates.ts): one cell, tags separated by
 * "; ". A tag that itself holds ";" or "," (the import splits on both) is written in double
 * quotes, as a spreadsheet writes a cell: `"refund; partial"; vip`. Files written before (plain
 * "a; b" or "a, b") read as they always did.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { listTemplates, parseTemplatesFile, saveTemplate, templatesToCsv } from '../../lib/db/repositories/templates';

const fresh = () => createDb(`t-${crypto.randomUUID()}`);
/** The tags cell of each data row, as a spreadsheet shows it. */
const tagCells = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1).map((row) => row[2]);

describe('templates CSV tags', () => {
  it('round-trips tags holding ";", ",", quotes and backslashes', async () => {
    const db = fresh();
    const tags = ['refund; partial', 'plain', 'a,b', '"quoted"', 'say "hi"', 'C:\\path', ' spaced ; out ', ';', 'x;y;z'];
    await saveTemplate(db, 'b1', { title: 'Tags', body: 'Hello', tags });
    const rows = await listTemplates(db, 'b1');
    const parsed = parseTemplatesFile(templatesToCsv(rows), 'templates.csv');
    expect(parsed.ok && parsed.templates.map((t) => t.tags)).toEqual([rows[0]!.tags]);
    expect(rows[0]!.tags).toContain('refund; partial');
  });

  it('writes plain tags as before and quotes only those that need it, so the cell stays easy to edit', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: 'A', body: 'a', tags: ['refund', 'vip'] });
    await saveTemplate(db, 'b1', { title: 'B', body: 'b', tags: ['refund; partial', 'vip', '"quoted"'] });
    const rows = await listTemplates(db, 'b1');
    const cells = tagCells(templatesToCsv(rows));
    expect(cells).toEqual(
      rows.map((r) => (r.title === 'A' ? 'refund; vip' : '"refund; partial"; vip; """quoted"""')),
    );
  });

  it('a tag starting with a formula character, quoted or not, is still kept from running and comes back', async () => {
    const db = fresh();
    await saveTemplate(db, 'b1', { title: 'F', body: 'f', tags: ['=1;2', '-urgent'] });
    await saveTemplate(db, 'b1', { title: 'G', body: 'g', tags: ['-urgent', '=1;2'] });
    const rows = await listTemplates(db, 'b1');
    const csv = templatesToCsv(rows);
    for (const cell of tagCells(csv)) expect(cell).not.toMatch(/^[=+\-@]/u);
    const parsed = parseTemplatesFile(csv, 'templates.csv');
    expect(parsed.ok && parsed.templates.map((t) => t.tags)).toEqual(rows.map((r) => r.tags));
  });

  it('reads files written by the old export and by hand as before', () => {
    const old = 'title,body,tags,language,id\nA,a,refund; money,en,id-1\nB,b,"envío, retraso",es,id-2\nC,c,,en,id-3\nD,d,say "hi"; x,en,id-4\n';
    const parsed = parseTemplatesFile(old, 'old.csv');
    expect(parsed.ok && parsed.templates.map((t) => t.tags)).toEqual([['refund', 'money'], ['envío', 'retraso'], [], ['say "hi"', 'x']]);
    // An unclosed quote inside the cell is a literal quote, not the rest of the cell swallowed.
    const stray = parseTemplatesFile('title,body,tags\nA,a,"""vip; gold"\n', 'x.csv');
    expect(stray.ok && stray.templates[0]!.tags).toEqual(['"vip', 'gold']);
  });

  it('reads quoted tags typed in a spreadsheet, with spaces around them', () => {
    const csv = 'title,body,tags\nA,a,"  ""refund; partial""  ;vip ; ""a, b"""\n';
    const parsed = parseTemplatesFile(csv, 'x.csv');
    expect(parsed.ok && parsed.templates[0]!.tags).toEqual(['refund; partial', 'vip', 'a, b']);
  });
});
