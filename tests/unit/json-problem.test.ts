/**
 * Why a backup or templates file is not valid JSON, in the agent's language with line and column
 * (lib/import-export/json-problem.ts), instead of the browser's JSON.parse message; and files that
 * only carry a byte-order mark (saved by Notepad) are read, not refused; a file that cannot be read
 * at all (changed on disk, too large) says so in the agent's words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeJsonProblem } from '../../lib/import-export/json-problem';
import { parseBackup, parseJsonSafely } from '../../lib/import-export/parse-backup';
import { unreadableFileReason } from '../../lib/import-export/text-encoding';
import { parseTemplatesFile } from '../../lib/db/repositories/templates';
import { setLocale } from '../../lib/i18n';

afterEach(() => setLocale('en'));

/** The message for a text JSON.parse refuses (asserting that it does). */
function problem(text: string): string {
  expect(() => JSON.parse(text)).toThrow();
  return describeJsonProblem(text);
}

describe('describeJsonProblem', () => {
  it('names the line, the column and the kind of problem', () => {
    expect(problem('{\n  "a": 1\n  "b": 2\n}')).toBe('The file is not valid JSON: line 3, column 3: a comma or a closing bracket is expected.');
    expect(problem('{"a": 1,}')).toBe('The file is not valid JSON: line 1, column 9: a name in double quotes is expected (a comma before a closing brace is not allowed).');
    expect(problem('{"a" 1}')).toBe('The file is not valid JSON: line 1, column 6: a colon (:) is missing after a name.');
    expect(problem('{"a": "one\ntwo"}')).toBe('The file is not valid JSON: line 1, column 7: a text in quotes is not closed on its line.');
    expect(problem('{"a": "\\q"}')).toBe('The file is not valid JSON: line 1, column 7: a backslash escape is not valid.');
    expect(problem('{/* note */ "a": 1}')).toBe('The file is not valid JSON: line 1, column 2: comments are not allowed in JSON.');
    expect(problem('\n\n  {"a": tru}')).toBe('The file is not valid JSON: line 3, column 9: unexpected “tru}”.');
    expect(problem('{"a": 1} trailing')).toBe('The file is not valid JSON: line 1, column 10: unexpected “trailing”.');
  });

  it('says a file that stops early was cut off, and shows control characters as code points', () => {
    expect(problem('{"format": "caseside-backup",\n "tables": {"brands": [')).toBe(
      'The file is not valid JSON: it stops in the middle of the data (line 2), as if it had been cut off while copying or downloading.',
    );
    expect(problem('[1, 2')).toMatch(/it stops in the middle of the data \(line 1\)/);
    expect(problem('\u0000\u00ff\u0001PK\u0003\u0004')).toBe('The file is not valid JSON: line 1, column 1: unexpected “U+0000ÿU+0001PKU+0003U+0004”.');
  });

  it('speaks Spanish when the interface does, and never passes on the browser\'s message', () => {
    setLocale('es');
    expect(problem('{\n  "a": 1\n  "b": 2\n}')).toBe('El archivo no es un JSON válido: línea 3, columna 3: se espera una coma o un cierre (llave o corchete).');
    expect(problem('{"a": [1, 2}')).toBe('El archivo no es un JSON válido: línea 1, columna 12: se espera una coma o un cierre (llave o corchete).');
    expect(problem('{"a": 1')).toBe('El archivo no es un JSON válido: se interrumpe en mitad de los datos (línea 1), como si se hubiera cortado al copiarlo o descargarlo.');
    for (const bad of ['abc', '{"a": x}', '{"a":1}x', '{"a":', '[1,2']) {
      let browser = '';
      try {
        JSON.parse(bad);
      } catch (e) {
        browser = (e as Error).message;
      }
      expect(describeJsonProblem(bad)).not.toContain(browser);
      expect(describeJsonProblem(bad)).toMatch(/^El archivo no es un JSON válido/);
    }
  });
});

describe('files with a byte-order mark', () => {
  it('are parsed as JSON by the backup and templates readers', async () => {
    expect(parseJsonSafely('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    const templates = parseTemplatesFile('\uFEFF{"format":"caseside-templates","version":1,"templates":[{"title":"Hi","body":"Hello."}]}', 'templates.json');
    expect(templates.ok && templates.templates.map((x) => x.title)).toEqual(['Hi']);
    // And a broken one counts lines as the agent sees the file.
    expect(parseTemplatesFile('\n\n{"format": "caseside-templates" "version": 1}', 'templates.json')).toEqual({
      ok: false,
      error: 'The file is not valid JSON: line 3, column 33: a comma or a closing bracket is expected.',
    });
    expect(await parseBackup('{"format":"caseside-backup",')).toMatchObject({ ok: false, error: expect.stringMatching(/cut off while copying or downloading/) });
  });
});

describe('a file that cannot be read at all', () => {
  it('says why in the interface language, not in the browser\'s words', async () => {
    const vanished = new Blob(['{}']);
    vanished.text = () => Promise.reject(new DOMException('The requested file could not be read, typically due to permission problems that have occurred after a reference to a file was acquired.', 'NotReadableError'));
    expect(await parseBackup(vanished)).toEqual({ ok: false, error: 'The file could not be read: it changed or moved while it was being read; choose it again' });
    expect(unreadableFileReason(new RangeError('Array buffer allocation failed'))).toBe('it is too large for this browser to check');
    expect(unreadableFileReason('weird')).toBe('the browser could not read it');
    setLocale('es');
    expect(await parseBackup(vanished)).toEqual({ ok: false, error: 'No se pudo leer el archivo: cambió o se movió mientras se leía; vuelve a elegirlo' });
  });
});
