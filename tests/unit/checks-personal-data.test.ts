/**
 * Reply checks: requests for personal data (what counts and what does not, indirect ones such as
 * "tell us what your address is" too), the move-to-DM fix
 * keeping the signature, the name check on whole words, order numbers that are not self-praise,
 * and greetings ending in "!" or opening with "¡".
 */
import { describe, expect, it } from 'vitest';
import { checkReply, personalDataRequested, type CheckInput } from '../../lib/suggest/checks';

const base: CheckInput = {
  text: '',
  platform: 'x',
  isPublic: true,
  customer: { displayName: 'Ana Pérez', handle: 'ana' },
  customerMessages: ['hola, no me llega el pedido, llevo una semana esperando'],
  brand: { name: 'Acme', signature: '^AN', tone: { useFirstName: true } },
  followUpSet: true,
};
const ids = (text: string, extra: Partial<CheckInput> = {}) => checkReply({ ...base, text, ...extra }).map((c) => c.id);
const en = { customerMessages: ['my app is broken'] };
const es = { customerMessages: ['hola, la app no me funciona en el móvil'] };

describe('personal data asked for in public', () => {
  it('common Spanish requests are caught', () => {
    expect(ids('Hola Ana, ¿puedes enviarnos tu dirección? ^AN')).toContain('personal-data-in-public');
    expect(ids('Hola Ana, ¿me pasas tu número de teléfono? ^AN')).toContain('personal-data-in-public');
    expect(ids('Hola Ana, por favor, envíanos tus datos bancarios. ^AN')).toContain('personal-data-in-public');
    expect(ids('Hola Ana, ¿podrías enviar tu número de móvil? ^AN')).toContain('personal-data-in-public');
    expect(ids('Hola Ana, ¿nos puedes pasar tu correo electrónico? ^AN')).toContain('personal-data-in-public');
    expect(personalDataRequested('¿Me mandas tu DNI?').kinds).toEqual(['ID document']);
    expect(personalDataRequested('Envíanos tus datos bancarios.').kinds).toEqual(['account number']);
  });

  it('ordinary English replies that mention a data word are not requests', () => {
    expect(ids('Hi Ana, let us know if the app works on your phone now. ^AN', en)).not.toContain('personal-data-in-public');
    expect(ids('Hi Ana, please confirm you received the email we sent. ^AN', en)).not.toContain('personal-data-in-public');
    expect(ids("Hi Ana, please don't share your password with anyone. ^AN", en)).not.toContain('personal-data-in-public');
    expect(ids("Hi Ana, let us know if it happens again and we'll address it right away. ^AN", en)).not.toContain('personal-data-in-public');
    expect(ids('Hi Ana, we need to address this with the courier. ^AN', en)).not.toContain('personal-data-in-public');
    expect(ids('Hi Ana, never give your PIN to anyone, we will not ask for it. ^AN', en)).not.toContain('personal-data-in-public');
  });

  it('ordinary Spanish replies that mention a data word are not requests', () => {
    expect(ids('Hola Ana, dinos qué modelo de móvil tienes y lo revisamos. ^AN', es)).not.toContain('personal-data-in-public');
    expect(ids('Hola Ana, ¿nos confirmas si te ha llegado el correo? ^AN', es)).not.toContain('personal-data-in-public');
    expect(ids('Hola Ana, no compartas tu contraseña con nadie. ^AN', es)).not.toContain('personal-data-in-public');
  });

  it('true requests still warn', () => {
    const asks = (text: string, extra: Partial<CheckInput> = en) => ids(`Hi Ana, ${text} ^AN`, extra).includes('personal-data-in-public');
    expect(asks('DM us your address.')).toBe(false); // by DM: fine
    expect(personalDataRequested('send us your phone number').kinds).toEqual(['phone number']);
    expect(personalDataRequested('DM us your address').kinds).toEqual([]);
    expect(personalDataRequested('Send us your address').kinds).toEqual(['address']);
    expect(asks('send us your phone number so we can call you.')).toBe(true);
    expect(asks('could you confirm your email address?')).toBe(true);
    expect(asks("what's your postcode?")).toBe(true);
    expect(asks('please provide the card number and the security code.')).toBe(true);
    expect(asks('we need your date of birth to verify the account.')).toBe(true);
    expect(asks('let us know your address and we will resend it.')).toBe(true);
    expect(asks('¿nos facilitas tu email?', es)).toBe(true);
    expect(asks('dinos tu número de móvil y te llamamos.', es)).toBe(true);
    expect(asks('¿cuál es tu dirección de envío?', es)).toBe(true);
    expect(asks('confírmanos tu correo electrónico, por favor.', es)).toBe(true);
  });

  it('the move-to-DM fix keeps a signature that follows the last sentence without a full stop', () => {
    const r = checkReply({ ...base, customerMessages: ['where is my voucher'], text: 'Hi Ana, please send us your e-mail so we can send the voucher ^AN' });
    const fix = r.find((c) => c.id === 'personal-data-in-public')?.fix?.text;
    expect(fix).toMatch(/\^AN$/u);
    expect(fix).toBe("Hi Ana, please send us a DM and we'll take it from there, so your details stay private. ^AN");
    // And when the sign-off comes after a full stop, as before.
    const r2 = checkReply({ ...base, customerMessages: ['where is my voucher'], text: 'Hi Ana, please send us your e-mail. ^AN' });
    expect(r2.find((c) => c.id === 'personal-data-in-public')?.fix?.text).toBe(
      "Hi Ana, please send us a DM and we'll take it from there, so your details stay private. ^AN",
    );
  });
});

