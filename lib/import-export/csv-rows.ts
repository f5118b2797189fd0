/**
 * Reading conversation CSVs into normalised rows (issue 7, part 4). Pure: no database.
 *
 * Two layouts:
 * - `twcs`: the Customer Support on Twitter columns `tweet_id, author_id, inbound, created_at,
 *   text, response_tweet_id, in_response_to_tweet_id` (threads are rebuilt from reply links in
 *   csv-threads.ts);
 * - `generic`: one row per message with a column mapping (conversation, customer, direction,
 *   time, text; optional message id and author).
 * Row problems carry the 1-based line number of the row's first line in the file, and are
 * written in the interface language (t()); column names and values from the file stay as they are.
 */
import Papa from 'papaparse';
import { MessageSchema } from '../db/records';
import { t } from '../i18n';
import { quoted } from './backup-schema';
import { LEGACY_ENCODING, readFileText, unreadableFileReason, utf16ByBom, type TextEncodingName } from './text-encoding';
import { cyrb53 } from '../hash';

export const TWCS_COLUMNS = [
  'tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id',
] as const;

export type GenericMapping = {
  conversation: string;
  customer: string;
  direction: string;
  time: string;
  text: string;
  /**
   * Message id column. A short number (up to 6 digits) is read as numbered within its
   * conversation (exports often number each conversation's messages 1, 2, …), so the stored id
   * holds the conversation too; a longer id is kept as it is (a platform's message id). Without it a
   * stable id is derived from conversation, time, direction and text (and, for identical
   * messages, which one it is in the file).
   */
  id?: string;
  /** Who wrote the row (agent name on outgoing rows). */
  author?: string;
};
export type CsvMapping = { layout: 'twcs' } | ({ layout: 'generic' } & GenericMapping);
export type CsvLayout = CsvMapping['layout'];

export type CsvRow = {
  line: number;
  id: string;
  author: string;
  direction: 'in' | 'out';
  sentAt: number;
  text: string;
  /** generic: conversation and customer columns. */
  conversation?: string;
  customer?: string;
  /** twcs: reply links. */
  inReplyTo?: string;
  responses: string[];
};
export type RowError = { line: number; message: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TWITTER_TIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MAX_TIME = 8.64e15;

/**
 * Epoch ms from "Tue Oct 31 22:10:47 +0000 2017" (Twitter API), ISO 8601 (without an offset
 * read as UTC), or epoch seconds/milliseconds. null when unreadable or out of range.
 */
export function parseCsvTime(raw: string): number | null {
  const s = raw.trim();
  let t: number;
  const tw = TWITTER_TIME.exec(s);
  if (tw) {
    const [, mon, day, hh, mm, ss, sign, oh, om, year] = tw;
    const month = MONTHS.indexOf(mon!);
    if (month < 0) return null;
    const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
    t = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) - offset;
    if (new Date(t + offset).getUTCDate() !== Number(day)) return null; // Feb 31 and friends
  } else if (ISO_TIME.exec(s)) {
    const iso = s.replace(' ', 'T');
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(iso) && iso.includes('T');
    t = Date.parse(iso.includes('T') ? (hasZone ? iso : `${iso}Z`) : `${iso}T00:00:00Z`);
  } else if (/^\d{9,16}$/.test(s)) {
    t = s.length <= 11 ? Number(s) * 1000 : Number(s);
  } else return null;
  return Number.isFinite(t) && t >= 0 && t <= MAX_TIME ? t : null;
}

const IN_VALUES = new Set(['in', 'inbound', 'incoming', 'true', 'customer', 'received', '1']);
const OUT_VALUES = new Set(['out', 'outbound', 'outgoing', 'false', 'agent', 'brand', 'sent', '0']);
export function parseDirection(raw: string): 'in' | 'out' | null {
  const v = raw.trim().toLowerCase();
  return IN_VALUES.has(v) ? 'in' : OUT_VALUES.has(v) ? 'out' : null;
}

/** Stable short hash (cyrb53) for derived message ids. */
export const stableHash = cyrb53;

const norm = (s: string) => s.trim().toLowerCase();

