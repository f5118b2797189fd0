/**
 * The problems found in an import or restore file (a CSV row, a backup field, a templates file)
 * are in the interface language like everything else. In Spanish here; the English wording is
 * held by csv-import, csv-stream, restore, robust-import, backup and templates-repo tests.
 *
 * Expected texts are written out in full (not built with t()), so a key that falls back to
 * English, a message built outside t(), or a wrong line number or field path fails here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getLocale, setLocale } from '../../lib/i18n';
import { en, type MessageKey } from '../../lib/i18n/en';
import { es } from '../../lib/i18n/es';
import { importCsv, sniffCsv } from '../../lib/import-export/csv-import';
import { type GenericMapping, readCsvBlob, readCsvRows } from '../../lib/import-export/csv-rows';
import { parseBackup } from '../../lib/import-export/parse-backup';
import { parseBackupOffThread } from '../../lib/import-export/parse-backup-off-thread';
import { exportBackup } from '../../lib/import-export/export';
import { parseTemplatesFile } from '../../lib/db/repositories/templates';
import { dump, fixtureText, freshDb, freshDbWithBrand, seed } from '../fixtures/db/helpers';

beforeEach(() => setLocale('es'));
afterEach(() => {
  setLocale('en');
  vi.unstubAllGlobals();
});

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const edit = (change: (b: Record<string, any>) => void) => {
  const b = JSON.parse(fixtureText()) as Record<string, unknown>;
  change(b);
  return JSON.stringify(b);
};
const refusal = async (input: string | Blob, options?: { maxBytes?: number }) => {
  const result = await parseBackup(input, options);
  if (result.ok) throw new Error('the file was accepted');
  return result.error;
};
/** Words of the English texts these problems used to be; none may be left in a Spanish one. */
const ENGLISH = /\b(expected|got|missing|unknown|forbidden|refused|file|line|rows?|nothing|Too (big|small)|string|number|array|object|problems?)\b/;

const GENERIC: GenericMapping = { conversation: 'conversation', customer: 'customer', direction: 'direction', time: 'time', text: 'text' };
const HEADER = 'conversation,customer,direction,time,text';
const TWCS_HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';

const dbWithBrand = () => freshDbWithBrand('import-es', { id: 'brand-es', name: 'Marca', referencePrefix: 'MAR' });