describe('indirect requests for personal data in public', () => {
  const asks = (text: string) => personalDataRequested(text).kinds;

  it('"tell us what your address is" and the like (EN)', () => {
    expect(asks('Tell us what your address is and we will resend it.')).toEqual(['address']);
    expect(asks('Let us know what your phone number is.')).toEqual(['phone number']);
    expect(asks('Could you confirm which email you used?')).toEqual(['email']);
    expect(asks("Let us know which address you'd like it sent to.")).toEqual(['address']);
    expect(asks('Please confirm the email you used to order.')).toEqual(['email']);
    expect(asks('Could you confirm which email is linked to your account?')).toEqual(['email']);
    expect(asks('Which email did you use to sign up?')).toEqual(['email']);
    expect(asks('What address should we send it to?')).toEqual(['address']);
    expect(asks('Would you mind sharing your phone number?')).toEqual(['phone number']);
    expect(asks('Please tell me what your date of birth is.')).toEqual(['date of birth']);
    // Through the whole check, with its move-to-DM fix.
    const r = checkReply({ ...base, ...en, text: 'Hi Ana, could you let us know what your address is? ^AN' });
    expect(r.find((c) => c.id === 'personal-data-in-public')?.fix?.text).toBe(
      "Hi Ana, please send us a DM and we'll take it from there, so your details stay private. ^AN",
    );
  });

  it('"dinos cuál es tu dirección" and the like (ES)', () => {
    expect(ids('Hola Ana, dinos cuál es tu dirección. ^AN', es)).toContain('personal-data-in-public');
    expect(ids('Hola Ana, indícanos tu correo. ^AN', es)).toContain('personal-data-in-public');
    expect(asks('Confírmanos qué correo usaste.')).toEqual(['email']);
    expect(asks('Indícanos el correo con el que te registraste.')).toEqual(['email']);
    expect(asks('¿Con qué correo te registraste?')).toEqual(['email']);
    expect(asks('Necesitamos que nos indiques tu dirección.')).toEqual(['address']);
    expect(asks('Haznos saber tu correo.')).toEqual(['email']);
    expect(asks('Dinos qué dirección tienes registrada.')).toEqual(['address']);
  });

  it('questions about something else are still not requests', () => {
    expect(ids('Hi Ana, let us know if the app works on your phone now. ^AN', en)).not.toContain('personal-data-in-public');
    expect(ids("Hi Ana, please don't share your password with anyone. ^AN", en)).not.toContain('personal-data-in-public');
    expect(asks('Never tell us what your password is.')).toEqual([]);
    expect(asks('Let us know what happened with your card.')).toEqual([]);
    expect(asks('Tell us what the email said.')).toEqual([]);
    expect(asks('Tell us what your email says.')).toEqual([]);
    // "phone" may be the device.
    expect(asks('Let us know which phone you have.')).toEqual([]);
    expect(asks('Let us know which phone you used when it crashed.')).toEqual([]);
    expect(asks('Let us know what your phone shows.')).toEqual([]);
    expect(asks('Which phone do you have?')).toEqual([]);
    expect(asks('Dinos qué teléfono tienes.')).toEqual([]);
    expect(asks('Tell us which app version is on your phone.')).toEqual([]);
    // Where we send things, or what the brand sent.
    expect(asks('We will send it to the address you gave us.')).toEqual([]);
    expect(asks('Which email did we send it to?')).toEqual([]);
    expect(asks('Please check the email you used to sign up.')).toEqual([]);
    // Thanks, and "que" as "that".
    expect(asks('Thanks for sharing your address.')).toEqual([]);
    expect(asks('Confírmanos que tu dirección es correcta.')).toEqual([]);
    expect(asks('No nos indiques tu contraseña.')).toEqual([]);
  });
});