/** A Papa Parse problem in the interface language (Papa's own messages are English). */
export function parseProblem(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return t('import.csv.unterminatedQuote');
    case 'InvalidQuotes':
      return t('import.csv.malformedQuote');
    case 'UndetectableDelimiter':
      return t('import.csv.noDelimiter', { delimiter: Papa.DefaultDelimiter });
    default:
      return error.message;
  }
}

const MAX_ID = 300; // MessageSchema.nativeId
const MAX_TEXT = MessageSchema.shape.text.maxLength ?? 200_000;

/** Guesses the layout and, for generic files, a mapping from the header names. */
export function guessMapping(columns: string[]): CsvMapping | null {
  const have = new Set(columns.map(norm));
  if (TWCS_COLUMNS.every((c) => have.has(c))) return { layout: 'twcs' };
  const pick = (...names: string[]) => columns.find((c) => names.includes(norm(c)));
  const conversation = pick('conversation', 'conversation_id', 'thread', 'thread_id');
  const customer = pick('customer', 'customer_handle', 'handle', 'user', 'customer_id');
  const direction = pick('direction', 'inbound', 'from');
  const time = pick('time', 'timestamp', 'date', 'created_at', 'sent_at');
  const text = pick('text', 'message', 'body', 'content');
  if (!conversation || !customer || !direction || !time || !text) return null;
  const id = pick('id', 'message_id');
  const author = pick('author', 'agent', 'sender');
  return { layout: 'generic', conversation, customer, direction, time, text, ...(id && { id }), ...(author && { author }) };
}

export type ReadResult = {
  columns: string[];
  rows: CsvRow[];
  errors: RowError[];
  dataRows: number;
  fatal?: string;
  /** Set when the file was not read as UTF-8: Windows-1252 (not valid UTF-8) or UTF-16 (by its byte-order mark); text-encoding.ts. */
  encoding?: TextEncodingName;
};

type ReadOptions = { limit?: number; brandAuthors?: ReadonlySet<string> };

/**
 * What happens to each parsed record, whichever way the file is read: the first is the header
 * (checked against the mapping), the others become rows or row problems. Returns false to stop.
 */
function rowHandler(mapping: CsvMapping | null, options: ReadOptions, out: ReadResult) {
  let index: Record<string, number> = {};
  const occurrences = new Map<string, number>();
  return (cells: string[], parseErrors: Papa.ParseError[], line: number): boolean => {
    if (!out.columns.length) {
      out.columns = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/u, '') : c).trim());
      const required = mapping?.layout === 'twcs' ? [...TWCS_COLUMNS]
        : mapping ? [mapping.conversation, mapping.customer, mapping.direction, mapping.time, mapping.text, mapping.id, mapping.author].filter((c): c is string => !!c)
        : [];
      const have = out.columns.map(norm);
      const missing = required.filter((c) => !have.includes(norm(c)));
      if (missing.length) {
        out.fatal = t(missing.length > 1 ? 'import.csv.missingColumns' : 'import.csv.missingColumn', {
          columns: missing.map(quoted).join(', '),
          header: out.columns.map(quoted).join(', '),
        });
        return false;
      }
      index = Object.fromEntries(required.map((c) => [c, have.indexOf(norm(c))]));
      return options.limit !== 0;
    }
    out.dataRows++;
    if (parseErrors.length) {
      out.errors.push({ line, message: parseErrors.map(parseProblem).join('; ') });
    } else if (cells.length !== out.columns.length) {
      out.errors.push({ line, message: t('import.csv.fieldCount', { expected: out.columns.length, found: cells.length }) });
    } else if (mapping) {
      const row = toRow(mapping, (col) => cells[index[col]!] ?? '', line, options.brandAuthors, occurrences);
      if (typeof row === 'string') out.errors.push({ line, message: row });
      else out.rows.push(row);
    }
    return options.limit === undefined || out.dataRows < options.limit;
  };
}

/**
 * Parses `text` row by row. `limit` stops after that many data rows (preview).
 * `brandAuthors` (lower-case) turns rows by the brand's own accounts into outgoing messages.
 */
