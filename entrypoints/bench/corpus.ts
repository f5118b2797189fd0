/**
 * The benchmark's synthetic store (tests/tools/bench.ts): deterministic (mulberry32, fixed seed), of
 * realistic shape — 10 brands (a freelancer's load), 10,000 customers, 100,000 messages in alternating customer/agent
 * conversations, cases, 5,000 templates and 2,000 articles for the measured brand (acme). The
 * vocabulary is the one of tests/tools/bench-search.ts. Generated inside the extension page so
 * 100,000 rows never cross CDP.
 */
import type { Brand, Case, Conversation, Customer, FollowUp, KbArticle, Message, Template } from '../../lib/db/records';
import { conversationKey, identityKeys, messageKey } from '../../lib/db/ids';

import { mulberry32 } from '../../lib/bench/prng';

export const FIRST = ['Ana', 'Bob', 'Carmen', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Inés', 'José', 'Kim', 'Lucía', 'Mohammed', 'Nora', 'Óscar', 'Priya', 'Raúl', 'Sofía', 'Tom', 'Wei'];
export const LAST = ['García', 'Smith', 'Müller', 'Rossi', 'Nguyen', 'Fernández', 'Okafor', 'Kowalski', 'Silva', 'Brown', 'Martín', 'Kaur', 'Dubois', 'Yamada', 'López'];
export const TAGS = ['vip', 'churn-risk', 'billing', 'fibre', 'mobile', 'business', 'escalated', 'press', 'influencer'];
export const EN = [
  'my internet has been down since yesterday', 'the router keeps rebooting every hour', 'I was charged twice this month',
  'where is my refund for order', 'the technician never showed up', 'can you check my account please',
  'no signal on my phone since the update', 'I want to cancel my subscription', 'the app crashes when I log in',
  'my package says delivered but nothing arrived', 'still waiting for a reply to my email', 'please call me back',
  'the bill is wrong again', 'my flight was diverted and I need a hotel', 'how do I reset my password',
  'your agent promised a call back within 24 hours', 'the parcel arrived damaged', 'speed is very slow in the evening',
  'I need an invoice for my company', 'thanks, that fixed it', 'this is the third time I contact you',
];
export const ES = [
  'mi router no tiene conexión desde ayer', 'me cobraron dos veces la factura', 'quiero cancelar mi contrato',
  'el técnico no vino a la cita', 'no tengo señal en el móvil', 'necesito la factura de este mes',
  '¿cuándo llega mi reembolso?', 'la aplicación no funciona', 'gracias por la atención',
];
export const AGENT = [
  'Sorry to hear that, could you DM us your account number?', 'We have escalated this to our technical team.',
  'We will get back to you within 24 hours.', 'Lamentamos las molestias, te escribimos por DM.',
  'Your refund was processed today, it can take 5 working days.', 'Could you confirm your postcode please?',
  'Please restart the router and tell us if the light turns green.', 'We have booked a new technician visit for you.',
  'The duplicate charge will be reversed on your next bill.', 'You can reset your password from the login page.',
];
const NOISE = ['order', 'ref', 'case', 'ticket', 'pedido', 'incidencia'];

export const BRANDS = ['acme', 'globex', 'initech', 'oscorp', 'hooli', 'soylent', 'stark', 'wayne', 'wonka', 'tyrell'] as const;
/** The measured brand: its agent account is the X fixtures' `acme_support`; 85% of the customers are its. */
export const MAIN_BRAND = 'acme';
/** Customers whose conversations the "open" scenario opens (bench_c000 …): 50 messages and an open case each. */
export const OPEN_CUSTOMERS = 40;
/**
 * After them, one such customer for each other brand (bench_c040 … bench_c048), for the "switch"
 * scenario: every open is a conversation of another brand than the one before.
 */
export const SWITCH_CUSTOMERS = BRANDS.length - 1;
export const OPEN_HISTORY = 50;
const isOpen = (i: number) => i < OPEN_CUSTOMERS + SWITCH_CUSTOMERS;
/** The brand of open customer #i. */
export const openBrand = (i: number): string => (i < OPEN_CUSTOMERS || !isOpen(i) ? MAIN_BRAND : BRANDS[1 + i - OPEN_CUSTOMERS]!);
export const referencePrefix = (brandId: string) => brandId.toUpperCase().slice(0, 4);
export const openHandle = (i: number) => `bench_c${String(i).padStart(3, '0')}`;
export const openName = (i: number) => `Bench Customer ${String(i).padStart(3, '0')} 🌻`;
export const openReference = (i: number) => `${referencePrefix(openBrand(i))}-${String(9000 + i)}`;
/** The X account the agent is logged in as to answer open customer #i. */
export const openAccount = (i: number) => `${openBrand(i)}_support`;

export interface StoreShape {
  customers: number;
  messages: number;
  templates: number;
  articles: number;
}
export const FULL_SHAPE: StoreShape = { customers: 10_000, messages: 100_000, templates: 5_000, articles: 2_000 };

const T0 = Date.UTC(2024, 0, 1);

export function makeCorpus(seed = 20260301) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const customerText = () => {
    const base = rand() < 0.25 ? pick(ES) : pick(EN);
    const extra = rand() < 0.5 ? ` ${pick(NOISE)} ${Math.floor(rand() * 1_000_000)}` : '';
    const more = rand() < 0.3 ? `. ${pick(EN)}` : '';
    return base + extra + more;
  };
  const agentText = () => pick(AGENT) + (rand() < 0.3 ? ` ${pick(AGENT)}` : '');
  return { rand, pick, between, customerText, agentText };
}

