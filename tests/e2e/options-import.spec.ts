/**
 * CSV import through the options page in Chromium, where a chosen file is read as a stream
 * (lib/import-export/csv-rows.ts readCsvBlob) in 64 KiB pieces: a 300 KB CRLF file full of
 * multi-byte characters arrives whole — no U+FFFD where a character straddled two pieces, no
 * stray CR from the line endings — and the page reports what it imported.
 */
import { test, expect, readTable, seedDatabase } from './support/extension';
import { brand } from './support/seed';

const B = 'b-import';
const HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';

test('a large CSV file is imported whole, characters and line endings intact', async ({ context, worker }) => {
  await seedDatabase(worker, { brands: [brand(B, 'Acme', 'ACME', [{ platform: 'x', handle: 'AcmeSupport' }])] });
  // 1,500 two-tweet threads: customer → brand reply, texts with 2- and 4-byte characters.
  const lines = [HEADER];
  const texts = new Map<string, string>();
  for (let t = 0; t < 1500; t++) {
    const q = String(2 * t + 1);
    const a = String(2 * t + 2);
    const question = `@AcmeSupport ¿Dónde está mi pedido ${t}? 🌻${'ñ'.repeat(t % 5)} "quoted"`;
    const answer = `@cust${t} Lo siento 🙏 — revisamos el pedido ${t}.\r\nGracias ${'🌻'.repeat(t % 3)}`;
    texts.set(q, question);
    texts.set(a, answer);
    lines.push(`${q},cust${t},True,Tue Oct 31 22:10:47 +0000 2017,"${question.replaceAll('"', '""')}",${a},`);
    lines.push(`${a},AcmeSupport,False,Tue Oct 31 22:20:47 +0000 2017,"${answer.replaceAll('"', '""')}",,${q}`);
  }
  const csv = lines.join('\r\n') + '\r\n';
  expect(Buffer.byteLength(csv)).toBeGreaterThan(300_000);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#data`);
  await options.getByLabel('CSV file').setInputFiles({ name: 'threads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(options.getByTestId('csv-preview')).toBeVisible();
  await options.getByTestId('csv-preview').getByRole('button', { name: 'Import' }).click();
  await expect(options.getByText(/Imported 3,000 messages in 1,500 conversations from 1,500 customers/)).toBeVisible({ timeout: 30_000 });

  const stored = await readTable<{ nativeId: string; text: string; direction: string }>(worker, 'messages');
  expect(stored).toHaveLength(3000);
  const wrong = stored.filter((m) => m.text !== texts.get(m.nativeId));
  expect(wrong.slice(0, 3)).toEqual([]);
  expect(stored.filter((m) => m.direction === 'out')).toHaveLength(1500);
});