export function readCsvRows(text: string, mapping: CsvMapping | null, options: ReadOptions = {}): ReadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: ReadResult = { columns: [], rows: [], errors: [], dataRows: 0 };
  parseCsvRecords(source, rowHandler(mapping, options, out));
  if (!out.columns.length && !out.fatal) out.fatal = t('import.emptyFile');
  return out;
}

/**
 * Papa Parse over a whole string (delimiter guessed, empty lines skipped), one record at a time:
 * its cells, Papa's problems with it, and the 1-based line it starts on (line breaks inside
 * quoted cells counted). `onRecord` returns false to stop.
 */
export function parseCsvRecords(source: string, onRecord: (cells: string[], errors: Papa.ParseError[], line: number) => boolean): void {
  let lineCount = 1; // line number at `counted`
  let counted = 0;
  let rowStart = 0;
  const lineAt = (pos: number) => {
    for (; counted < pos; counted++) if (source.charCodeAt(counted) === 10) lineCount++;
    return lineCount;
  };

  Papa.parse<string[]>(source, {
    skipEmptyLines: true,
    step(result, parser) {
      while (rowStart < source.length && (source[rowStart] === '\n' || source[rowStart] === '\r')) rowStart++;
      const line = lineAt(rowStart);
      rowStart = result.meta.cursor;
      if (!onRecord(result.data, result.errors, line)) parser.abort();
    },
  });
}

/**
 * Like readCsvRows, but reads a file as a stream: the file is never held whole as one string
 * (a 200 MB CSV would be 400 MB of UTF-16). The bytes are decoded by the platform's
 * TextDecoderStream, which keeps a character split between two chunks whole, and the decoded
 * text is handed to Papa Parse as a stream of strings. (Papa's own File reader decodes each
 * chunk on its own and can turn such a character into U+FFFD: mholt/PapaParse#751.)
 * Line numbers count the line breaks of every record, including those inside quoted fields.
 */
