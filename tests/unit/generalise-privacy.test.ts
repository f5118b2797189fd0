/**
 * One customer's data never reaches another customer's suggestion: a past reply's name, surname
 * (also written alone), e-mail address, phone number, @handle and tracking number are taken out
 * (lib/suggest/generalise.ts), and the panel's pairs say who each reply went to
 * (lib/panel/suggester.ts), also for a second reply in a row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generaliseReply } from '../../lib/suggest/generalise';
import { createSuggester, type ConversationInput } from '../../lib/suggest/engine';
import { invalidateSuggester, learnConversation, pastPairs, suggesterFor } from '../../lib/panel/suggester';
import { type CasesideDb, createDb } from '../../lib/db/schema';
import type { Message } from '../../lib/db/records';

const g = (text: string, ctx: Parameters<typeof generaliseReply>[1] = {}) => generaliseReply(text, ctx).body;

describe('generaliseReply: what belonged to one customer', () => {
  it('takes the surname out with the first name (Facebook starts a reply with the full name)', () => {
    expect(g("Jane Smith Thanks for reaching out! We've issued your refund today.", { customerName: 'Jane Smith' })).toBe(
      "{{customer.name}} Thanks for reaching out! We've issued your refund today.",
    );
    expect(g('Hola María José, ya lo revisamos.', { customerName: 'María José García' })).toBe('Hola {{customer.first_name}}, ya lo revisamos.');
    expect(g('Hola María José García, ya lo revisamos.', { customerName: 'María José García' })).toBe('Hola {{customer.name}}, ya lo revisamos.');
    expect(g("Dear Ms Smith, we checked Jane Smith's order.", { customerName: 'Dr. Jane Smith' })).toBe(
      "Dear {{customer.name}}, we checked {{customer.name}}'s order.",
    );
    expect(g('Hi John Smith, all sorted.', { customerName: 'Smith, John' })).toBe('Hi {{customer.name}}, all sorted.');
    // A word of the name that is also a word ("de") is not taken when no capitalised name word follows.
    expect(g('Gracias Ana de nuevo por escribir.', { customerName: 'Ana de la Fuente' })).toBe('Gracias {{customer.first_name}} de nuevo por escribir.');
    expect(g('Gracias Ana de la Fuente.', { customerName: 'Ana de la Fuente' })).toBe('Gracias {{customer.name}}.');
  });

  it('replaces a first name that is also a word only where it is written as a name', () => {
    expect(g('Hi Bill, your bill has been corrected.', { customerName: 'Bill Evans' })).toBe('Hi {{customer.first_name}}, your bill has been corrected.');
    expect(g('Sorry Rose, the price rose on Monday.', { customerName: 'Rose Tyler' })).toBe('Sorry {{customer.first_name}}, the price rose on Monday.');
    // A display name written in lower case: any case is the name.
    expect(g('Thanks Kevin! We fixed it.', { customerName: 'kevin_b' })).toBe('Thanks {{customer.first_name}}! We fixed it.');
  });

  it('takes a surname written alone out, as a name only', () => {
    const jane = { customerName: 'Jane Quillby' };
    expect(g('Quillby, your refund is on its way.', jane)).toBe('{{customer.name}}, your refund is on its way.');
    expect(g('Thanks Quillby', jane)).toBe('Thanks {{customer.name}}');
    expect(g('Thanks Quillby for waiting, it is sorted.', jane)).toBe('Thanks {{customer.name}} for waiting, it is sorted.');
    expect(g("We checked Quillby's order. Quillby's refund is on its way.", jane)).toBe(
      "We checked {{customer.name}}'s order. {{customer.name}}'s refund is on its way.",
    );
    expect(g('Hi Jane. Quillby, all sorted.', jane)).toBe('Hi {{customer.first_name}}. {{customer.name}}, all sorted.');
    // Spanish double surnames: either one.
    expect(g('Gracias Pardiñas, ya está.', { customerName: 'Ana Pardiñas Olmedo' })).toBe('Gracias {{customer.name}}, ya está.');
    expect(g('Gracias Olmedo, ya está.', { customerName: 'Ana Pardiñas Olmedo' })).toBe('Gracias {{customer.name}}, ya está.');
    // Whole words only, and never inside an address or a handle.
    expect(g('Quillbys and Quillby-Hart are other families.', jane)).toBe('Quillbys and Quillby-Hart are other families.');
    expect(g('Write to quillby@example.org or @Quillby.', jane)).toBe('Write to {{ask:email}} or @{{customer.handle}}.');
  });

  it('keeps a surname that is a word in lower case, the brand, a name particle, or a capitalised word opening a sentence', () => {
    expect(g('The brown box is on its way, Brown.', { customerName: 'Tom Brown' })).toBe('The brown box is on its way, {{customer.name}}.');
    // A display name in lower case: the surname alone still only where it is capitalised.
    expect(g('We told Brown the brown box left today.', { customerName: 'jane brown' })).toBe('We told {{customer.name}} the brown box left today.');
    expect(g('Hope this helps! Thanks Hope.', { customerName: 'Ana Hope' })).toBe('Hope this helps! Thanks {{customer.name}}.');
    expect(g('Best regards from all of us.', { customerName: 'Tom Best' })).toBe('Best regards from all of us.');
    expect(g('Thanks for contacting Zentrix Support.', { customerName: 'Jane Zentrix', brandName: 'Zentrix' })).toBe('Thanks for contacting Zentrix Support.');
    expect(g('Gracias, lo lleva Envíos La Veloz. Gracias Fuente.', { customerName: 'Ana de la Fuente' })).toBe('Gracias, lo lleva Envíos La Veloz. Gracias {{customer.name}}.');
  });

  it("takes a customer's e-mail address out before the name, and keeps the brand's own mailboxes", () => {
    expect(g("Hi Jane, we've sent the refund confirmation to jdoe1988@gmail.com", { customerName: 'Jane Doe' })).toBe(
      "Hi {{customer.first_name}}, we've sent the refund confirmation to {{ask:email}}",
    );
    expect(g('Hi Jane, is jane.doe@gmail.com still right?', { customerName: 'Jane Doe' })).toBe('Hi {{customer.first_name}}, is {{ask:email}} still right?');
    expect(g('Write to support@brand.com or returns@acme.co.uk.', { brandName: 'Acme' })).toBe('Write to support@brand.com or returns@acme.co.uk.');
    expect(generaliseReply('Sent to a.b+c@example.org.').variables).toEqual(['ask:email']);
  });

  it("takes a phone number said to be the customer's out, and keeps the brand's", () => {
    expect(g("Hi Jane, we'll call you on +34 612 345 678 tomorrow.", { customerName: 'Jane' })).toBe(
      "Hi {{customer.first_name}}, we'll call you on {{ask:phone}} tomorrow.",
    );
    expect(g('Te llamamos al 612 345 678 esta tarde.')).toBe('Te llamamos al {{ask:phone}} esta tarde.');
    expect(g('We have your phone number as 07700 900123.')).toBe('We have your phone number as {{ask:phone}}.');
    expect(g('Call us on +34 900 123 456 or 1-800-275-2273.')).toBe('Call us on +34 900 123 456 or 1-800-275-2273.');
  });

  it('takes UPS tracking numbers out', () => {
    expect(g('Hi Jane, your tracking number is 1Z999AA10123456784.', { customerName: 'Jane' })).toBe(
      'Hi {{customer.first_name}}, your tracking number is {{ask:reference}}.',
    );
    // Short codes, times and model names stay.
    expect(g('Open 9AM to 5PM; the 4K TV and the A1 model.')).toBe('Open 9AM to 5PM; the 4K TV and the A1 model.');
  });

  it('never puts a name into an @handle, and turns mentions that are not the brand into variables', () => {
    expect(g("Thanks @jane_d! We've issued your refund today.", { customerName: 'Jane Doe' })).toBe(
      "Thanks @{{customer.handle}}! We've issued your refund today.",
    );
    expect(g('Thanks @jane_d!', { customerName: 'Jane Doe', customerHandle: 'jane_d' })).toBe('Thanks @{{customer.handle}}!');
    // Someone else than the customer: the agent says who.
    expect(g('Thanks @jane_d, I have asked @tom_k to look.', { customerHandle: 'jane_d' })).toBe('Thanks @{{customer.handle}}, I have asked @{{ask:handle}} to look.');
    // The brand's own accounts stay.
    expect(g('Please DM @AcmeHelp or @acme_uk.', { brandName: 'Acme', customerHandle: 'jane_d' })).toBe('Please DM @AcmeHelp or @acme_uk.');
    expect(g('Please DM @Widgets.', { brandHandles: ['widgets'], customerHandle: 'jane_d' })).toBe('Please DM @Widgets.');
  });
});

describe('already sent: a reply with a mid-text @handle', () => {
  it('is recognised whether the stored reply was generalised with the handle or without', () => {
    const reply = "Thanks @jane_d! We've issued your refund today.";
    const conv: ConversationInput = {
      customerMessages: ['my refund never arrived'], platform: 'x', isPublic: true,
      customer: { displayName: 'Jane Doe', handle: 'jane_d' }, alreadySent: [reply],
    };
    for (const customerHandle of ['jane_d', undefined]) {
      const s = createSuggester({ brand: { name: 'Acme' } });
      s.addPair({ id: 'p1', customerText: 'my refund never arrived', replyText: reply, customerName: 'Jane Doe', customerHandle });
      s.addPair({ id: 'p2', customerText: 'where is my parcel', replyText: 'Your parcel left the depot this morning.' });
      const top = s.suggest(conv, 5);
      expect(top.find((x) => x.text.includes('issued your refund'))?.alreadySent).toBe(true);
    }
  });
});

describe("the panel's past replies, end to end", () => {
  let db: CasesideDb;
  const brandId = `b-${crypto.randomUUID()}`;
  const msg = (id: string, direction: 'in' | 'out', text: string, sentAt: number, author: string): Message => ({
    id, conversationId: 'c1', customerId: 'jane', brandId, platform: 'facebook', nativeId: id, direction, author, text, sentAt, capturedAt: sentAt,
  });
  const bob: ConversationInput = { customerMessages: ['my refund never arrived'], platform: 'facebook', isPublic: true, customer: { displayName: 'Bob Jones', handle: 'bobj', id: 'bob' } };
  /** Bob's suggestions from Jane's conversation: the one from the reply about the refund. */
  const forBob = async (): Promise<string> => {
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const texts = s.suggester.suggest(bob, 5).map((x) => x.text);
    const text = texts.find((t) => /refund|patience/u.test(t));
    expect(text, texts.join(' | ')).toBeDefined();
    return texts.join('\n');
  };

  beforeEach(async () => {
    db = createDb('t-' + crypto.randomUUID());
    await db.brands.add({
      id: brandId, name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '',
      tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
    });
    invalidateSuggester(brandId);
  });
  afterEach(async () => {
    invalidateSuggester(brandId);
    await db.delete();
  });

  it('leaves no surname behind', async () => {
    await db.messages.bulkAdd([
      msg('m1', 'in', 'my refund never arrived', 1, 'Jane Smith'),
      msg('m2', 'out', "Jane Smith Thanks for reaching out! We've issued your refund today.", 2, 'Acme'),
    ]);
    const text = await forBob();
    expect(text).not.toContain('Smith');
    expect(text).toContain("Bob Jones Thanks for reaching out! We've issued your refund today.");
  });

  it("leaves no e-mail address behind", async () => {
    await db.messages.bulkAdd([
      msg('m1', 'in', 'my refund never arrived', 1, 'Jane Smith'),
      msg('m2', 'out', "Hi Jane, we've sent the refund confirmation to jdoe1988@gmail.com", 2, 'Acme'),
    ]);
    const text = await forBob();
    expect(text).not.toContain('jdoe1988@gmail.com');
    expect(text).not.toContain('Jane');
  });

  it("makes no stranger's @handle of a mention, with or without the customer's row", async () => {
    await db.messages.bulkAdd([
      msg('m1', 'in', 'my refund never arrived', 1, 'Jane Doe'),
      msg('m2', 'out', "Thanks @jane_d! We've issued your refund today.", 2, 'Acme'),
    ]);
    const text = await forBob();
    expect(text).not.toMatch(/@Bob_d|jane_d/u);
    expect(text).toContain("Thanks @bobj! We've issued your refund today.");
  });

  it("gives each pair the handle of the customer it answered, from the customer's row", async () => {
    await db.customers.add({
      id: 'jane', brandId, displayName: 'Jane Doe', identities: [{ platform: 'facebook', handle: 'jane_d', displayName: 'Jane Doe' }],
      identityKeys: ['facebook:jane_d'], tags: [], firstSeenAt: 1, lastSeenAt: 2, linkedCustomerIds: [],
    });
    await db.messages.bulkAdd([
      msg('m1', 'in', 'my refund never arrived', 1, 'Jane Doe'),
      msg('m2', 'out', "Thanks @jane_d! We've issued your refund today.", 2, 'Acme'),
    ]);
    expect(await pastPairs(db, brandId)).toEqual([
      expect.objectContaining({ id: 'm2', customerName: 'Jane Doe', customerHandle: 'jane_d', customerId: 'jane' }),
    ]);
    const text = await forBob();
    expect(text).not.toMatch(/@Bob_d|jane_d/u);
  });

  it('takes the name out of a second reply in a row', async () => {
    await db.messages.bulkAdd([
      msg('m1', 'in', 'my refund never arrived', 1, 'Jane Smith'),
      msg('m2', 'out', 'Hi Jane, sorry about that.', 2, 'Acme'),
      msg('m3', 'out', 'Thanks for your patience, Jane. Your refund was issued today.', 3, 'Acme'),
    ]);
    expect((await pastPairs(db, brandId)).map((p) => [p.id, p.customerName])).toEqual([['m2', 'Jane Smith'], ['m3', 'Jane Smith']]);
    const text = await forBob();
    expect(text).not.toContain('Jane');
    expect(text).toContain('Thanks for your patience, Bob. Your refund was issued today.');
  });

  it('takes the name out of a second reply learnt on its own, after the first was learnt', async () => {
    await db.messages.bulkAdd([
      msg('m1', 'in', 'my refund never arrived', 1, 'Jane Smith'),
      msg('m2', 'out', 'Hi Jane, sorry about that.', 2, 'Acme'),
    ]);
    const s = await suggesterFor(db, brandId);
    await s.complete;
    expect(await learnConversation(s, db, 'c1')).toBe(1);
    await db.messages.add(msg('m3', 'out', 'Thanks for your patience, Jane. Your refund was issued today.', 3, 'Acme'));
    expect(await learnConversation(s, db, 'c1')).toBe(1);
    const texts = s.suggester.suggest(bob, 5).map((x) => x.text);
    expect(texts).toContain('Thanks for your patience, Bob. Your refund was issued today.');
    expect(texts.join('\n')).not.toContain('Jane');
  });
});