describe('Spanish problems of a CSV import', () => {
  it('an unknown layout asks, in Spanish, for the columns to be mapped', async () => {
    expect(sniffCsv('a,b\n1,2\n').error).toBe(
      'Formato desconocido: indica qué columna corresponde a cada campo (conversación, cliente, dirección, hora, texto).',
    );
    const db = await dbWithBrand();
    expect(await importCsv(db, { text: 'a,b\n1,2\n', brandId: 'brand-es', platform: 'x' })).toMatchObject({
      ok: false,
      error: 'Formato de CSV desconocido: elige qué columnas contienen la conversación, el cliente, la dirección, la hora y el texto.',
    });
  });

  it('a bad time and a bad direction are reported on their own 1-based lines', async () => {
    const text = [
      HEADER,
      'c1,ann,in,2024-03-01T10:00:00Z,hola',
      'c1,ann,in,mañana a las diez,¿dónde está mi pedido?',
      'c1,ann,sideways,2024-03-01T11:00:00Z,gracias',
      '"c2",bob,out,2024-03-01T12:00:00Z,"dos',
      'líneas"',
      'c2,bob,in,2024-03-01T12:30:00Z,"comilla sin cerrar',
    ].join('\n');
    const read = readCsvRows(text, { layout: 'generic', ...GENERIC });
    expect(read.errors).toEqual([
      { line: 3, message: 'time: no se puede leer la fecha y hora «mañana a las diez»' },
      { line: 4, message: 'direction: se esperaba True/False o in/out, no «sideways»' },
      { line: 7, message: 'falta la comilla de cierre de un campo entre comillas' },
    ]);
    // Read as a stream (the options page's way), the same problems on the same lines.
    expect((await readCsvBlob(new Blob([text]), { layout: 'generic', ...GENERIC })).errors).toEqual(read.errors);

    const db = await dbWithBrand();
    const before = await dump(db);
    const result = await importCsv(db, { text, brandId: 'brand-es', platform: 'x', mapping: { layout: 'generic', ...GENERIC } });
    expect(result).toMatchObject({
      ok: false,
      error: '3 filas tienen problemas; no se ha importado nada. El primero, en la línea 3: time: no se puede leer la fecha y hora «mañana a las diez»',
    });
    expect(await dump(db)).toBe(before);
    const one = await importCsv(db, { text: [HEADER, 'c1,ann,in,ayer,hola'].join('\n'), brandId: 'brand-es', platform: 'x' });
    expect(one).toMatchObject({ ok: false, error: '1 fila tiene problemas; no se ha importado nada. El primero, en la línea 2: time: no se puede leer la fecha y hora «ayer»' });
  });

  it('missing columns, a wrong field count, empty fields, duplicate ids and an empty file', async () => {
    expect(readCsvRows('tweet_id,author_id,text\n1,a,hi\n', { layout: 'twcs' }).fatal).toBe(
      'Faltan las columnas «inbound», «created_at», «response_tweet_id», «in_response_to_tweet_id» (la cabecera tiene «tweet_id», «author_id», «text»).',
    );
    expect(readCsvRows('conversation,customer,direction,text\n', { layout: 'generic', ...GENERIC }).fatal).toBe(
      'Falta la columna «time» (la cabecera tiene «conversation», «customer», «direction», «text»).',
    );
    const AT = 'Tue Oct 31 22:10:47 +0000 2017';
    const twcs = [TWCS_HEADER, `1,u1,True,${AT},hola,,`, '2,u2,True', `,u3,True,${AT},sin id,,`, `4,,True,${AT},sin autor,,`, `1,u5,True,${AT},otra vez,,`].join('\n');
    const db = await dbWithBrand();
    const result = await importCsv(db, { text: twcs, brandId: 'brand-es', platform: 'x', mapping: { layout: 'twcs' }, skipInvalidRows: true });
    expect(result.ok && result.errors).toEqual([
      { line: 3, message: 'se esperaban 7 campos y hay 3' },
      { line: 4, message: 'tweet_id está vacío' },
      { line: 5, message: 'author_id está vacío' },
      { line: 6, message: 'id de mensaje repetido «1» (aparece antes en la línea 2)' },
    ]);
    expect(await importCsv(db, { text: '', brandId: 'brand-es', platform: 'x', mapping: { layout: 'twcs' } })).toMatchObject({ ok: false, error: 'El archivo está vacío.' });
    expect(await importCsv(db, { text: `${TWCS_HEADER}\n`, brandId: 'brand-es', platform: 'x' })).toMatchObject({
      ok: false,
      error: 'El archivo no contiene ninguna conversación con un mensaje entrante.',
    });
    expect(await importCsv(db, { text: 'x', brandId: 'nope', platform: 'x' })).toMatchObject({ ok: false, error: 'No hay ninguna marca con el id «nope».' });
  });
});

