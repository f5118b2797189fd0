/**
 * Sample data for the demo: one brand (Acme Shoes) with earlier history for the customers who
 * appear on the sample pages, an open case with a handoff note and an overdue follow-up,
 * templates, knowledge-base articles, and a known issue the X sample customer names. Every
 * person here is invented.
 */
import { conversationKey, identityKeys, messageKey } from '../../lib/db/ids';
import type { Brand, Case, Conversation, Customer, FollowUp, KbArticle, Message, Note, Template } from '../../lib/db/records';
import { incidentsKey, type Incident } from '../../lib/db/repositories/incidents';

export interface SamplePerson {
  platform: 'x' | 'facebook';
  handle?: string;
  userId?: string;
  displayName: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function demoData(people: SamplePerson[], now = Date.now()) {
  const brand: Brand = {
    id: 'demo-acme',
    name: 'Acme',
    referencePrefix: 'ACME',
    accounts: [
      { platform: 'x', handle: 'acme_support' },
      { platform: 'facebook', handle: 'acmeoutdoor', pageId: '100064000000001' },
    ],
    signature: '^AS',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] },
    retentionMonths: null,
    createdAt: now - 90 * DAY,
  };
  const customers: Customer[] = [];
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  const cases: Case[] = [];
  const notes: Note[] = [];
  const followUps: FollowUp[] = [];

  people.forEach((p, i) => {
    const customerId = `demo-customer-${i}`;
    const started = now - (20 - i) * DAY;
    customers.push({
      id: customerId,
      brandId: brand.id,
      displayName: p.displayName,
      identities: [{ platform: p.platform, handle: p.handle, userId: p.userId, displayName: p.displayName }],
      identityKeys: identityKeys(brand.id, { platform: p.platform, handle: p.handle, userId: p.userId }),
      tags: i === 0 ? ['vip', 'late-delivery'] : ['returns'],
      firstSeenAt: started,
      lastSeenAt: started + 2 * DAY,
      linkedCustomerIds: [],
    });
    const nativeId = `demo-earlier-${i}`;
    const conversationId = conversationKey(brand.id, p.platform, nativeId);
    conversations.push({
      id: conversationId,
      brandId: brand.id,
      customerId,
      platform: p.platform,
      kind: p.platform === 'x' ? 'x-dm' : 'fb-messenger',
      nativeId,
      url: p.platform === 'x' ? 'https://x.com/messages/100-200' : 'https://www.facebook.com/messages/t/100200300/',
      lastMessageAt: started + 2 * DAY,
    });
    const lines: [Message['direction'], string, number][] = [
      ['in', 'Hi, my order #48213 still says "processing" after a week. Can you check?', 0],
      ['out', `Hi ${p.displayName.split(' ')[0]}, sorry about the wait! Could you DM us the email on the order? ^MK`, 0.1],
      ['in', 'Sent it in DM. Thanks.', 0.3],
      ['out', 'Thanks! The warehouse is checking it. We will get back to you within 24 hours. ^MK', 0.4],
      ['out', 'Update: your parcel left the warehouse today, tracking to follow by email. ^JL', 1.5],
      ['in', 'Got it, thank you!', 2],
    ];
    lines.forEach(([direction, text, days], n) => {
      const id = `${nativeId}-${n}`;
      messages.push({
        id: messageKey(brand.id, p.platform, id),
        conversationId,
        customerId,
        brandId: brand.id,
        platform: p.platform,
        nativeId: id,
        direction,
        author: direction === 'out' ? 'Acme Shoes' : p.displayName,
        text,
        sentAt: started + days * DAY,
        capturedAt: started + days * DAY,
      });
    });
    if (i === 0) {
      const caseId = 'demo-case-1';
      cases.push({
        id: caseId,
        brandId: brand.id,
        customerId,
        reference: 'ACME-0042',
        title: 'Late delivery, order #48213',
        status: 'waiting-us',
        priority: 'high',
        tags: ['delivery'],
        openedAt: started,
        updatedAt: now - DAY,
        resolvedAt: null,
        conversationIds: [conversationId],
        revision: 1,
      });
      notes.push({
        id: 'demo-note-1',
        brandId: brand.id,
        caseId,
        customerId,
        body: 'Handoff from Mia: warehouse ticket WH-7781 opened. Customer prefers DM. **Call back before Friday.**',
        createdAt: started + 0.5 * DAY,
        updatedAt: started + 0.5 * DAY,
      });
      followUps.push({
        id: 'demo-follow-1',
        brandId: brand.id,
        caseId,
        customerId,
        conversationId,
        dueAt: now - 2 * HOUR,
        reason: 'Promised: “we will get back to you within 24 hours”',
        source: 'promise',
        doneAt: null,
        notifiedAt: null,
        createdAt: started + 0.4 * DAY,
      });
    }
  });

  const template = (id: string, title: string, body: string, tags: string[]): Template => ({
    id,
    brandId: brand.id,
    title,
    body,
    tags,
    language: 'en',
    useCount: 0,
    createdAt: now - 60 * DAY,
    updatedAt: now - 60 * DAY,
  });
  const templates = [
    template('demo-t1', 'Late delivery apology', 'Hi {{customer.first_name}}, I’m sorry your order is late. Could you DM us your order number so I can check it right away? {{agent.signature}}', ['delivery', 'late', 'order']),
    template('demo-t2', 'Refund status', 'Hi {{customer.first_name}}, refunds reach your account 3–5 business days after we receive the return. Your case is {{case.reference}}. {{agent.signature}}', ['refund', 'returns']),
    template('demo-t3', 'Order number needed', 'Thanks {{customer.first_name}}! To look into it, could you share order {{ask:order number}} in a DM? {{agent.signature}}', ['order']),
    template('demo-t4', 'Size exchange', 'Hi {{customer.first_name}}, you can exchange sizes free within 30 days from your account page, or reply here and we’ll start it for you. {{agent.signature}}', ['exchange', 'size']),
  ];
  const article = (id: string, url: string, title: string, text: string): KbArticle => ({
    id,
    brandId: brand.id,
    url,
    title,
    excerpt: text.slice(0, 160),
    text,
    html: `<p>${text}</p>`,
    capturedAt: now - 30 * DAY,
    customerId: null,
  });
  const kbArticles = [
    article('demo-kb1', 'https://help.acme-shoes.example/delivery-times', 'Delivery times and tracking', 'Orders ship within 2 business days. Tracking links are emailed once the parcel leaves the warehouse. Late deliveries can be reported from your account page.'),
    article('demo-kb2', 'https://help.acme-shoes.example/returns', 'Returns and refunds', 'Return any unworn pair within 30 days. Refunds are issued 3–5 business days after the return arrives.'),
  ];
  // The sample pages' messages are from November 2025: the known issue covers them.
  const since = Date.parse('2025-11-19T00:00:00Z');
  const incident: Incident = {
    id: 'demo-incident',
    title: 'Orders stuck in "processing" (warehouse scanner fault)',
    keywords: ['processing', 'procesando'],
    answers: [
      {
        language: 'en',
        text: 'Hi {{customer.first_name}}, orders placed Nov 10–12 are held at our warehouse after a scanner fault. They ship by Monday with free express delivery, nothing to do on your side. {{agent.signature}}',
      },
      {
        language: 'es',
        text: 'Hola {{customer.first_name}}, los pedidos del 10 al 12 de noviembre están retenidos en nuestro almacén por un fallo del escáner. Salen el lunes con envío exprés gratis, no tienes que hacer nada. {{agent.signature}}',
      },
    ],
    previousAnswers: [],
    marks: [],
    since,
    createdAt: since,
    updatedAt: since,
    endedAt: null,
  };
  const meta = [{ key: incidentsKey(brand.id), value: [incident] }];
  return { brands: [brand], customers, conversations, messages, cases, notes, followUps, templates, kbArticles, meta };
}