export interface SeedTables {
  brands: Brand[];
  customers: Customer[];
  conversations: Conversation[];
  messages: Message[];
  cases: Case[];
  followUps: FollowUp[];
  templates: Template[];
  kbArticles: KbArticle[];
}

export function generateStore(shape: StoreShape = FULL_SHAPE): SeedTables {
  const { rand, pick, between, customerText, agentText } = makeCorpus();
  const brands: Brand[] = BRANDS.map((id, n) => ({
    id,
    name: id[0]!.toUpperCase() + id.slice(1),
    referencePrefix: referencePrefix(id),
    // acme's accounts are the ones of the X and Messenger fixtures (acme_support, acmeoutdoor).
    accounts: [{ platform: 'x', handle: `${id}_support` }, { platform: 'facebook', handle: id === MAIN_BRAND ? 'acmeoutdoor' : undefined, pageId: String(1000 + n) }],
    signature: `^${id.slice(0, 2).toUpperCase()}`,
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] },
    retentionMonths: null,
    createdAt: T0,
  }));
  const customers: Customer[] = [];
  const conversations: Conversation[] = [];
  const convsOf: Conversation[][] = [];
  const nextAt = new Map<string, number>();
  const turn = new Map<string, number>();
  for (let i = 0; i < shape.customers; i++) {
    const open = isOpen(i);
    // The rest: 85% the main brand, 15% spread over the other nine.
    const brandId = open ? openBrand(i) : i % 20 < 17 ? MAIN_BRAND : BRANDS[1 + (i % 9)]!;
    const name = open ? openName(i) : `${pick(FIRST)} ${pick(LAST)}`;
    const platform = open || rand() < 0.6 ? ('x' as const) : ('facebook' as const);
    const handle = open ? openHandle(i) : `${name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}${i}`;
    const identity = platform === 'x' ? { platform, handle, displayName: name } : { platform, userId: String(100000 + i), displayName: name };
    const first = T0 + Math.floor(rand() * 2.5e10);
    customers.push({
      id: `cust-${i}`,
      brandId,
      displayName: name,
      identities: [identity],
      identityKeys: identityKeys(brandId, identity),
      tags: rand() < 0.3 ? [pick(TAGS)] : [],
      firstSeenAt: first,
      lastSeenAt: first + Math.floor(rand() * 5e9),
      linkedCustomerIds: [],
    });
    const mine: Conversation[] = [];
    for (let k = 0, n = open ? 3 : between(1, 3); k < n; k++) {
      const nativeId = `${platform === 'x' ? '17' : 't_'}${String(i).padStart(6, '0')}${k}`;
      const c: Conversation = {
        id: conversationKey(brandId, platform, nativeId),
        brandId,
        customerId: `cust-${i}`,
        platform,
        kind: platform === 'x' ? (k % 2 ? 'x-dm' : 'x-thread') : 'fb-messenger',
        nativeId,
        url: platform === 'x' ? `https://x.com/${handle}/status/${nativeId}` : `https://www.facebook.com/messages/t/${nativeId}`,
        lastMessageAt: first,
      };
      nextAt.set(c.id, first + k * 3e8);
      conversations.push(c);
      mine.push(c);
    }
    convsOf.push(mine);
  }
  const messages: Message[] = [];
  const add = (ci: number) => {
    const c = pick(convsOf[ci]!);
    const cust = customers[ci]!;
    const n = turn.get(c.id) ?? 0;
    // Mostly alternating customer → agent, sometimes two customer messages in a row.
    const out = n % 2 === 1 && rand() < 0.9;
    turn.set(c.id, out || rand() < 0.8 ? n + 1 : n);
    const at = nextAt.get(c.id)! + between(60_000, 3_600_000);
    nextAt.set(c.id, at);
    c.lastMessageAt = Math.max(c.lastMessageAt, at);
    const nativeId = `${c.nativeId}-${messages.length}`;
    messages.push({
      id: messageKey(c.brandId, c.platform, nativeId),
      conversationId: c.id,
      customerId: cust.id,
      brandId: c.brandId,
      platform: c.platform,
      nativeId,
      direction: out ? 'out' : 'in',
      author: out ? brands.find((b) => b.id === c.brandId)!.name : cust.displayName,
      text: out ? `${agentText()} ${brands.find((b) => b.id === c.brandId)!.signature}` : customerText(),
      sentAt: at,
      capturedAt: at,
    });
  };
  const opened = Math.min(OPEN_CUSTOMERS + SWITCH_CUSTOMERS, shape.customers);
  for (let i = 0; i < opened; i++) for (let k = 0; k < OPEN_HISTORY; k++) add(i);
  while (messages.length < shape.messages) add(opened + Math.floor(rand() * (shape.customers - opened)));

  const cases: Case[] = [];
  const followUps: FollowUp[] = [];
  const statuses = ['open', 'waiting-customer', 'waiting-us', 'resolved', 'resolved', 'resolved'] as const;
  for (let i = 0; i < shape.customers; i += isOpen(i) ? 1 : 3) {
    const cust = customers[i]!;
    const open = isOpen(i);
    const status = open ? 'open' : pick(statuses);
    const openedAt = cust.firstSeenAt + 1000;
    cases.push({
      id: `case-${i}`,
      brandId: cust.brandId,
      customerId: cust.id,
      reference: open ? openReference(i) : `${referencePrefix(cust.brandId)}-${String(i).padStart(5, '0')}`,
      title: customerText().slice(0, 60),
      status,
      priority: pick(['low', 'normal', 'normal', 'high'] as const),
      tags: rand() < 0.5 ? [pick(TAGS)] : [],
      openedAt,
      updatedAt: openedAt,
      resolvedAt: status === 'resolved' ? openedAt + 86_400_000 : null,
      conversationIds: [convsOf[i]![0]!.id],
      revision: 0,
    });
    if (rand() < 0.2)
      followUps.push({
        id: `fu-${i}`,
        brandId: cust.brandId,
        caseId: `case-${i}`,
        customerId: cust.id,
        conversationId: convsOf[i]![0]!.id,
        dueAt: openedAt + 3 * 86_400_000,
        reason: 'Check the technician visit',
        source: 'manual',
        doneAt: status === 'resolved' ? openedAt + 86_400_000 : null,
        notifiedAt: null,
        createdAt: openedAt,
      });
  }
  const sentence = (n: number) => Array.from({ length: n }, () => pick([...EN, ...AGENT])).join('. ');
  const templates: Template[] = Array.from({ length: shape.templates }, (_, i) => ({
    id: `tpl-${i}`,
    brandId: MAIN_BRAND,
    title: `${pick(EN).split(' ').slice(0, between(2, 5)).join(' ')} ${i}`,
    body: `Hi {{customer.first_name}}, ${sentence(between(1, 3))} ${pick(AGENT)} {{agent.signature}}`,
    tags: [pick(TAGS), pick(TAGS)],
    language: rand() < 0.2 ? 'es' : 'en',
    useCount: between(0, 50),
    createdAt: T0,
    updatedAt: T0,
  }));
  const kbArticles: KbArticle[] = Array.from({ length: shape.articles }, (_, i) => {
    const text = sentence(between(5, 30));
    return {
      id: `kb-${i}`,
      brandId: MAIN_BRAND,
      url: `https://help.acme.example/articles/${i}-${pick(EN).split(' ').slice(0, 3).join('-')}`,
      title: `${pick(EN)} (${i})`,
      excerpt: text.slice(0, 200),
      text,
      html: `<p>${text}</p>`,
      capturedAt: T0,
      customerId: null,
    };
  });
  return { brands, customers, conversations, messages, cases, followUps, templates, kbArticles };
}

