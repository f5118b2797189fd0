/**
 * History search benchmark: 100,000 synthetic messages, 10,000 customers, 3 brands (seeded,
 * so every run indexes the same data). Prints build time, median and p95 of 200 queries, and
 * the serialised index size. Target: p95 < 50 ms (ideally < 10 ms).
 *
 *   npx tsx tests/tools/bench-search.ts
 *
 * Indexes are built in memory (HistorySearch.add), not from Dexie: the number measured is the
 * index, not fake-indexeddb.
 */
import { customerDoc, messageDoc } from '../../lib/search/documents';
import { HistorySearch } from '../../lib/search/history-search';
import type { Customer, Message } from '../../lib/db/records';
import { AGENT, EN, ES, FIRST, LAST, TAGS } from '../../entrypoints/bench/corpus';

const MESSAGES = 100_000;
const CUSTOMERS = 10_000;
const BRANDS = ['acme', 'globex', 'initech'];
const QUERIES = 200;

import { mulberry32 as prng } from '../../lib/bench/prng';
// The same support vocabulary as the in-browser benchmark's store.
const rand = prng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const NOISE = ['order', 'ref', 'case', 'ticket', 'pedido', 'incidencia'];

function sentence(): string {
  const base = rand() < 0.25 ? pick(ES) : rand() < 0.3 ? pick(AGENT) : pick(EN);
  const extra = rand() < 0.5 ? ` ${pick(NOISE)} ${Math.floor(rand() * 1_000_000)}` : '';
  const more = rand() < 0.3 ? `. ${pick(EN)}` : '';
  return base + extra + more;
}

const T0 = Date.UTC(2024, 0, 1);
const customers: Customer[] = [];
for (let i = 0; i < CUSTOMERS; i++) {
  const brandId = BRANDS[i % BRANDS.length]!;
  const name = `${pick(FIRST)} ${pick(LAST)}`;
  const handle = `${name.split(' ')[0]!.toLowerCase()}${Math.floor(rand() * 10_000)}`;
  customers.push({
    id: `cust-${i}`,
    brandId,
    displayName: name,
    identities: [{ platform: rand() < 0.6 ? 'x' : 'facebook', handle, displayName: name }],
    identityKeys: [],
    tags: rand() < 0.3 ? [pick(TAGS)] : [],
    firstSeenAt: T0,
    lastSeenAt: T0 + Math.floor(rand() * 3e10),
    linkedCustomerIds: [],
  });
}
const messages: Message[] = [];
for (let i = 0; i < MESSAGES; i++) {
  const c = customers[Math.floor(rand() * CUSTOMERS)]!;
  const outbound = rand() < 0.4;
  messages.push({
    id: `${c.brandId}/x:m:${1_700_000_000_000_000_000n + BigInt(i)}`,
    conversationId: `${c.brandId}/x:c:${c.id}`,
    customerId: c.id,
    brandId: c.brandId,
    platform: 'x',
    nativeId: String(i),
    direction: outbound ? 'out' : 'in',
    author: outbound ? 'Support' : c.displayName,
    text: outbound ? pick(AGENT) : sentence(),
    sentAt: T0 + Math.floor(rand() * 3e10),
    capturedAt: T0,
  });
}

const search = new HistorySearch();
const buildStart = performance.now();
for (const b of BRANDS) {
  search.loadDocuments(b, [
    ...customers.filter((c) => c.brandId === b).map(customerDoc),
    ...messages.filter((m) => m.brandId === b).map(messageDoc),
  ]);
}
const buildMs = performance.now() - buildStart;

const QUERY_POOL = [
  'router', 'refund', 'conexion', 'conexión', 'factura', 'technician', 'password', 'cancel subscription',
  'charged twice', 'rebo', 'refnd', 'garcia', 'señal', 'senal', 'diverted hotel', 'invoice company', 'call back',
  'parcel damaged', 'vip', 'churn', 'incidencia', 'ana', 'sofia', 'the', 'no signal', 'del', 'tecnico cita', 'app crash',
  'escalated', 'postcode',
];
const queries = Array.from({ length: QUERIES }, () => {
  if (rand() < 0.15) return pick(customers).displayName.split(' ')[1]!;
  return pick(QUERY_POOL);
});

for (const q of queries.slice(0, 20)) search.search(pick(BRANDS), q); // warm up the JIT
const times: number[] = [];
let hits = 0;
const slow: [number, string][] = [];
for (const q of queries) {
  const brand = pick(BRANDS);
  const customerFilter = rand() < 0.2 ? { customerId: pick(customers.filter((c) => c.brandId === brand)).id } : {};
  const t = performance.now();
  hits += search.search(brand, q, { limit: 20, ...customerFilter }).length;
  times.push(performance.now() - t);
  if (process.env.BENCH_SLOW) slow.push([performance.now() - t, q]);
}
if (process.env.BENCH_SLOW) console.log(slow.sort((a, b) => b[0] - a[0]).slice(0, 15));
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;

let serialisedBytes = 0;
const sizes: string[] = [];
for (const b of BRANDS) {
  const bytes = Buffer.byteLength(search.serialize(b));
  serialisedBytes += bytes;
  sizes.push(`${b} ${(bytes / 1e6).toFixed(1)} MB (${search.documentCount(b)} docs)`);
}
const reloadStart = performance.now();
for (const b of BRANDS) new HistorySearch().deserialize(b, search.serialize(b));
const reloadMs = performance.now() - reloadStart;

const row = (k: string, v: string) => console.log(`${k.padEnd(28)} ${v}`);
row('documents', `${MESSAGES.toLocaleString('en')} messages + ${CUSTOMERS.toLocaleString('en')} customers, ${BRANDS.length} brands`);
row('build (in memory)', `${buildMs.toFixed(0)} ms`);
row('queries', `${QUERIES} (${hits} hits returned)`);
row('query median', `${pct(50).toFixed(2)} ms`);
row('query p95', `${pct(95).toFixed(2)} ms`);
row('query max', `${times[times.length - 1]!.toFixed(2)} ms`);
row('serialised size', `${(serialisedBytes / 1e6).toFixed(1)} MB total: ${sizes.join('; ')}`);
row('serialize + deserialize', `${reloadMs.toFixed(0)} ms (3 brands)`);
row('target p95 < 50 ms', pct(95) < 50 ? 'met' : 'NOT MET');
