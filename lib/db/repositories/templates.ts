/**
 * A brand's reply templates: CRUD, use counts, and import/export as JSON or CSV (papaparse).
 * Imports are validated whole before anything is written, then written in one transaction.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import type { CasesideDb } from '../schema';
import { TemplateSchema, type Template } from '../records';
import { newId } from '../ids';
import { t } from '../../i18n';
import { formatIssue } from '../../import-export/backup-schema';
import { describeJsonProblem, stripBom } from '../../import-export/json-problem';
import { parseCsvRecords, parseProblem } from '../../import-export/csv-rows';
import { brokenPlaceholders } from '../../suggest/variables';

class ForbiddenKey extends Error {}

export const TemplateInputSchema = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  // A placeholder with a brace missing or extra would be inserted as literal braces: refused,
  // naming it (on save and on import, where the file's line or path comes first).
  body: z
    .string()
    .min(1, 'a body is required')
    .max(20_000)
    .superRefine((body, ctx) => {
      const broken = brokenPlaceholders(body);
      if (broken.length) ctx.addIssue({ code: 'custom', message: t('templates.brokenPlaceholder', { names: broken.map((b) => `"${b}"`).join(', ') }) });
    }),
  tags: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
  language: z.string().trim().max(20).default('en'),
});
export type TemplateInput = z.input<typeof TemplateInputSchema>;

/**
 * A template read from a templates file: with the id it was exported with, when the file has one.
 * Tags and language are absent when the file has no such column (a CSV cut down in a spreadsheet):
 * a stored template it updates keeps its own, a new one gets none and English.
 */
export const ImportedTemplateSchema = TemplateInputSchema.extend({
  id: z.string().trim().max(400).optional(),
  tags: TemplateInputSchema.shape.tags.unwrap().optional(),
  language: TemplateInputSchema.shape.language.unwrap().optional(),
});
export type ImportedTemplate = z.output<typeof ImportedTemplateSchema>;

export async function listTemplates(db: CasesideDb, brandId: string): Promise<Template[]> {
  const rows = await db.templates.where('brandId').equals(brandId).toArray();
  return rows.sort((a, b) => b.useCount - a.useCount || a.title.localeCompare(b.title));
}

export async function saveTemplate(db: CasesideDb, brandId: string, input: TemplateInput, id?: string, now = Date.now()): Promise<Template> {
  const parsed = TemplateInputSchema.safeParse(input);
  // Said in the interface language, field first ("title: must not be empty").
  if (!parsed.success) throw new Error(parsed.error.issues.map(formatIssue).join('; '));
  const data = parsed.data;
  return db.transaction('rw', db.templates, async () => {
    const existing = id ? await db.templates.get(id) : undefined;
    if (existing && existing.brandId !== brandId) throw new Error(t('templates.otherBrand'));
    const row = TemplateSchema.parse({
      id: existing?.id ?? newId(),
      brandId,
      ...data,
      useCount: existing?.useCount ?? 0,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.templates.put(row);
    return row;
  });
}

/**
 * A title for a template made from a reply: its first words without variables, at most 60
 * characters, cut at a word ("Sorry for the wait! Orders are running a few days late…").
 */
export function titleFromBody(body: string): string {
  const words = body.replace(/\s*\{\{[^{}]*\}\}/gu, '').replace(/\s+/gu, ' ').trim();
  if (words.length <= 60) return words || '…';
  const cut = words.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/u, '')}…`;
}

export async function deleteTemplate(db: CasesideDb, brandId: string, id: string): Promise<void> {
  await db.transaction('rw', db.templates, async () => {
    const row = await db.templates.get(id);
    if (row?.brandId === brandId) await db.templates.delete(id);
  });
}

export async function countTemplateUse(db: CasesideDb, brandId: string, id: string): Promise<void> {
  await db.templates
    .where('id')
    .equals(id)
    .filter((t) => t.brandId === brandId)
    .modify((t) => {
      t.useCount += 1;
    });
}

/** The id goes last: a spreadsheet shows the columns people edit first, and an import matches by it. */
const CSV_COLUMNS = ['title', 'body', 'tags', 'language', 'id'] as const;

export function templatesToJson(templates: Template[]): string {
  return JSON.stringify(
    { format: 'caseside-templates', version: 1, templates: templates.map(({ id, title, body, tags, language }) => ({ title, body, tags, language, id })) },
    null,
    2,
  );
}

/**
 * Cells a spreadsheet could run as a formula: those starting with = + - @ tab or CR, on one line
 * or several (Papa's own `escapeFormulae: true` test has no `s` flag, so `.*$` misses a cell with
 * a line break), and those already starting with apostrophes before such a character, so the
 * import, which removes one apostrophe, gives them back as they were.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/u;

/**
 * The tags of a template as one CSV cell: "refund; vip". The import splits a cell on ";" and on
 * "," (a hand-typed "refund, vip" works too), so a tag that holds either, or that starts with a
 * double quote, is written in double quotes with its own quotes doubled, as a spreadsheet writes a
 * cell: `"refund; partial"; vip`. Plain tags stay as they were, so the cell is still easy to edit.
 * The template editor's tags field is the same text with ", " between tags (Options → Templates).
 */
export function tagsToCell(tags: readonly string[], separator = '; '): string {
  return tags.map((tag) => (/[;,]|^\s*"/u.test(tag) ? `"${tag.replaceAll('"', '""')}"` : tag)).join(separator);
}

