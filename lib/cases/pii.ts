/**
 * Finds and masks personal data in notes: payment cards, IBANs, passport and national ID
 * numbers, emails and phone numbers (docs/product.md, "Public vs private"). Tuned against
 * false positives on what support notes are full of: order numbers, dates, tweet and Page ids.
 *
 * - card: 13–19 digits (spaced or dashed in groups), a card network's prefix and length, Luhn.
 *   Tweet ids (19 digits from "1") and Facebook ids (15–17 digits from "1") have no network.
 * - iban: country code + check digits + BBAN (spaced in 4s or not), mod-97 checksum.
 * - national-id: Spanish DNI (8 digits + check letter) and NIE (X/Y/Z + 7 digits + letter),
 *   the letter verified; US SSN (123-45-6789, dashed, with the SSA's invalid ranges excluded).
 * - passport: only after the word (passport, pasaporte, passeport, "passport no.", "passport
 *   is", "pasaporte es") and with a digit — a passport number alone looks like any reference.
 * - email.
 * - phone: "+" international numbers, (555) 123-4567 / 555-123-4567 / 555.123.4567, Spanish
 *   612 34 56 78 / 612 345 678, or 7–15 digits right after a phone word (tel, phone, móvil,
 *   WhatsApp, "call me at"; "phone number is", "mi móvil es"). Plain digit runs are not phones: they are usually order numbers.
 * Digits inside URLs (x.com/…/status/1234…) are never matched.
 */

export type PiiKind = 'card' | 'iban' | 'national-id' | 'passport' | 'email' | 'phone';
export const PII_KINDS: readonly PiiKind[] = ['card', 'iban', 'national-id', 'passport', 'email', 'phone'];

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Network prefix and length: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro. */
function isCardNumber(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p4 = Number(d.slice(0, 4));
  const ok =
    (d[0] === '4' && (n === 13 || n === 16 || n === 19)) ||
    (p2 >= 51 && p2 <= 55 && n === 16) ||
    (p4 >= 2221 && p4 <= 2720 && n === 16) ||
    ((p2 === 34 || p2 === 37) && n === 15) ||
    ((d.startsWith('6011') || d.startsWith('65') || (p4 >= 6440 && p4 <= 6499)) && n >= 16 && n <= 19) ||
    (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) ||
    ((p2 === 36 || p2 === 38 || p2 === 39 || (p4 >= 3000 && p4 <= 3059)) && n === 14) ||
    (p2 === 62 && n >= 16 && n <= 19) ||
    ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19);
  return ok && luhnValid(d);
}

export function ibanValid(raw: string): boolean {
  const s = raw.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rem = (rem * 10 + Number(digit)) % 97;
  }
  return rem === 1;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
export function dniValid(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(s);
  if (!m) return false;
  const [, prefix, digits, letter] = m;
  if (prefix ? digits!.length !== 7 : digits!.length !== 8) return false;
  const number = Number(prefix ? String('XYZ'.indexOf(prefix)) + digits : digits);
  return DNI_LETTERS[number % 23] === letter;
}