describe('Spanish problems of a backup file', () => {
  it('a field of the wrong type, a missing one, an unknown key: with the field path', async () => {
    expect(await refusal(edit((b) => (b.tables.messages[3].sentAt = '2025-01-01')))).toBe(
      'tables.messages[3].sentAt: se esperaba un número, no el texto «2025-01-01»',
    );
    expect(await refusal(edit((b) => delete b.tables.messages[0].text))).toBe('tables.messages[0].text: falta (se esperaba un texto)');
    expect(await refusal(edit((b) => (b.tables.cases = {})))).toBe('tables.cases: se esperaba una lista, no un objeto');
    expect(await refusal(edit((b) => (b.tables.cases[0].revision = 1.5)))).toBe('tables.cases[0].revision: se esperaba un número entero, no el número 1.5');
    expect(await refusal(edit((b) => (b.extra = 1)))).toBe('(archivo): clave desconocida «extra»');
    expect(await refusal(edit((b) => Object.assign(b.tables.notes[0], { shared: true, pinned: false })))).toBe('tables.notes[0]: claves desconocidas «shared», «pinned»');
    expect(await refusal(edit((b) => (b.tables.messages[0].direction = 'sideways')))).toBe(
      'tables.messages[0].direction: se esperaba uno de estos valores: "in", "out", "unknown"; no el texto «sideways»',
    );
    expect(await refusal(edit((b) => (b.version = '1')))).toBe('version: se esperaba uno de estos valores: 1, 2, 3; no el texto «1»');
    expect(await refusal(edit((b) => (b.scope = { kind: 'some' })))).toBe('scope.kind: se esperaba uno de estos valores: "all", "brand"; no el texto «some»');
  });

  it('sizes and limits, duplicates and counts of further problems', async () => {
    expect(await refusal(edit((b) => (b.tables.messages[0].text = 'x'.repeat(200_001))))).toBe(
      `tables.messages[0].text: demasiado largo: se esperaba un texto de como máximo 200000 caracteres (se encontró el texto «${'x'.repeat(40)}…»)`,
    );
    expect(await refusal(edit((b) => (b.tables.cases[0].openedAt = -1)))).toBe(
      'tables.cases[0].openedAt: demasiado pequeño: se esperaba un número mayor o igual que 0 (se encontró el número -1)',
    );
    expect(await refusal(edit((b) => (b.tables.messages[0].sentAt = 2 ** 60)))).toMatch(
      /^tables\.messages\[0\]\.sentAt: demasiado grande: se esperaba un número entero menor o igual que 9007199254740991 \(se encontró el número 1152921504606847000\) \(y 1 problema más\)$/,
    );
    expect(await refusal(edit((b) => (b.tables.brands[0].name = '')))).toBe('tables.brands[0].name: no puede estar vacío');
    expect(await refusal(edit((b) => (b.tables.brands[0].referencePrefix = 'acme')))).toBe(
      'tables.brands[0].referencePrefix: texto no válido: debe seguir el patrón /^[A-Z0-9]{1,8}$/',
    );
    expect(await refusal(edit((b) => b.tables.messages.push({ ...b.tables.messages[2] })))).toMatch(
      /^tables\.messages\[12\]\.id: id repetido «.+» \(aparece antes en tables\.messages\[2\]\)$/,
    );
    expect(await refusal(edit((b) => (b.scope = { kind: 'brand', brandId: B1 })))).toMatch(
      /^tables\.brands\[1\]\.id: fila de la marca «.+» en una copia de seguridad de la marca «b1a4c2e0-1111-4a5b-9c00-00000000a001»/,
    );
    expect(
      await refusal(
        edit((b) => {
          b.tables.messages[3].sentAt = '2025-01-01';
          b.tables.messages[4].sentAt = '2025-01-02';
          b.tables.messages[5].sentAt = '2025-01-03';
        }),
      ),
    ).toBe('tables.messages[3].sentAt: se esperaba un número, no el texto «2025-01-01» (y 2 problemas más)');
  });

  it('prototype-pollution keys, invalid JSON and files that are not a backup', async () => {
    expect(await refusal(fixtureText().replace('"nativeId": "9000000000000000001"', '"nativeId": "9000000000000000001", "__proto__": {"isAdmin": true}'))).toBe(
      'tables.conversations[0].__proto__: clave prohibida «__proto__» (se rechaza para proteger la aplicación de la contaminación de prototipos).',
    );
    expect(await refusal(edit((b) => (b.tables.meta[0].value = { constructor: { prototype: { polluted: true } } })))).toMatch(
      /^tables\.meta\[0\]\.value\.constructor: clave prohibida «constructor»/,
    );
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await refusal(fixtureText().slice(0, 5_000))).toMatch(/^El archivo no es un JSON válido: /);
    expect(await refusal('')).toBe('El archivo está vacío.');
    expect(await refusal('[1,2]')).toBe('Esto no es una copia de seguridad de Caseside (se esperaba un objeto JSON con "format": "caseside-backup").');
    expect(await refusal('{"items":[1]}')).toBe('Esto no es una copia de seguridad de Caseside (se esperaba "format": "caseside-backup").');
    expect(await refusal('{"format":"caseside-backup","version":4}')).toBe(
      'Esta copia de seguridad usa la versión 4 del formato; esta versión de Caseside lee hasta la 3. Actualiza primero la extensión.',
    );
    expect(await refusal('['.repeat(100) + ']'.repeat(100))).toBe(
      'El archivo tiene más de 64 niveles de anidamiento (en el carácter 64); no es una copia de seguridad de Caseside.',
    );
    expect(await refusal(fixtureText(), { maxBytes: 1000 })).toBe('El archivo ocupa 0,0 MB; no se admiten copias de seguridad de más de 0 MB.');
  });

  it('no Spanish problem keeps an English word of the old texts', async () => {
    const problems = await Promise.all([
      refusal(edit((b) => (b.tables.messages[3].sentAt = '2025-01-01'))),
      refusal(edit((b) => delete b.tables.notes)),
      refusal(edit((b) => (b.tables.customers[1].displayName = null))),
      refusal(edit((b) => (b.tables.cases[0].tags = Array.from({ length: 101 }, (_, i) => `t${i}`)))),
      refusal(edit((b) => (b.tables.brands[0].tone.useFirstName = 'yes'))),
      refusal(fixtureText().replace('{', '{"__proto__": {"polluted": true},')),
    ]);
    expect(problems[3]).toBe('tables.cases[0].tags: demasiado largo: se esperaba una lista de como máximo 100 elementos (se encontró una lista)');
    expect(problems[4]).toBe('tables.brands[0].tone.useFirstName: se esperaba true o false, no el texto «yes»');
    for (const p of problems) expect(p).not.toMatch(ENGLISH);
  });

  it('the backup worker answers in the language the page sends, whatever its own', async () => {
    // The page side: parseBackupOffThread tells the worker which language the page uses.
    let sent: unknown;
    class EchoWorker {
      onmessage: ((e: { data: unknown }) => void) | null = null;
      postMessage(request: unknown) {
        sent = request;
        queueMicrotask(() => this.onmessage?.({ data: { ok: false, error: 'x' } }));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', EchoWorker);
    await parseBackupOffThread(new Blob(['{}']));
    expect(sent).toMatchObject({ locale: 'es' });

    // The worker side: started in English (its navigator), told 'es' by the page.
    setLocale('en');
    const posted: unknown[] = [];
    const scope: { onmessage?: (e: { data: unknown }) => Promise<void>; postMessage: (m: unknown) => void } = { postMessage: (m) => posted.push(m) };
    vi.stubGlobal('self', scope);
    vi.resetModules();
    await import('../../lib/import-export/backup-worker');
    const i18n = await import('../../lib/i18n'); // the worker's own copy of the module
    i18n.setLocale('en');
    await scope.onmessage!({ data: { input: new Blob(['{"items":[1]}']), locale: 'es' } });
    expect(posted).toEqual([{ ok: false, error: 'Esto no es una copia de seguridad de Caseside (se esperaba "format": "caseside-backup").' }]);
    expect(i18n.getLocale()).toBe('es');
    i18n.setLocale('en');
  });

  it('a stored row that cannot be exported is named in Spanish', async () => {
    const db = freshDb('export-es');
    await seed(db);
    await db.messages.update(`${B1}/x:m:9000000000000000002`, { sentAt: 'ayer' as unknown as number });
    await expect(exportBackup(db, { kind: 'all' })).rejects.toThrow(
      `No se puede exportar: la fila «${B1}/x:m:9000000000000000002» guardada en mensajes no es válida (sentAt: se esperaba un número, no el texto «ayer»).`,
    );
  });
});

describe('Spanish problems of a templates file', () => {
  it('names the CSV line and field, or the JSON path', () => {
    expect(parseTemplatesFile('title,body\nBien,Vale\n,sin título\n', 'x.csv')).toEqual({ ok: false, error: 'Línea 3: title: no puede estar vacío' });
    expect(parseTemplatesFile('title,body\nBien,\n', 'x.csv')).toEqual({ ok: false, error: 'Línea 2: body: no puede estar vacío' });
    expect(parseTemplatesFile('name,text\na,b', 'x.csv')).toEqual({ ok: false, error: 'El CSV necesita al menos las columnas «title» y «body».' });
    expect(parseTemplatesFile('{"format":"caseside-templates","version":1,"templates":[{"title":5,"body":"b"}]}')).toEqual({
      ok: false,
      error: 'templates[0].title: se esperaba un texto, no el número 5',
    });
    expect(parseTemplatesFile('{"format":"caseside-templates","version":1,"templates":[{"title":"a","body":"b","__proto__":{"x":1}}]}')).toEqual({
      ok: false,
      error: 'El archivo tiene la clave prohibida «__proto__» (se rechaza para proteger la aplicación de la contaminación de prototipos).',
    });
    expect(parseTemplatesFile('   ')).toEqual({ ok: false, error: 'El archivo está vacío.' });
  });
});

describe('the Spanish dictionary for these problems', () => {
  it('has its own text for every import key (none left as the English one)', () => {
    const keys = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith('import.'));
    expect(keys.length).toBeGreaterThan(80);
    expect(keys.filter((k) => es[k] === en[k])).toEqual([]);
  });

  it('leaves the English texts as they were', async () => {
    setLocale('en');
    expect(getLocale()).toBe('en');
    expect(sniffCsv('a,b\n1,2\n').error).toBe('Unknown layout: map the columns (conversation, customer, direction, time, text).');
    expect(await refusal(edit((b) => (b.tables.messages[3].sentAt = '2025-01-01')))).toBe('tables.messages[3].sentAt: expected number, got string "2025-01-01"');
    expect(await refusal(fixtureText().replace('{', '{"__proto__": {"polluted": true},'))).toBe(
      '__proto__: forbidden key "__proto__" (refused to protect the app from prototype pollution).',
    );
  });
});