/**
 * The tags in a CSV cell (tagsToCell): split on ";" or ",", except inside double quotes that open
 * a tag (`"a; b"`, with `""` for a quote). Files written before tags were quoted read as before:
 * a quote inside a tag (`say "hi"`) is literal, and so is an opening quote never closed.
 */
export function tagsFromCell(cell: string): string[] {
  const tags: string[] = [];
  let i = 0;
  while (i <= cell.length) {
    const rest = cell.slice(i);
    const quoted = /^\s*"((?:[^"]|"")*)"\s*(?:[;,]|$)/u.exec(rest);
    if (quoted) {
      tags.push(quoted[1]!.replaceAll('""', '"').trim());
      i += quoted[0].length;
      if (i >= cell.length) break;
      continue;
    }
    const plain = /^[^;,]*/u.exec(rest)![0];
    tags.push(plain.trim());
    i += plain.length + 1;
  }
  return tags.filter(Boolean);
}

/**
 * CSV for editing templates in a spreadsheet. It starts with a byte-order mark, so Excel reads it
 * as UTF-8 (accents, emoji) rather than in the system's code page, and a cell that begins with
 * = + - @ (a reply starting "@{{customer.handle}}") gets a leading apostrophe, so a spreadsheet
 * shows it as text instead of running it as a formula (CSV injection). The import removes both.
 */
