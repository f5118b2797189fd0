/** Personal data in notes: what is found, what is masked, and what must be left alone. */
import { describe, expect, it } from 'vitest';
import { findPii, maskPii, type PiiKind } from '../../lib/cases/pii';

const POSITIVES: [text: string, kind: PiiKind, value: string][] = [
  ['card 4242 4242 4242 4242 exp 12/27', 'card', '4242 4242 4242 4242'],
  ['paid with 4111-1111-1111-1111 yesterday', 'card', '4111-1111-1111-1111'],
  ['Mastercard 5555555555554444.', 'card', '5555555555554444'],
  ['amex 3782 822463 10005', 'card', '3782 822463 10005'],
  ['IBAN ES91 2100 0418 4502 0005 1332 please refund', 'iban', 'ES91 2100 0418 4502 0005 1332'],
  ['GB82WEST12345698765432', 'iban', 'GB82WEST12345698765432'],
  ['DNI 12345678Z', 'national-id', '12345678Z'],
  ['NIE X1234567L del titular', 'national-id', 'X1234567L'],
  ['SSN 123-45-6789', 'national-id', '123-45-6789'],
  ['Passport number: X12345678', 'passport', 'X12345678'],
  ['pasaporte nº PAA123456', 'passport', 'PAA123456'],
  ['write to dana.smith+orders@example.com today', 'email', 'dana.smith+orders@example.com'],
  ['call +34 612 34 56 78 after 5', 'phone', '+34 612 34 56 78'],
  ['his number +1 (555) 123-4567', 'phone', '+1 (555) 123-4567'],
  ['reach her on 555-123-4567', 'phone', '555-123-4567'],
  ['móvil 612 345 678', 'phone', '612 345 678'],
  ['tel: 612345678', 'phone', '612345678'],
  ['WhatsApp 5551234567', 'phone', '5551234567'],
  ['+447911123456', 'phone', '+447911123456'],
];

const NEGATIVES: string[] = [
  'Order #4532015112830366 shipped', // Luhn-valid Visa-like order number after "#"
  'order 123456789 delayed',
  'pedido 612345678', // a Spanish-mobile-like digit run without a phone word or spacing
  'see https://x.com/acme/status/1767890123456789011',
  'tweet id 1767890123456789011', // 19 digits, Luhn-valid, starts with 1: no card network
  'page 100012345678902', // Facebook id, Luhn-valid
  'delivered on 2026-03-10, promised 10/03/2026 and 10.03.2026',
  'between 14:00 and 18:30',
  'ticket 4242424242424241', // fails Luhn
  'DNI 12345678A', // wrong check letter
  'SSN 000-12-3456', // invalid area
  'ref ES12 3456 7890 1234 5678 9012', // fails the IBAN checksum
  'passport photo attached',
  'tracking 1Z999AA10123456784',
  'total 1,299.00 EUR, qty 3',
  'ref ACME-0042',
];

describe('findPii', () => {
  it.each(POSITIVES)('%s → %s', (text, kind, value) => {
    const found = findPii(text);
    expect(found.map((f) => [f.kind, f.value])).toEqual([[kind, value]]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(value);
  });

  it.each(NEGATIVES)('leaves %j alone', (text) => {
    expect(findPii(text)).toEqual([]);
  });

  it('finds several kinds in one note, in order', () => {
    const note = 'Customer dana@example.com, card 4242424242424242, call 555-123-4567.';
    expect(findPii(note).map((f) => f.kind)).toEqual(['email', 'card', 'phone']);
  });
});

describe('maskPii', () => {
  it('keeps the last 4 digits of a card and the first letter and domain of an email', () => {
    const r = maskPii('card 4242 4242 4242 4242, mail dana@example.com');
    expect(r.text).toBe('card •••• •••• •••• 4242, mail d•••@example.com');
    expect(r.masked).toEqual([
      { kind: 'card', count: 1 },
      { kind: 'email', count: 1 },
    ]);
  });

  it('masks phones, IDs, passports and IBANs leaving little to identify', () => {
    const r = maskPii('tel +34 612 34 56 78, DNI 12345678Z, passport X12345678, ES91 2100 0418 4502 0005 1332');
    expect(r.text).toBe('tel +•• ••• •• •• 78, DNI •••••••8Z, passport •••••••78, ES•• •••• 1332');
    expect(r.text).not.toMatch(/612|12345678|2100/);
  });

  it('keeps the kinds the agent chose to keep, or everything', () => {
    const text = 'dana@example.com 4242424242424242';
    expect(maskPii(text, new Set<PiiKind>(['email'])).text).toBe('dana@example.com •••• •••• •••• 4242');
    expect(maskPii(text, 'all')).toEqual({ text, masked: [] });
  });

  it('counts repeated kinds and leaves text without personal data unchanged', () => {
    expect(maskPii('a@b.co and c@d.io').masked).toEqual([{ kind: 'email', count: 2 }]);
    const plain = 'Order #4532015112830366 arrives 2026-03-10; tweet 1767890123456789011';
    expect(maskPii(plain)).toEqual({ text: plain, masked: [] });
  });
});
