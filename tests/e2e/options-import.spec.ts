/**
 * Files chosen in the options page, in Chromium:
 * - CSV import, where the file is read as a stream (lib/import-export/csv-rows.ts readCsvBlob)
 *   in 64 KiB pieces: a 300 KB CRLF file full of multi-byte characters arrives whole — no U+FFFD
 *   where a character straddled two pieces, no stray CR from the line endings — and the page
 *   reports what it imported; a file saved by Excel in Windows-1252 keeps its accents and euro
 *   signs, and the page says how it was read;
 * - backup → restore, where the backup is read and checked in a dedicated worker
 *   (parseBackupOffThread), so the page stays responsive; a broken file is refused with the
 *   reason and changes nothing.
 */
import { test, expect, readTable, seedDatabase } from './support/extension';
import { clearDatabase } from './support/conversation';
import { brand, T0 } from './support/seed';

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

test('a CSV saved by Excel in Windows-1252 is read with its accents and euro signs, and the page says how it was read', async ({ context, worker }) => {
  await seedDatabase(worker, { brands: [brand(B, 'Acme', 'ACME', [{ platform: 'x', handle: 'AcmeSupport' }])] });
  const question = '@AcmeSupport ¿Dónde está mi pedido? Pagué 25 € el miércoles';
  const answer = '@cust1 Lo siento, revisamos el pedido: el reembolso de 25 € sale mañana.';
  const csv = [
    HEADER,
    `1,cust1,True,Tue Oct 31 22:10:47 +0000 2017,"${question}",2,`,
    `2,AcmeSupport,False,Tue Oct 31 22:20:47 +0000 2017,"${answer}",,1`,
  ].join('\r\n');
  // Windows-1252: Latin-1 letters as themselves, the euro sign as 0x80 (not valid UTF-8).
  const bytes = Buffer.from([...csv].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#data`);
  await options.getByLabel('CSV file').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
  const preview = options.getByTestId('csv-preview');
  await expect(preview.getByTestId('csv-encoding')).toContainText('read as Windows-1252');
  await expect(preview.getByText('¿Dónde está mi pedido? Pagué 25 € el miércoles')).toBeVisible();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(options.getByText(/Imported 2 messages in 1 conversations? .*The file was read as Windows-1252/)).toBeVisible();
  expect((await readTable<{ text: string }>(worker, 'messages')).map((m) => m.text).sort()).toEqual([answer, question].sort());
});

test('a backup saved from the options page restores into an empty store, read in a worker; a broken file changes nothing', async ({ context, worker }) => {
  const customer = { id: 'c-1', brandId: B, displayName: 'Ana Example 🌻', identities: [{ platform: 'x', handle: 'ana_example' }], identityKeys: [`${B}|x:ana_example`], tags: ['vip'], firstSeenAt: T0, lastSeenAt: T0, linkedCustomerIds: [] };
  const messages = Array.from({ length: 50 }, (_, i) => ({
    id: `m-${i}`, conversationId: 'conv-1', customerId: 'c-1', brandId: B, platform: 'x', nativeId: String(i), direction: i % 2 ? 'out' : 'in',
    author: i % 2 ? 'Acme' : 'Ana Example', text: `Mensaje ${i} — ñ 🌻`, sentAt: T0 + i * 60_000, capturedAt: T0 + i * 60_000,
  }));
  await seedDatabase(worker, {
    brands: [brand(B, 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])],
    customers: [customer],
    conversations: [{ id: 'conv-1', brandId: B, customerId: 'c-1', platform: 'x', kind: 'x-dm', nativeId: '1-2', url: 'https://x.com/messages/1-2', lastMessageAt: T0 }],
    messages,
  });
  const options = await context.newPage();
  const workers: string[] = [];
  options.on('worker', (w) => workers.push(w.url()));
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#data`);
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export everything' }).click();
  const saved = await (await download).path();

  await clearDatabase(worker);
  expect(await readTable(worker, 'messages')).toEqual([]);
  await options.getByLabel('Backup file').setInputFiles(saved);
  await expect(options.getByTestId('restore-plan')).toContainText('This will add 53, replace 0 and leave 0 records as they are.');
  expect(workers.some((u) => /\/assets\/backup-worker-[\w-]+\.js$/.test(u))).toBe(true);
  await options.getByTestId('restore-plan').getByRole('button', { name: 'Restore' }).click();
  await expect(options.getByText('Restored: 53 added, 0 replaced, 0 kept as they were.')).toBeVisible();
  const restored = await readTable<{ id: string; text: string }>(worker, 'messages');
  expect(restored.map((m) => m.text).sort()).toEqual(messages.map((m) => m.text).sort());

  await options.getByLabel('Backup file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"caseside-backup",') });
  await expect(options.getByText(/^This file cannot be restored, nothing was changed\. The file is not valid JSON/)).toBeVisible();
  expect(await readTable(worker, 'messages')).toHaveLength(50);
});