export function templatesToCsv(templates: Template[]): string {
  const csv = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: templates.map((t) => [t.title, t.body, tagsToCell(t.tags), t.language, t.id]) },
    { escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${csv}`;
}

/** A cell exported with the apostrophe that keeps spreadsheets from running it (templatesToCsv). */
const unescapeFormula = (cell: string): string => (FORMULA_START.test(cell) && cell.startsWith("'") ? cell.slice(1) : cell);

export type ParsedTemplates = { ok: true; templates: ImportedTemplate[] } | { ok: false; error: string };

const JsonFileSchema = z.object({
  format: z.literal('caseside-templates'),
  version: z.literal(1),
  templates: z.array(ImportedTemplateSchema).max(20_000),
});

/**
 * Parse a templates file (JSON from Caseside, or CSV with title, body, tags, language). Never
 * throws; a problem is one sentence in the interface language, naming the field (and CSV line).
 */
export function parseTemplatesFile(text: string, fileName = ''): ParsedTemplates {
  const trimmed = stripBom(text).trim();
  if (!trimmed) return { ok: false, error: t('import.emptyFile') };
  if (fileName.endsWith('.json') || trimmed.startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed, (key, value: unknown) => {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new ForbiddenKey(t('import.templates.forbiddenKey', { key }));
        return value;
      });
    } catch (e) {
      // Lines and columns count from the file as the agent sees it (before trimming).
      return { ok: false, error: e instanceof ForbiddenKey ? e.message : describeJsonProblem(stripBom(text)) };
    }
    const r = JsonFileSchema.safeParse(raw, { reportInput: true });
    if (!r.success) return { ok: false, error: formatIssue(r.error.issues[0]!) };
    return { ok: true, templates: r.data.templates.map(({ id, ...rest }) => (id ? { ...rest, id } : rest)) };
  }
  // Lines are counted in the file as the agent sees it: blank lines trimmed from its start count.
  const untrimmed = stripBom(text);
  const leadingBreaks = untrimmed.slice(0, untrimmed.length - untrimmed.trimStart().length).split('\n').length - 1;
  const records: Array<{ cells: string[]; errors: Papa.ParseError[]; line: number }> = [];
  parseCsvRecords(trimmed, (cells, errors, line) => {
    records.push({ cells, errors, line: line + leadingBreaks });
    return true;
  });
  // An unclosed or stray quote, or a row with more cells than the header (an unquoted comma),
  // would shift or swallow cells: the file is refused, naming the line, rather than guessed at.
  // (A row with fewer cells only leaves its last columns empty.) A file of one column has no
  // delimiter to find: that is not a problem of its own (it lacks "title" or "body").
  const quoteProblem = ({ errors, line }: (typeof records)[number]) => {
    const problems = errors.filter((e) => e.code !== 'UndetectableDelimiter');
    return problems.length ? t('import.templates.line', { line, problem: problems.map(parseProblem).join('; ') }) : null;
  };
  const [head, ...rows] = records;
  const headProblem = head && quoteProblem(head);
  if (headProblem) return { ok: false, error: headProblem };
  const columns = (head?.cells ?? []).map((h) => h.trim().toLowerCase());
  if (!columns.includes('title') || !columns.includes('body')) return { ok: false, error: t('import.templates.needsColumns') };
  const at = (cells: string[], column: (typeof CSV_COLUMNS)[number]) => {
    const i = columns.indexOf(column);
    return i < 0 ? '' : (cells[i] ?? '');
  };
  const templates: ImportedTemplate[] = [];
  for (const row of rows) {
    const { cells, line } = row;
    const problem = quoteProblem(row);
    if (problem) return { ok: false, error: problem };
    if (cells.length > columns.length) {
      return { ok: false, error: t('import.templates.line', { line, problem: t('import.csv.fieldCount', { expected: columns.length, found: cells.length }) }) };
    }
    const id = at(cells, 'id').trim();
    const r = ImportedTemplateSchema.safeParse(
      {
        ...(id ? { id } : {}),
        title: unescapeFormula(at(cells, 'title')),
        body: unescapeFormula(at(cells, 'body')),
        ...(columns.includes('tags') ? { tags: tagsFromCell(unescapeFormula(at(cells, 'tags'))) } : {}),
        ...(columns.includes('language') ? { language: unescapeFormula(at(cells, 'language')) || 'en' } : {}),
      },
      { reportInput: true },
    );
    if (!r.success) return { ok: false, error: t('import.templates.line', { line, problem: formatIssue(r.error.issues[0]!) }) };
    templates.push(r.data);
  }
  return { ok: true, templates };
}

export type TemplateImportResult = { added: number; updated: number; unchanged: number };

const sameContent = (a: { title: string; body: string; tags: string[]; language: string }, b: typeof a) =>
  a.title === b.title && a.body === b.body && a.language === b.language && a.tags.length === b.tags.length && a.tags.every((tag, i) => tag === b.tags[i]);
const contentKey = (t: { title: string; body: string; language: string }) => `${t.language}\u0000${t.title}\u0000${t.body}`;

/**
 * Add parsed templates to a brand in one transaction (all or nothing), without duplicating what
 * the brand already has: an imported template is the stored one of this brand with the id it was
 * exported with or, failing that, with the same title, language and body. An identical one is
 * left as it is, a changed one is updated (its use count kept), any other is added. Importing the
 * same file twice therefore adds nothing the second time. A new template keeps its exported id
 * unless that id is taken (by another brand's template), so a later edited file still matches it.
 */
export async function importTemplates(db: CasesideDb, brandId: string, templates: ImportedTemplate[], now = Date.now()): Promise<TemplateImportResult> {
  return db.transaction('rw', db.templates, async () => {
    const stored = await db.templates.where('brandId').equals(brandId).toArray();
    const byId = new Map(stored.map((row) => [row.id, row]));
    const byContent = new Map(stored.map((row) => [contentKey(row), row]));
    const written = new Map<string, Template>();
    const result: TemplateImportResult = { added: 0, updated: 0, unchanged: 0 };
    const added = new Set<string>();
    for (const { id: exportedId, ...given } of templates) {
      const input = { ...given, language: given.language ?? 'en', tags: given.tags ?? [] };
      const match = (exportedId ? byId.get(exportedId) : undefined) ?? byContent.get(contentKey(input));
      let row: Template;
      if (match) {
        // A column the file lacks leaves the stored value as it is.
        if (given.language === undefined) input.language = match.language;
        if (given.tags === undefined) input.tags = match.tags;
        if (sameContent(match, input)) {
          result.unchanged++;
          continue;
        }
        row = TemplateSchema.parse({ ...match, ...input, updatedAt: now });
        byContent.delete(contentKey(match));
        if (!added.has(row.id)) result.updated++;
      } else {
        const free = exportedId && !byId.has(exportedId) && !written.has(exportedId) && !(await db.templates.get(exportedId));
        row = TemplateSchema.parse({ id: free ? exportedId : newId(), brandId, ...input, useCount: 0, createdAt: now, updatedAt: now });
        added.add(row.id);
        result.added++;
      }
      byId.set(row.id, row);
      byContent.set(contentKey(row), row);
      written.set(row.id, row);
    }
    // New rows are added (never written over a row that appeared meanwhile), changed ones put.
    await db.templates.bulkAdd([...written.values()].filter((row) => added.has(row.id)));
    await db.templates.bulkPut([...written.values()].filter((row) => !added.has(row.id)));
    return result;
  });
}