describe('missing name: the first name as a whole word', () => {
  it('a name inside another word is not the name', () => {
    expect(ids("Hi there, we've checked and it's the same order. ^AN", { customer: { displayName: 'Sam Jones' }, customerMessages: ['where is my order'] })).toContain('missing-name');
    expect(ids('Thanks for your patience, all sorted now. ^AN', { customer: { displayName: 'Al Green' }, customerMessages: ['where is my order'] })).toContain('missing-name');
  });

  it('the name written whole, in any case or accents, or possessive, still counts', () => {
    const sam = { customer: { displayName: 'Sam Jones' }, customerMessages: ['where is my order'] };
    expect(ids('Hi Sam, all sorted. ^AN', sam)).not.toContain('missing-name');
    expect(ids("Sam's order is on its way. ^AN", sam)).not.toContain('missing-name');
    expect(ids('Hola Ana, ya está. ^AN')).not.toContain('missing-name');
    expect(ids('Hola María, ya está. ^AN', { customer: { displayName: 'Maria' } })).not.toContain('missing-name');
  });
});

describe('self-praise: order numbers are not "number one"', () => {
  it('order numbers beginning with 1 raise nothing', () => {
    expect(
      ids('Hola Ana, lamentamos el retraso. Tu pedido número 12345 ya está en camino. ^AN', {
        customerMessages: ['Es una vergüenza, llevo dos semanas esperando mi pedido y nadie me contesta'],
      }),
    ).not.toContain('self-praise-to-upset');
    expect(
      ids("Hi Ana, we're sorry. Order no 15432 is on its way. ^AN", { customerMessages: ['This is unacceptable, my order is two weeks late and nobody answers'] }),
    ).not.toContain('self-praise-to-upset');
  });

  it('"número 1", "nº 1" and "No.1" still do', () => {
    const upsetEs = { customerMessages: ['Es una vergüenza, no funciona nada'] };
    expect(ids('Somos el número 1 en atención. Hola Ana, lo revisamos. ^AN', upsetEs)).toContain('self-praise-to-upset');
    expect(ids('Somos la nº 1 del sector. Hola Ana, lo revisamos. ^AN', upsetEs)).toContain('self-praise-to-upset');
    expect(ids("We're the No.1 airline. Hi Ana, we will check. ^AN", { customerMessages: ['This is unacceptable and terrible'] })).toContain('self-praise-to-upset');
  });
});

describe('greetings ending in "!" or opening with "¡"', () => {
  it('the greeting-by-name fix replaces them', () => {
    const fix = (text: string, extra: Partial<CheckInput> = {}) => checkReply({ ...base, text, ...extra }).find((c) => c.id === 'missing-name')?.fix?.text;
    expect(fix('¡Hola! Ya está en camino. ^AN')).toBe('Hola Ana, ya está en camino. ^AN');
    expect(fix('Hi there! Thanks for waiting. ^AN', en)).toBe('Hi Ana, thanks for waiting. ^AN');
  });

  it('the move-to-DM fix keeps them', () => {
    const fix = (text: string, extra: Partial<CheckInput> = {}) => checkReply({ ...base, text, ...extra }).find((c) => c.id === 'personal-data-in-public')?.fix?.text;
    expect(fix('¡Hola Ana! ¿Nos indicas tu dirección? ^AN')).toBe('¡Hola Ana! Por favor, envíanos un mensaje directo y lo revisamos allí, así tus datos quedan en privado. ^AN');
    expect(fix('¡Hola Ana! ¿nos indicas tu dirección? ^AN')).toBe('¡Hola Ana! Por favor, envíanos un mensaje directo y lo revisamos allí, así tus datos quedan en privado. ^AN');
    expect(fix('Hi Ana! Please send us your phone number. ^AN', en)).toBe("Hi Ana! Please send us a DM and we'll take it from there, so your details stay private. ^AN");
    expect(fix('¡Hola Ana, nos indicas tu dirección? ^AN')).toBe('¡Hola Ana, por favor, envíanos un mensaje directo y lo revisamos allí, así tus datos quedan en privado. ^AN');
  });
});