function ssnValid(s: string): boolean {
  const [area, group, serial] = s.split('-');
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

interface Detector {
  kind: PiiKind;
  re: RegExp;
  /** The matched span to keep (a capture group), and whether it really is this kind. */
  group?: number;
  valid?: (value: string, text: string, start: number) => boolean;
}

const NOT_DIGIT_BEFORE = String.raw`(?<![\d\w.\-/#])`;
const NOT_DIGIT_AFTER = String.raw`(?![\d\w]|[.\-]\d)`;

const DETECTORS: Detector[] = [
  {
    kind: 'iban',
    re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, // IBANs are written in capitals
    valid: (v) => ibanValid(v),
  },
  {
    kind: 'card',
    re: new RegExp(String.raw`${NOT_DIGIT_BEFORE}\d(?:[ -]?\d){11,18}${NOT_DIGIT_AFTER}`, 'g'),
    valid: (v) => isCardNumber(digitsOf(v)) && /^\d+$|^\d{4}([ -])(?:\d{4}\1){1,3}\d{1,4}$|^\d{4}([ -])\d{6}\2\d{4,5}$/.test(v),
  },
  {
    kind: 'national-id',
    re: /(?<![\w-])(?:[XYZxyz][ -]?\d{7}|\d{8})[ -]?[A-Za-z](?![\w])/g,
    valid: (v) => dniValid(v),
  },
  {
    kind: 'national-id',
    re: /(?<![\d\w-])\d{3}-\d{2}-\d{4}(?![\d\w]|-\d)/g,
    valid: (v) => ssnValid(v),
  },
  {
    kind: 'passport',
    // "passport X1234567", "passport no.: X1234567", "passport number is X1234567", "su
    // pasaporte es PAA123456": the number after the word, its "no." and an "is"/"es".
    re: /\b(?:passport|pasaporte|passeport|reisepass)(?:\s+(?:no\.?|nº|n\.º|num\.?|number|número|numero|#))?(?:\s+(?:is|was|es|era|est|ist))?\s*[:#]?\s*([A-Z0-9]{6,9})\b/gi,
    group: 1,
    valid: (v) => /\d/.test(v),
  },
  {
    kind: 'email',
    re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}\b/g,
  },
  {
    kind: 'phone',
    re: new RegExp(
      [
        // International: +34 612 34 56 78, +1 (555) 123-4567, +447911123456
        String.raw`(?<![\w+])\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){2,5}(?!\d)`,
        // North American: (555) 123-4567, 555-123-4567, 555.123.4567
        String.raw`(?<![\w\-.])(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.]\d{4}(?![\w\-]|\.\d)`,
        // Spanish: 612 34 56 78, 612 345 678, 91 123 45 67
        String.raw`(?<![\w\-.])[6789]\d{2}(?: \d{2} \d{2} \d{2}| \d{3} \d{3})(?![\w\-]|\.\d| \d)`,
        String.raw`(?<![\w\-.])[89]\d (?:\d{3} \d{2} \d{2}|\d{2} \d{2} \d{2} \d)(?![\w\-]|\.\d| \d)`,
      ].join('|'),
      'g',
    ),
    valid: (v) => {
      const n = digitsOf(v).length;
      return n >= 9 && n <= 15;
    },
  },
  {
    // A digit run right after a phone word: "tel 612345678", "WhatsApp: 5551234567".
    kind: 'phone',
    // Also with "number"/"is" between: "phone number: …", "phone is …", "mi móvil es …".
    re: /\b(?:tel|teléfono|telefono|tlf|phone|mobile|cell|móvil|movil|whatsapp|call me (?:at|on)|llámame al|llamame al|number is|mi número(?: es)?)\.?(?:\s+(?:number|no\.?|nº|número|numero))?(?:\s+(?:is|was|es|era))?\s*[:#]?\s*(\+?\d[\d .-]{5,17}\d)/gi,
    group: 1,
    valid: (v) => {
      const n = digitsOf(v).length;
      return n >= 7 && n <= 15;
    },
  },
];

/** Character ranges of URLs: ids in links are not personal data to mask. */
function urlRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)\S+|\b(?:x|twitter|facebook|fb|instagram)\.com\/\S+/gi)) {
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export function findPii(text: string): PiiMatch[] {
  const urls = urlRanges(text);
  const inUrl = (s: number, e: number) => urls.some(([a, b]) => s < b && e > a);
  const found: PiiMatch[] = [];
  for (const d of DETECTORS) {
    d.re.lastIndex = 0;
    for (const m of text.matchAll(d.re)) {
      const value = d.group ? m[d.group] : m[0];
      if (!value) continue;
      const start = m.index + (d.group ? m[0].lastIndexOf(value) : 0);
      const end = start + value.length;
      // An email's own address is the data, wherever it appears; other kinds inside links are ids.
      if (d.kind !== 'email' && inUrl(start, end)) continue;
      if (d.valid && !d.valid(value, text, start)) continue;
      found.push({ kind: d.kind, start, end, value });
    }
  }
  // Earlier detectors win overlaps (IBAN over card over ID over phone), then earlier, longer.
  const order = (k: PiiKind) => DETECTORS.findIndex((d) => d.kind === k);
  found.sort((a, b) => order(a.kind) - order(b.kind) || a.start - b.start || b.end - a.end);
  const kept: PiiMatch[] = [];
  for (const f of found) {
    if (!kept.some((k) => f.start < k.end && f.end > k.start)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const BULLET = '•';

/** Replaces every digit/letter but the last `keep` alphanumerics, keeping separators. */
function maskKeepingShape(value: string, keep: number): string {
  let seen = 0;
  const total = value.replace(/[^A-Za-z0-9]/g, '').length;
  return value.replace(/[A-Za-z0-9]/g, (ch) => (++seen > total - keep ? ch : BULLET));
}

export function maskValue(m: Pick<PiiMatch, 'kind' | 'value'>): string {
  switch (m.kind) {
    case 'card':
      return `${BULLET.repeat(4)} ${BULLET.repeat(4)} ${BULLET.repeat(4)} ${digitsOf(m.value).slice(-4)}`;
    case 'iban': {
      const s = m.value.replace(/\s/g, '').toUpperCase();
      return `${s.slice(0, 2)}${BULLET.repeat(2)} ${BULLET.repeat(4)} ${s.slice(-4)}`;
    }
    case 'email': {
      const at = m.value.lastIndexOf('@');
      return `${m.value[0]}${BULLET.repeat(3)}${m.value.slice(at)}`;
    }
    case 'phone':
      return maskKeepingShape(m.value, 2);
    case 'national-id':
    case 'passport':
      return maskKeepingShape(m.value, 2);
  }
}

export interface MaskResult {
  text: string;
  masked: { kind: PiiKind; count: number }[];
}

/**
 * Masks personal data. `keep` names the kinds left as they are ('all' keeps everything: the
 * agent chose to store the note unmasked).
 */
export function maskPii(text: string, keep: ReadonlySet<PiiKind> | 'all' = new Set()): MaskResult {
  if (keep === 'all') return { text, masked: [] };
  const matches = findPii(text).filter((m) => !keep.has(m.kind));
  let out = '';
  let at = 0;
  const counts = new Map<PiiKind, number>();
  for (const m of matches) {
    out += text.slice(at, m.start) + maskValue(m);
    at = m.end;
    counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  }
  out += text.slice(at);
  return {
    text: out,
    masked: PII_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! })),
  };
}
