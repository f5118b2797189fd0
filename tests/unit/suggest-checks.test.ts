import { afterEach, describe, expect, it } from 'vitest';
import { checkReply, detectsPromise, type CheckInput } from '../../lib/suggest/checks';
import { setLocale } from '../../lib/i18n';
import { insertRefusal } from '../../lib/suggest/variables';

afterEach(() => setLocale('en'));

const base: CheckInput = {
  text: "Hi Ana, thanks for your patience. Please restart the app and let us know how it goes. ^AN",
  platform: 'x',
  isPublic: true,
  customer: { displayName: 'Ana Pérez', handle: 'ana' },
  customerMessages: ['The app keeps crashing when I open it, it is really annoying and terrible'],
  brand: { name: 'Acme', signature: '^AN', tone: { useFirstName: true } },
  followUpSet: false,
};
const ids = (input: Partial<CheckInput>): string[] => checkReply({ ...base, ...input }).map((c) => c.id);

describe('checkReply', () => {
  it("speaks the agent's interface language; the fixed reply keeps the customer's", () => {
    setLocale('es');
    const r = checkReply({ ...base, text: 'Please reply with your card number. Thanks for choosing Acme, the best! We will call you tomorrow.', customer: { displayName: 'Ana Pérez' } });
    const byId = Object.fromEntries(r.map((c) => [c.id, c]));
    expect(byId['personal-data-in-public']?.message).toBe('Esta respuesta pública pide los datos de la tarjeta. Pídelo por mensaje directo.');
    expect(byId['personal-data-in-public']?.fix?.label).toBe('Pasar a mensaje directo');
    // An English-speaking customer still gets the English invitation to DM.
    expect(byId['personal-data-in-public']?.fix?.text).toMatch(/^Please send us a DM/u);
    expect(byId['missing-name']?.message).toBe('La respuesta no usa el nombre del cliente (Ana).');
    expect(byId['missing-name']?.fix?.label).toBe('Saludar a Ana');
    expect(byId['missing-signature']?.message).toBe('Falta la firma «^AN».');
    expect(byId['promise-without-follow-up']?.message).toMatch(/^Esta respuesta promete algo/u);
    expect(insertRefusal({ unresolved: ['ask:order number'] })).toBe('Aún no se puede insertar: rellena "order number" primero.');
  });

  it('a clean reply raises nothing', () => {
    expect(checkReply(base)).toEqual([]);
  });

  it('public request for personal data → warn with a move-to-DM fix (EN + ES)', () => {
    const r = checkReply({ ...base, text: 'Hi Ana, please reply with your card number and date of birth so we can check. ^AN' });
    const hit = r.find((c) => c.id === 'personal-data-in-public');
    expect(hit?.severity).toBe('warn');
    expect(hit?.message).toContain('card details');
    expect(hit?.message).toContain('date of birth');
    expect(hit?.fix?.text).toMatch(/DM/u);
    expect(hit?.fix?.text).not.toMatch(/card number/u);
    // The fix keeps the greeting: the fixed reply still names the customer (no new warning).
    expect(hit?.fix?.text).toBe("Hi Ana, please send us a DM and we'll take it from there, so your details stay private. ^AN");
    expect(checkReply({ ...base, text: hit!.fix!.text })).toEqual([]);
    expect(ids({ text: 'Hola Ana, ¿nos indicas tu número de pasaporte y tu dirección? ^AN', customerMessages: ['hola, no me llega el pedido'] })).toContain('personal-data-in-public');
    // Asking for it by DM, or in a private conversation, is fine.
    expect(ids({ text: 'Hi Ana, please DM us your account number. ^AN' })).not.toContain('personal-data-in-public');
    expect(ids({ text: 'Hi Ana, please send your account number. ^AN', isPublic: false })).not.toContain('personal-data-in-public');
  });

  it("the brand's own contact details are not the customer's data; obvious requests are (EN + ES)", () => {
    const asks = (text: string) => ids({ text: `Hi Ana, ${text} ^AN` }).includes('personal-data-in-public');
    // The brand's email, phone line and "check your email" ask the customer for nothing.
    expect(asks('please email us at help@acme.com and we will look into it.')).toBe(false);
    expect(asks('please call our phone line on 0800 123 456.')).toBe(false);
    expect(asks('please check your email for the confirmation.')).toBe(false);
    expect(asks('escríbenos a hola@acme.es y lo vemos.')).toBe(false);
    // A time is not a private message.
    expect(asks('please reply with your email address before 5 pm.')).toBe(true);
    // Requests the old word list missed.
    expect(asks('¿nos dejas tu correo?')).toBe(true);
    expect(asks('déjanos tu teléfono y te llamamos.')).toBe(true);
    expect(asks('reply with the last four digits of your card.')).toBe(true);
    expect(asks('could you share a photo of your ID?')).toBe(true);
  });

  it("greeting by name replaces a greeting already there and keeps capitals that must stay", () => {
    const fix = (text: string) => checkReply({ ...base, text }).find((c) => c.id === 'missing-name')?.fix?.text;
    expect(fix("I'm checking this for you now. ^AN")).toBe("Hi Ana, I'm checking this for you now. ^AN");
    expect(fix('Hi there, thanks for waiting. ^AN')).toBe('Hi Ana, thanks for waiting. ^AN');
    expect(fix('Acme support here: we fixed it. ^AN')).toBe('Hi Ana, Acme support here: we fixed it. ^AN');
    expect(fix('Thanks for waiting. ^AN')).toBe('Hi Ana, thanks for waiting. ^AN');
  });

  it('X public reply over 280 weighted characters → block with the count', () => {
    const long = `Hi Ana, ${'a'.repeat(270)} ^AN`;
    const hit = checkReply({ ...base, text: long }).find((c) => c.id === 'x-length');
    expect(hit?.severity).toBe('block');
    expect(hit?.message).toContain('282 of 280');
    // CJK counts double in X's weighting: 141 characters are over the limit.
    expect(ids({ text: `Ana ^AN ${'漢'.repeat(137)}` })).toContain('x-length');
    expect(ids({ text: long, platform: 'facebook' })).not.toContain('x-length');
  });

  it('missing customer name when the brand tone wants it', () => {
    const r = checkReply({ ...base, text: 'Thanks for your patience. ^AN' }).find((c) => c.id === 'missing-name');
    expect(r?.fix?.text).toBe('Hi Ana, thanks for your patience. ^AN');
    expect(ids({ text: 'Thanks for your patience. ^AN', brand: { ...base.brand, tone: { useFirstName: false } } })).not.toContain('missing-name');
  });

  it('missing brand signature', () => {
    const r = checkReply({ ...base, text: 'Hi Ana, thanks!' }).find((c) => c.id === 'missing-signature');
    expect(r?.fix?.text).toBe('Hi Ana, thanks! ^AN');
  });

  it('self-praise opening to an upset customer (EN + ES)', () => {
    const praise = "We're proud to be the award-winning #1 app. Hi Ana, please restart it. ^AN";
    expect(ids({ text: praise })).toContain('self-praise-to-upset');
    expect(ids({ text: praise, customerMessages: ['Love the app, thanks!'] })).not.toContain('self-praise-to-upset');
    expect(ids({ text: 'We are the #1 airline for service. Hi Ana, we will check. ^AN' })).toContain('self-praise-to-upset');
    expect(
      ids({ text: 'Estamos orgullosos de ser el número 1. Hola Ana, reinicia la app. ^AN', customerMessages: ['Es una vergüenza, no funciona nada'] }),
    ).toContain('self-praise-to-upset');
  });

  it('a promise without a follow-up set', () => {
    expect(ids({ text: "Hi Ana, we'll get back to you tomorrow. ^AN" })).toContain('promise-without-follow-up');
    expect(ids({ text: "Hi Ana, we'll get back to you tomorrow. ^AN", followUpSet: true })).not.toContain('promise-without-follow-up');
    expect(detectsPromise('Hola Ana, te llamamos mañana.')).toBe(true);
    expect(detectsPromise('We will reply within 24 hours.')).toBe(true);
    expect(detectsPromise('Thanks for reaching out!')).toBe(false);
  });

  it('unresolved placeholders block the insert', () => {
    const r = checkReply({ ...base, text: 'Hi Ana, order {{ask:order number}} is late. ^AN' }).find((c) => c.id === 'unresolved-variables');
    expect(r?.severity).toBe('block');
    expect(r?.message).toContain('"order number"');
  });

  it('brand avoid-words', () => {
    expect(ids({ brand: { ...base.brand, tone: { avoidWords: ['patience'] } } })).toContain('avoid-word');
  });
});