export async function readCsvBlob(blob: Blob, mapping: CsvMapping | null, options: StreamOptions = {}): Promise<ReadResult> {
  // Excel's "Unicode Text" is UTF-16 with a byte-order mark.
  const utf16 = utf16ByBom(new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  if (utf16) return { ...(await readCsvStream(blob.stream(), mapping, { ...options, encoding: utf16 })), encoding: utf16 };
  try {
    return await readCsvStream(blob.stream(), mapping, options);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    // Not UTF-8 (an Excel "CSV" on Windows): read again, whole, as Windows-1252.
    return { ...(await readCsvStream(blob.stream(), mapping, { ...options, encoding: LEGACY_ENCODING })), encoding: LEGACY_ENCODING };
  }
}

/** The bytes of a stream read as UTF-8 are not valid UTF-8. */
class NotUtf8Error extends Error {}

const FIRST_CHUNK_CHARS = 64 * 1024;

type StreamOptions = ReadOptions & { onBytes?: (bytesRead: number) => void; encoding?: TextEncodingName };

/**
 * readCsvBlob over any stream of bytes, in whatever chunks it comes: UTF-8 (throws NotUtf8Error
 * on bytes that are not) or, when told, Windows-1252.
 */
export async function readCsvStream(bytesIn: ReadableStream<Uint8Array<ArrayBuffer>>, mapping: CsvMapping | null, options: StreamOptions = {}): Promise<ReadResult> {
  const out: ReadResult = { columns: [], rows: [], errors: [], dataRows: 0 };
  const handle = rowHandler(mapping, options, out);
  let line = 1;
  let stopped = false;
  // The smallest Node-style readable Papa's stream reader needs (data / end / error events).
  const listeners: Record<string, ((arg?: unknown) => void)[]> = {};
  const input = {
    readable: true,
    read() {},
    pause() {},
    resume() {},
    on(event: string, fn: (arg?: unknown) => void) {
      (listeners[event] ??= []).push(fn);
    },
    removeListener(event: string, fn: (arg?: unknown) => void) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
    },
  };
  const emit = (event: string, arg?: unknown) => [...(listeners[event] ?? [])].forEach((fn) => fn(arg));
  const done = new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input as unknown as File, {
      skipEmptyLines: false,
      step(result, parser) {
        const cells = result.data;
        const at = line;
        let breaks = 0;
        for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) breaks++;
        line += 1 + breaks;
        if (cells.length === 1 && cells[0] === '') return; // an empty line
        if (!handle(cells, result.errors, at)) {
          stopped = true;
          parser.abort();
          resolve();
        }
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  let bytes = 0;
  const countBytes = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const encoding = options.encoding ?? 'utf-8';
  const decoder = new TextDecoderStream(encoding, { fatal: encoding === 'utf-8' });
  const reader = bytesIn.pipeThrough(countBytes).pipeThrough(decoder).getReader();
  const next = () =>
    reader.read().catch((e: unknown) => {
      throw encoding === 'utf-8' && e instanceof TypeError ? new NotUtf8Error(e.message) : e;
    });
  // Papa guesses the line ending (LF or CRLF) from the first chunk it gets and keeps it, so that
  // chunk is at least 64 KiB of text, or the whole file (a tiny first chunk without a line break
  // would leave a stray CR at the end of every CRLF row).
  let first = '';
  let started = false;
  try {
    for (;;) {
      const { value, done: end } = await next();
      if (end || stopped) break;
      if (!started) {
        first += value;
        if (first.length < FIRST_CHUNK_CHARS) continue;
        started = true;
        emit('data', first);
      } else emit('data', value);
      options.onBytes?.(bytes);
    }
    if (!started && !stopped && first) emit('data', first);
    if (!stopped) emit('end');
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  await done;
  if (!out.columns.length && !out.fatal) out.fatal = t('import.emptyFile');
  return out;
}

/** A message id that is a row number (up to 6 digits), not an id that names one message. */
const ROW_NUMBER = /^\d{1,6}$/u;

/** A handle or author id as compared with others: without a leading @, lower-case. */
export const authorKey = (s: string) => s.replace(/^@/u, '').toLowerCase();

/**
 * A generic row's message id: `<conversation>~<part>`. When that is longer than a stored id may
 * be, the conversation is replaced by its hash (cut, two ids of one long conversation would be
 * the same).
 */
function inConversation(conversation: string, part: string): string {
  const id = `${conversation}~${part}`;
  return id.length <= MAX_ID ? id : `${stableHash(conversation)}~${part.length > MAX_ID - 20 ? stableHash(part) : part}`;
}

/**
 * One CSV row → a normalised row, or a readable problem. `occurrences` counts the derived ids
 * given so far in the file: identical messages (same conversation, time, direction and text)
 * are told apart by their order, so the same file read again gives the same ids.
 */
function toRow(
  mapping: CsvMapping,
  get: (column: string) => string,
  line: number,
  brandAuthors?: ReadonlySet<string>,
  occurrences?: Map<string, number>,
): CsvRow | string {
  const twcs = mapping.layout === 'twcs';
  const id = (twcs ? get('tweet_id') : mapping.id ? get(mapping.id) : '').trim();
  const rawTime = twcs ? get('created_at') : get(mapping.time);
  const sentAt = parseCsvTime(rawTime);
  if (sentAt === null) return t('import.csv.badTime', { column: twcs ? 'created_at' : mapping.time, value: rawTime.slice(0, 40) });
  const text = twcs ? get('text') : get(mapping.text);
  if (text.length > MAX_TEXT) return t('import.csv.textTooLong', { max: MAX_TEXT });
  const rawDirection = twcs ? get('inbound') : get(mapping.direction);
  let direction = parseDirection(rawDirection);
  if (!direction) return t('import.csv.badDirection', { column: twcs ? 'inbound' : mapping.direction, value: rawDirection.slice(0, 20) });
  const author = (twcs ? get('author_id') : mapping.author ? get(mapping.author) : '').trim();
  if (author && brandAuthors?.has(authorKey(author))) direction = 'out';

  if (twcs) {
    if (!id) return t('import.csv.emptyField', { column: 'tweet_id' });
    if (id.length > MAX_ID) return t('import.csv.fieldTooLong', { column: 'tweet_id' });
    if (!author) return t('import.csv.emptyField', { column: 'author_id' });
    const inReplyTo = get('in_response_to_tweet_id').trim().replace(/\.0$/, '');
    const responses = get('response_tweet_id').split(',').map((s) => s.trim().replace(/\.0$/, '')).filter(Boolean);
    return { line, id: id.replace(/\.0$/, ''), author, direction, sentAt, text, responses, ...(inReplyTo && { inReplyTo }) };
  }
  const conversation = get(mapping.conversation).trim();
  // "@bob" is the customer stored as "bob" (handles are kept without the @, as the brand's own).
  const customer = get(mapping.customer).trim().replace(/^@/u, '').trim();
  if (!conversation) return t('import.csv.emptyField', { column: mapping.conversation });
  if (!customer) return t('import.csv.emptyField', { column: mapping.customer });
  if (conversation.length > MAX_ID || customer.length > 200 || id.length > MAX_ID) return t('import.csv.idTooLong');
  let messageId: string;
  if (id && !ROW_NUMBER.test(id)) {
    // A real message id (a platform's, or any long one): kept as it is, so the same message
    // captured from the page later is recognised as already stored.
    messageId = id;
  } else if (id) {
    // Ids numbered per conversation (1, 2, … in each) would collide with another conversation's,
    // in this file or in the next one: the id is read within its conversation. ("#" keeps these
    // apart from derived ids, which are letters and digits.)
    messageId = inConversation(conversation, `#${id}`);
  } else {
    const hash = stableHash(`${conversation}\u0000${sentAt}\u0000${direction}\u0000${text}`);
    const seen = `${conversation}\u0000${hash}`;
    const n = (occurrences?.get(seen) ?? 0) + 1;
    occurrences?.set(seen, n);
    messageId = inConversation(conversation, n === 1 ? hash : `${hash}~${n}`);
  }
  return { line, id: messageId, author: author || (direction === 'in' ? customer : ''), direction, sentAt, text, conversation, customer, responses: [] };
}

export type SniffResult = {
  layout: CsvLayout | null;
  columns: string[];
  /** Guessed mapping (null when the header does not say); the UI lets the user change it. */
  mapping: CsvMapping | null;
  /** The first 20 data rows, mapped, or their problem. */
  preview: Array<CsvRow | RowError>;
  /** Estimated data rows (line count; quoted multi-line texts make it an over-estimate). */
  rowCount: number;
  error?: string;
  /** How the file's bytes were read (sniffCsvFile): not UTF-8 means Windows-1252, said to the agent. */
  encoding?: TextEncodingName;
};

/** The preview reads this much of the file. */
const SNIFF_BYTES = 2 * 1024 * 1024;

/** sniffCsv on the start of a file, read as UTF-8 or, when it is not, as Windows-1252. */
export async function sniffCsvFile(file: Blob, mapping?: CsvMapping): Promise<SniffResult> {
  try {
    const { text, encoding } = await readFileText(file, SNIFF_BYTES);
    return { ...sniffCsv(text, mapping), encoding };
  } catch (error) {
    return { layout: null, columns: [], mapping: null, preview: [], rowCount: 0, error: t('import.unreadable', { reason: unreadableFileReason(error) }) };
  }
}

export function sniffCsv(text: string, mapping?: CsvMapping): SniffResult {
  const head = readCsvRows(text.slice(0, 1024 * 1024), null, { limit: 0 });
  const chosen = mapping ?? guessMapping(head.columns);
  const read = readCsvRows(text, chosen, { limit: 20 });
  const preview = [...read.rows, ...read.errors].sort((a, b) => a.line - b.line);
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  if (text.length && text.charCodeAt(text.length - 1) !== 10) lines++;
  return {
    layout: chosen?.layout ?? null,
    columns: head.columns,
    mapping: chosen,
    preview,
    rowCount: Math.max(0, lines - 1),
    ...(read.fatal && { error: read.fatal }),
    ...(!chosen && head.columns.length && { error: t('import.csv.unknownLayout') }),
  };
}
