/**
 * Why a file is not valid JSON, in the interface language and with the line and column, instead
 * of the JavaScript engine's own parse message (English, and different in every browser). Called
 * only after JSON.parse has refused the text: jsonc-parser (the parser behind VS Code's JSON
 * support) locates the first problem and names its kind; the sentence is ours.
 */
import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { t, type MessageKey } from '../i18n';

/** A byte-order mark that editors such as Notepad put before the text; JSON.parse refuses it. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const PROBLEM: Partial<Record<ParseErrorCode, MessageKey>> = {
  [ParseErrorCode.CommaExpected]: 'import.json.comma',
  [ParseErrorCode.ColonExpected]: 'import.json.colon',
  [ParseErrorCode.PropertyNameExpected]: 'import.json.name',
  [ParseErrorCode.ValueExpected]: 'import.json.value',
  [ParseErrorCode.CloseBraceExpected]: 'import.json.closeBrace',
  [ParseErrorCode.CloseBracketExpected]: 'import.json.closeBracket',
  [ParseErrorCode.UnexpectedEndOfString]: 'import.json.string',
  [ParseErrorCode.InvalidEscapeCharacter]: 'import.json.escape',
  [ParseErrorCode.InvalidUnicode]: 'import.json.escape',
  [ParseErrorCode.InvalidCharacter]: 'import.json.control',
  [ParseErrorCode.InvalidCommentToken]: 'import.json.comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'import.json.comment',
  [ParseErrorCode.InvalidNumberFormat]: 'import.json.number',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'import.json.number',
  [ParseErrorCode.EndOfFileExpected]: 'import.json.trailing',
};

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The text found where something else was expected, short and printable (control characters as U+XXXX). */
function excerpt(text: string, offset: number): string {
  const token = /^\S{1,12}/u.exec(text.slice(offset, offset + 12))?.[0] ?? text.slice(offset, offset + 1);
  return [...token].map((c) => (/[\p{Cc}\p{Cf}]/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : c)).join('');
}

/** One sentence saying where and why `text` (which JSON.parse refused) is not valid JSON. */
export function describeJsonProblem(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return t('import.json.invalid');
  const at = lineAndColumn(text, first.offset);
  // The parser ran out of text (or a quoted text runs to the end): the data stops early, as in a
  // truncated download.
  const end = text.trimEnd().length;
  if (first.offset >= end || (first.error === ParseErrorCode.UnexpectedEndOfString && first.offset + first.length >= end)) {
    return t('import.json.cutOff', { line: at.line });
  }
  const key = PROBLEM[first.error];
  const problem = key ? t(key) : t('import.json.unexpected', { text: excerpt(text, first.offset) });
  return t('import.json.problem', { line: at.line, column: at.column, problem });
}
