/**
 * Files that are not UTF-8 (Excel's plain "CSV" on a Western European Windows is Windows-1252)
 * are read as Windows-1252, not turned into U+FFFD, and the import says so; UTF-8 files, including
 * a slice cut in the middle of a character, stay UTF-8; a file with a UTF-16 byte-order mark is
 * UTF-16 (lib/import-export/text-encoding.ts).
 */
import { describe, expect, it } from 'vitest';
import { decodeBytes, readFileText } from '../../lib/import-export/text-encoding';
import { readCsvStream, sniffCsvFile, type CsvMapping } from '../../lib/import-export/csv-rows';
import { importCsv } from '../../lib/import-export/csv-import';
import { parseTemplatesFile } from '../../lib/db/repositories/templates';
import { freshDbWithBrand } from '../fixtures/db/helpers';

/** Windows-1252 bytes of a text (Latin-1 letters, plus the euro sign at 0x80). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
const HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
// No euro sign here: Node 20's TextDecoder reads windows-1252 as Latin-1 (0x80 → U+0080); the
// browser follows the Encoding Standard (0x80 → €), checked in the options-import e2e test.
const SPANISH = '¿Dónde está mi pedido? Pagué 25 euros el miércoles';

describe('decodeBytes / readFileText', () => {
  it('reads UTF-8 as UTF-8 and anything else as Windows-1252', async () => {
    expect(decodeBytes(new TextEncoder().encode(SPANISH))).toEqual({ text: SPANISH, encoding: 'utf-8' });
    expect(decodeBytes(cp1252(SPANISH))).toEqual({ text: SPANISH, encoding: 'windows-1252' });
    // The first 2 bytes of "ó" (a 2-byte character) end a slice: still UTF-8 when partial.
    const bytes = new TextEncoder().encode('Dónde');
    expect(decodeBytes(bytes.slice(0, 2), true)).toEqual({ text: 'D', encoding: 'utf-8' });
    expect(await readFileText(new Blob([bytes]), 2)).toEqual({ text: 'D', encoding: 'utf-8' });
    expect(await readFileText(new Blob([cp1252(SPANISH)]))).toEqual({ text: SPANISH, encoding: 'windows-1252' });
  });

  it('reads a Windows-1252 templates file with its accents', async () => {
    const { text, encoding } = await readFileText(new Blob([cp1252(`title,body\nPedido,"${SPANISH}"\n`)]));
    expect(encoding).toBe('windows-1252');
    const parsed = parseTemplatesFile(text, 'plantillas.csv');
    expect(parsed.ok && parsed.templates[0]?.body).toBe(SPANISH);
  });
});

describe('CSV import of a Windows-1252 file', () => {
  const TWCS: CsvMapping = { layout: 'twcs' };
  const rows = (n: number) => {
    const lines = [HEADER];
    for (let i = 1; i <= n; i++) lines.push(`${i},cust${i},True,Tue Oct 31 22:10:47 +0000 2017,"${i === n ? SPANISH : `plain ascii ${i}`}",,`);
    return lines.join('\n');
  };

  it('is read whole as Windows-1252 even when the first byte that is not UTF-8 comes late, and says so', async () => {
    // 3,000 ASCII rows (well past the first 64 KiB chunk), then one Spanish row.
    const blob = new Blob([cp1252(rows(3000))]);
    const stream = await readCsvStream(new Blob([cp1252(rows(3))]).stream(), TWCS).catch((e: unknown) => e);
    expect(stream).toBeInstanceOf(Error); // a UTF-8 read refuses the bytes instead of replacing them

    const sniff = await sniffCsvFile(new Blob([cp1252(rows(3))]));
    expect(sniff.encoding).toBe('windows-1252');
    expect(sniff.preview.map((r) => ('text' in r ? r.text : ''))).toContain(SPANISH);

    const db = await dbWithBrand();
    const result = await importCsv(db, { file: blob, brandId: 'b', platform: 'x', now: 1 });
    expect(result).toMatchObject({ ok: true, encoding: 'windows-1252', messages: 3000 });
    const texts = (await db.messages.toArray()).map((m) => m.text);
    expect(texts).toHaveLength(3000);
    expect(texts).toContain(SPANISH);
    expect(texts.some((t) => t.includes('\uFFFD'))).toBe(false);

    // The same file in UTF-8 stays UTF-8.
    const utf8 = await importCsv(await dbWithBrand(), { file: new Blob([rows(3)]), brandId: 'b', platform: 'x', now: 1 });
    expect(utf8).toMatchObject({ ok: true, encoding: 'utf-8' });
  });
});

const dbWithBrand = () => freshDbWithBrand('csv-encoding', { id: 'b', name: 'Acme', referencePrefix: 'A' });

/** UTF-16 bytes with their byte-order mark, as Excel saves "Unicode Text". */
const utf16 = (text: string, endian: 'le' | 'be') => {
  const le = Buffer.from(text, 'utf16le');
  const bytes = endian === 'le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1]!));
  return Uint8Array.from([...(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), ...bytes]);
};

describe('a UTF-16 file (Excel "Unicode Text")', () => {
  const TEXT = `${SPANISH} 😡`;
  it('is read as UTF-16 by its byte-order mark, tabs between columns, accents and emoji intact', async () => {
    const tsv = [HEADER.replaceAll(',', '\t'), `1\tana\tTrue\tTue Oct 31 22:10:47 +0000 2017\t${TEXT}\t\t`].join('\r\n');
    const sniff = await sniffCsvFile(new Blob([utf16(tsv, 'le')]));
    expect(sniff.encoding).toBe('utf-16le');
    expect(sniff.preview.map((r) => ('text' in r ? r.text : ''))).toEqual([TEXT]);
    const db = await dbWithBrand();
    const result = await importCsv(db, { file: new Blob([utf16(tsv, 'le')]), brandId: 'b', platform: 'x', now: 1 });
    expect(result).toMatchObject({ ok: true, encoding: 'utf-16le', messages: 1 });
    expect((await db.messages.toArray()).map((m) => m.text)).toEqual([TEXT]);
  });

  it('reads a UTF-16 templates file, big-endian too', async () => {
    for (const endian of ['le', 'be'] as const) {
      const { text, encoding } = await readFileText(new Blob([utf16(`title\tbody\nPedido\t${TEXT}\n`, endian)]));
      expect(encoding).toBe(`utf-16${endian}`);
      const parsed = parseTemplatesFile(text, 'plantillas.csv');
      expect(parsed.ok && parsed.templates[0]?.body).toBe(TEXT);
    }
  });
});

describe('a file that cannot be read at all', () => {
  it('is refused by the preview and the import with the reason in the agent\'s words, writing nothing', async () => {
    const gone = () => new DOMException('The requested file could not be read, typically due to permission problems.', 'NotReadableError');
    const file = new Blob([`${HEADER}\n1,cust1,True,Tue Oct 31 22:10:47 +0000 2017,"hi",,`]);
    file.arrayBuffer = () => Promise.reject(gone());
    file.stream = () => new ReadableStream({ pull: (c) => c.error(gone()) });
    const message = 'The file could not be read: it changed or moved while it was being read; choose it again';
    expect((await sniffCsvFile(file)).error).toBe(message);
    const db = await dbWithBrand();
    expect(await importCsv(db, { file, brandId: 'b', platform: 'x', mapping: { layout: 'twcs' } })).toEqual({ ok: false, error: message, errors: [] });
    expect(await db.messages.count()).toBe(0);
  });
});