/** A TWCS-layout CSV (the columns of ../shared/data/twcs) of `count` messages: customer → brand threads. */
export function generateTwcsCsv(count: number, brandAuthor = 'AcmeSupport', seed = 7): string {
  const { rand, between, customerText, agentText } = makeCorpus(seed);
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  const twitterTime = (ms: number) => {
    const d = new Date(ms);
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
  };
  const lines = ['tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id'];
  let id = 1;
  let written = 0;
  while (written < count) {
    const author = String(100000 + Math.floor(rand() * 20_000));
    const len = Math.min(count - written, between(2, 6));
    let at = Date.UTC(2017, 9, 1) + Math.floor(rand() * 5e9);
    const ids = Array.from({ length: len }, (_, k) => id + k);
    for (let k = 0; k < len; k++) {
      const inbound = k % 2 === 0;
      const text = inbound ? `@${brandAuthor} ${customerText()}` : `@${author} ${agentText()}`;
      lines.push([ids[k], inbound ? author : brandAuthor, inbound ? 'True' : 'False', twitterTime(at), q(text), k + 1 < len ? ids[k + 1] : '', k ? ids[k - 1] : ''].join(','));
      at += between(60_000, 3_600_000);
    }
    id += len;
    written += len;
  }
  return lines.join('\n') + '\n';
}

