/**
 * A placeholder with a brace missing or extra ("{{customer.first_name}", "{ask:order number}}")
 * is not filled and would be inserted as literal braces: it is listed as unresolved (braces
 * included), the insert is refused with a message naming it, and a template whose body has one
 * is refused on save and on import, naming it.
 */
import { describe, expect, it } from 'vitest';
import { brokenPlaceholders, fillTemplate, insertRefusal } from '../../lib/suggest/variables';
import { checkReply } from '../../lib/suggest/checks';
import { createDb } from '../../lib/db/schema';
import { parseTemplatesFile, saveTemplate } from '../../lib/db/repositories/templates';

describe('half-closed placeholders', () => {
  it('are unresolved after filling and refuse the insert, naming them', () => {
    const r = fillTemplate('Hi {{customer.first_name}, your order {{ask:order number} is on its way', { customer: { displayName: 'Ana' } });
    expect(r.unresolved).toEqual(['{{customer.first_name}', '{{ask:order number}']);
    const refusal = insertRefusal(r);
    expect(refusal).not.toBeNull();
    expect(refusal).toContain('"{{customer.first_name}"');
    expect(refusal).toContain('"{{ask:order number}"');
  });

  it('are found with a brace missing or extra on either side, never in a complete placeholder', () => {
    expect(brokenPlaceholders('Hi {customer.first_name}}, thanks')).toEqual(['{customer.first_name}}']);
    expect(brokenPlaceholders('Hi {{customer.first_name, thanks')).toEqual(['{{customer.first_name']);
    expect(brokenPlaceholders('Hi customer.first_name}}!')).toEqual(['customer.first_name}}']);
    expect(brokenPlaceholders('Hi {{customer.first_name}}, your order {{ask:order number}} ships {{ case.reference }}')).toEqual([]);
    expect(brokenPlaceholders('Hi {{a}} and {{a}')).toEqual(['{{a}']);
  });

  it('an open placeholder and a broken one are both named', () => {
    const r = fillTemplate('Order {{ask:order number}} for {{customer.first_name}', {});
    expect(r.unresolved).toEqual(['ask:order number', '{{customer.first_name}']);
    const refusal = insertRefusal(r)!;
    expect(refusal).toContain('"{{customer.first_name}"');
    expect(refusal).toContain('"order number"');
  });

  it('braces in a filled value (a display name) are not the template’s: nothing is refused', () => {
    const r = fillTemplate('Hi {{customer.first_name}}, thanks', { customer: { displayName: '{{Ana}} Pérez' } });
    expect(r.unresolved).toEqual([]);
    expect(insertRefusal(r)).toBeNull();
    expect(insertRefusal(fillTemplate('Hi {{customer.first_name}}, thanks', { customer: { displayName: 'Ana' } }))).toBeNull();
  });

  it('the check on an edited draft blocks too (through the card’s fill)', () => {
    const text = 'Hola {{customer.first_name}, ya está en camino.';
    expect(insertRefusal(fillTemplate(text, { customer: { displayName: 'Ana' } }))).not.toBeNull();
    // checkReply keeps working on such a text (it only lists complete placeholders).
    expect(() => checkReply({ text, platform: 'x', isPublic: false, brand: { name: 'Acme' }, followUpSet: true })).not.toThrow();
  });
});

describe('saving or importing a template with a half-closed placeholder', () => {
  it('is refused on save, naming the placeholder', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await expect(saveTemplate(db, 'b1', { title: 'Hello', body: 'Hi {{customer.first_name}, thanks', tags: [] })).rejects.toThrow(/body: .*"\{\{customer\.first_name\}"/u);
    expect(await db.templates.count()).toBe(0);
    await expect(saveTemplate(db, 'b1', { title: 'Hello', body: 'Hi {{customer.first_name}}, thanks', tags: [] })).resolves.toMatchObject({ title: 'Hello' });
  });

  it('is refused on import (CSV and JSON), naming the line or path and the placeholder', () => {
    const csv = parseTemplatesFile('title,body\nOk,Hi {{customer.first_name}}\nBroken,"Your order {{ask:order number} ships"\n', 't.csv');
    expect(csv.ok).toBe(false);
    if (!csv.ok) {
      expect(csv.error).toContain('3');
      expect(csv.error).toContain('"{{ask:order number}"');
    }
    const json = parseTemplatesFile(JSON.stringify({ format: 'caseside-templates', version: 1, templates: [{ title: 'B', body: 'Hi customer.first_name}}' }] }), 't.json');
    expect(json.ok).toBe(false);
    if (!json.ok) expect(json.error).toMatch(/templates\[0\]\.body: .*"customer\.first_name\}\}"/u);
  });
});
