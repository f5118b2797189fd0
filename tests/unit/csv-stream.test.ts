/**
 * Reading a CSV file as a stream (readCsvBlob) gives exactly what parsing the same text whole
 * gives (readCsvRows): rows, problems and their line numbers — including characters whose bytes
 * straddle two chunks of the file, quoted fields with line breaks, blank lines and a BOM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvBlob, readCsvRows, readCsvStream, type CsvMapping } from '../../lib/import-export/csv-rows';
import { importCsv } from '../../lib/import-export/csv-import';
import { dump, freshDb } from '../fixtures/db/helpers';

const TWCS: CsvMapping = { layout: 'twcs' };
const HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
const row = (id: number, text: string, inbound = true, time = 'Tue Oct 31 22:10:47 +0000 2017') =>
  `${id},${inbound ? `cust${id}` : 'AcmeSupport'},${inbound ? 'True' : 'False'},${time},"${text.replaceAll('"', '""')}",,`;

/**
 * The text's bytes as a stream of `chunkBytes`-byte chunks. (A Blob's stream in the test DOM
 * comes as one chunk; Chromium's comes in 64 KiB pieces, cut wherever the bytes fall.)
 */
const streamOf = (text: string, chunkBytes = 4093) => {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += chunkBytes)));
    },
  });
};
const blobOf = (text: string) => new Blob([text]);

describe('readCsvBlob', () => {
  it('keeps multi-byte characters whole when their bytes are split between chunks', async () => {
    // 4-byte emoji and 2-byte letters in 4,093-byte chunks: chunk edges fall inside characters.
    const lines = [HEADER];
    for (let i = 1; i <= 3000; i++) lines.push(row(i, `${'x'.repeat(i % 3)}🌻 Mañana señor ${'🌻'.repeat(i % 7)} ok`));
    const text = lines.join('\n');
    const whole = readCsvRows(text, TWCS);
    const streamed = await readCsvStream(streamOf(text), TWCS);
    expect(whole.rows).toHaveLength(3000);
    expect(streamed.rows).toEqual(whole.rows);
    expect(streamed.rows.some((r) => r.text.includes('\uFFFD'))).toBe(false);
  });

  it('gives the same line numbers for quoted line breaks (LF and CRLF), blank lines and bad rows', async () => {
    const text =
      '\uFEFF' +
      [
        HEADER,
        row(1, 'first line\nsecond line'),
        '',
        row(2, 'windows\r\nbreak', false),
        row(3, 'bad time', true, 'Tue Oct 32 22:08:27 +0000 2017'),
        '',
        '',
        row(4, 'three\nline\nquote'),
        '5,cust5,maybe,Tue Oct 31 22:10:47 +0000 2017,"odd direction",,',
        '6,too,few',
        row(7, 'last'),
      ].join('\r\n') +
      '\r\n';
    const whole = readCsvRows(text, TWCS);
    const streamed = await readCsvStream(streamOf(text, 7), TWCS);
    expect(whole.errors.map((e) => e.line)).toEqual([7, 13, 14]);
    expect(streamed.columns).toEqual(whole.columns);
    expect(streamed.errors).toEqual(whole.errors);
    expect(streamed.rows).toEqual(whole.rows);
    expect(streamed.rows.map((r) => r.line)).toEqual([2, 5, 10, 15]);
  });

  it('past the first 64 KiB too: CRLF rows cut into 7-byte chunks keep no stray CR and the right lines', async () => {
    const block = (k: number) => [
      row(k, 'first line\nsecond line'),
      '',
      row(k + 1, 'windows\r\nbreak ñ 🌻', false),
      row(k + 2, 'bad time', true, 'Tue Oct 32 22:08:27 +0000 2017'),
      `${k + 3},too,few`,
    ];
    const lines = [HEADER];
    for (let k = 1; lines.length < 5000; k += 4) lines.push(...block(k));
    const text = lines.join('\r\n') + '\r\n';
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const whole = readCsvRows(text, TWCS);
    const streamed = await readCsvStream(streamOf(text, 7), TWCS);
    expect(whole.errors.length).toBeGreaterThan(1000);
    expect(streamed.errors).toEqual(whole.errors);
    expect(streamed.rows).toEqual(whole.rows);
    expect(streamed.rows.some((r) => r.responses.some((x) => x.includes('\r')) || r.inReplyTo?.includes('\r'))).toBe(false);
  });

  it('stops after the header when asked (layout guess) and names missing columns', async () => {
    const text = `${HEADER}\n${row(1, 'hi')}\n`;
    const head = await readCsvBlob(blobOf(text), null, { limit: 0 });
    expect(head.columns).toEqual(HEADER.split(','));
    expect(head.dataRows).toBe(0);
    const missing = await readCsvBlob(blobOf('tweet_id,text\n1,hi\n'), TWCS);
    expect(missing.fatal).toMatch(/^Missing columns "author_id", "inbound", "created_at"/);
    expect((await readCsvBlob(new Blob([]), TWCS)).fatal).toBe('The file is empty.');
  });

  it('reports the bytes read as it goes', async () => {
    const text = [HEADER, ...Array.from({ length: 3000 }, (_, i) => row(i + 1, 'progress '.repeat(10)))].join('\n');
    const seen: number[] = [];
    await readCsvStream(streamOf(text), TWCS, { onBytes: (b) => seen.push(b) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('importCsv from a file', () => {
  const TWCS_FILE = path.resolve(process.cwd(), '../shared/data/twcs/twcs_head5000.csv');

  it('imports the same as from text, and a bad file (as a file) leaves the store unchanged', async () => {
    const text = fs.readFileSync(TWCS_FILE, 'utf8');
    const brand = {
      id: 'b', name: 'Imported', referencePrefix: 'IMP', accounts: [], signature: '',
      tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
    };
    const fromText = freshDb('csv-text');
    const fromFile = freshDb('csv-file');
    await fromText.brands.put(brand);
    await fromFile.brands.put(brand);
    const a = await importCsv(fromText, { text, brandId: 'b', platform: 'x', now: 1 });
    const b = await importCsv(fromFile, { file: blobOf(text), brandId: 'b', platform: 'x', now: 1 });
    expect(b).toEqual(a);
    expect(a.ok && a.messages).toBeGreaterThan(2000);
    // Customer ids are random; everything else is the same record for record.
    const stored = async (db: typeof fromText) => {
      const handleOf = new Map((await db.customers.toArray()).map((c) => [c.id, c.identityKeys[0]]));
      const noIds = <T extends { customerId: string }>(r: T) => ({ ...r, customerId: handleOf.get(r.customerId) });
      return {
        customers: (await db.customers.toArray()).map((c) => ({ ...c, id: undefined })).sort((x, y) => x.identityKeys[0]!.localeCompare(y.identityKeys[0]!)),
        conversations: (await db.conversations.orderBy('id').toArray()).map(noIds),
        messages: (await db.messages.orderBy('id').toArray()).map(noIds),
      };
    };
    expect(await stored(fromFile)).toEqual(await stored(fromText));

    const before = await dump(fromFile);
    const broken = text.replace('Tue Oct 31 22:08:27 +0000 2017', 'Tue Oct 32 22:08:27 +0000 2017');
    const refused = await importCsv(fromFile, { file: blobOf(broken), brandId: 'b', platform: 'x' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]).toEqual({ line: 4, message: 'created_at: unreadable time "Tue Oct 32 22:08:27 +0000 2017"' });
    expect(await dump(fromFile)).toBe(before);
  });
});
