/**
 * Reading a user's file as text. Files are expected in UTF-8; one that is not valid UTF-8 is, in
 * practice, a CSV saved by Excel as plain "CSV" on a Western European Windows, that is in
 * Windows-1252. Decoding such a file as UTF-8 turns every "ó" into U+FFFD for good, so it is read
 * as Windows-1252 instead and the caller tells the agent so (to check the accents).
 * A file that starts with a UTF-16 byte-order mark (Excel's "Unicode Text", tab-separated) is
 * read as UTF-16: the mark says so, nothing is guessed.
 * The platform's TextDecoder does the decoding; nothing here is hand-written but the choice.
 */
import { t } from '../i18n';

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export const LEGACY_ENCODING: TextEncodingName = 'windows-1252';

/** The UTF-16 encoding a file's first bytes name by their byte-order mark, if any. */
export function utf16ByBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * `bytes` as text: UTF-16 when they start with its byte-order mark, UTF-8 when they are valid
 * UTF-8, else Windows-1252. `partial`: the bytes are the start of a file and may end in the
 * middle of a character.
 */
export function decodeBytes(bytes: Uint8Array, partial = false): { text: string; encoding: TextEncodingName } {
  const utf16 = utf16ByBom(bytes);
  // The decoder drops the mark itself; a half character at the end of a partial read is dropped.
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes, { stream: partial }), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial }), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder(LEGACY_ENCODING).decode(bytes), encoding: LEGACY_ENCODING };
  }
}

/** A file's text (its first `maxBytes` only, when given), decoded as decodeBytes does. */
export async function readFileText(file: Blob, maxBytes?: number): Promise<{ text: string; encoding: TextEncodingName }> {
  const part = maxBytes !== undefined && file.size > maxBytes ? file.slice(0, maxBytes) : file;
  return decodeBytes(new Uint8Array(await part.arrayBuffer()), part !== file);
}

/**
 * Why a file could not be read at all, in the interface language: the browser's own error (a
 * file changed on disk, memory running out) stays out of the message.
 */
export function unreadableFileReason(error: unknown): string {
  const name = error !== null && typeof error === 'object' && 'name' in error ? String(error.name) : '';
  if (name === 'NotReadableError' || name === 'NotFoundError') return t('import.unreadable.changed');
  if (name === 'RangeError') return t('import.unreadable.tooLarge');
  return t('import.unreadable.other');
}