/** The customer whose history is scrolled (bench "history"): open variant #HEAVY of the X thread. */
export const HEAVY = 900;

/**
 * One customer of the main brand with `count` earlier messages over 5 X conversations (apart
 * from the thread page the bench opens), alternating customer / agent, one every few minutes.
 */
export function generateHeavyCustomer(count: number): { customers: Customer[]; conversations: Conversation[]; messages: Message[] } {
  const { customerText, agentText } = makeCorpus(4242);
  const name = openName(HEAVY);
  const identity = { platform: 'x' as const, handle: openHandle(HEAVY), displayName: name };
  const customer: Customer = {
    id: 'cust-heavy',
    brandId: MAIN_BRAND,
    displayName: name,
    identities: [identity],
    identityKeys: identityKeys(MAIN_BRAND, identity),
    tags: ['vip'],
    firstSeenAt: T0,
    lastSeenAt: T0 + count * 240_000,
    linkedCustomerIds: [],
  };
  const conversations: Conversation[] = Array.from({ length: 5 }, (_, k) => {
    const nativeId = `heavy-${k}`;
    return {
      id: conversationKey(MAIN_BRAND, 'x', nativeId),
      brandId: MAIN_BRAND,
      customerId: customer.id,
      platform: 'x',
      kind: 'x-dm',
      nativeId,
      url: `https://x.com/messages/${nativeId}`,
      lastMessageAt: T0 + ((k + 1) * count * 240_000) / 5,
    };
  });
  const messages: Message[] = Array.from({ length: count }, (_, i) => {
    const c = conversations[Math.min(4, Math.floor((i * 5) / count))]!;
    const out = i % 2 === 1;
    const at = T0 + i * 240_000;
    const nativeId = `${c.nativeId}-${i}`;
    return {
      id: messageKey(MAIN_BRAND, 'x', nativeId),
      conversationId: c.id,
      customerId: customer.id,
      brandId: MAIN_BRAND,
      platform: 'x',
      nativeId,
      direction: out ? 'out' : 'in',
      author: out ? 'Acme' : name,
      text: out ? agentText() : customerText(),
      sentAt: at,
      capturedAt: at,
    };
  });
  return { customers: [customer], conversations, messages };
}
