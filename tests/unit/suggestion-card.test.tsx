/**
 * The Replies tab re-ranks as messages arrive and memory is learnt; a card keeps its id when its
 * suggestion's text changes (an apology opener added or dropped). The card must show the new text,
 * unless the agent has edited it.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { SuggestionCard } from '../../entrypoints/panel/SuggestionCard';
import type { Suggestion } from '../../lib/suggest/engine';
import type { CheckResult } from '../../lib/suggest/checks';

const base: Suggestion = { id: 'reply:escalating', source: 'past-reply', text: "We're escalating this now, Dana.", unresolved: [], why: 'recent reply', score: 1 };

function mount(onSaveTemplate?: (body: string, edited: boolean) => Promise<boolean>, check: (text: string) => CheckResult[] = () => []): { el: HTMLDivElement; root: Root; show: (s: Suggestion) => Promise<void>; box: () => HTMLTextAreaElement } {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const el = document.createElement('div');
  document.body.append(el);
  const root = createRoot(el);
  const show = (s: Suggestion) =>
    act(async () =>
      root.render(
        <SuggestionCard
          key={s.id}
          suggestion={s}
          conversation={{ customerMessages: ['still waiting'], platform: 'x', isPublic: true }}
          brand={null}
          fill={(text) => ({ text, unresolved: [] })}
          refusal={() => null}
          check={check}
          onInsert={async () => {}}
          rewriter={null}
          onSaveTemplate={onSaveTemplate}
        />,
      ),
    );
  return { el, root, show, box: () => el.querySelector('textarea')! };
}

/** Types into a React-controlled textarea the way the browser does (native setter + input event). */
function type(box: HTMLTextAreaElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, value);
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('SuggestionCard', () => {
  it('says in words which check blocks Insert, ties it to the buttons, and keeps the checks in a live region', async () => {
    const over: CheckResult = { id: 'x-length', severity: 'block', message: 'Over 280 characters.' };
    const name: CheckResult = { id: 'missing-name', severity: 'warn', message: 'No first name.' };
    const m = mount(undefined, (text) => (text.length > 40 ? [over, name] : [name]));
    await m.show(base);
    const insert = () => [...m.el.querySelectorAll('button')].find((b) => b.textContent === 'Insert')!;
    const live = m.el.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toBe('No first name. ');
    expect(insert().disabled).toBe(false);
    expect(insert().getAttribute('aria-describedby')).toBeNull();

    await act(async () => type(m.box(), `${base.text} And a much longer tail.`));
    expect(insert().disabled).toBe(true);
    const described = m.el.querySelector(`[id="${insert().getAttribute('aria-describedby')}"]`)!;
    expect(described.textContent).toContain('Blocks Insert: Over 280 characters.');
    expect(described.querySelector('[data-check="missing-name"]')!.textContent).not.toContain('Blocks Insert');
    expect(live.contains(described)).toBe(true);
    m.root.unmount();
  });

  it('shows the new text when the same suggestion comes back changed', async () => {
    const m = mount();
    await m.show(base);
    expect(m.box().value).toBe("We're escalating this now, Dana.");
    await m.show({ ...base, text: "We're sorry about this, Dana. We're escalating this now, Dana." });
    expect(m.box().value).toBe("We're sorry about this, Dana. We're escalating this now, Dana.");
    await m.show(base);
    expect(m.box().value).toBe("We're escalating this now, Dana.");
    m.root.unmount();
  });

  it("keeps the agent's edit when the suggestion changes underneath", async () => {
    const m = mount();
    await m.show(base);
    await act(async () => type(m.box(), "We're escalating this now, Dana. Order A-1."));
    expect(m.box().value).toBe("We're escalating this now, Dana. Order A-1.");
    await m.show({ ...base, text: "We're sorry about this, Dana. We're escalating this now, Dana." });
    expect(m.box().value).toBe("We're escalating this now, Dana. Order A-1.");
    m.root.unmount();
  });

  it('saves a past reply as a template: generalised when unedited, as written (and said so) when edited; only once', async () => {
    const bodies: string[] = [];
    const flags: boolean[] = [];
    const m = mount(async (body, edited) => (bodies.push(body), flags.push(edited), true));
    const generalised = "We're escalating this now, {{customer.first_name}}.";
    await m.show({ ...base, generalised });
    const save = () => [...m.el.querySelectorAll('button')].find((b) => b.textContent === 'Save as template' || b.textContent === 'Saved')!;
    await act(async () => save().click());
    expect(bodies).toEqual([generalised]);
    expect(save().textContent).toBe('Saved');
    expect(save().disabled).toBe(true);
    m.root.unmount();

    const edited = mount(async (body, isEdited) => (bodies.push(body), flags.push(isEdited), true));
    await edited.show({ ...base, generalised });
    await act(async () => type(edited.box(), "We're escalating this now, Dana. Order A-1."));
    await act(async () => [...edited.el.querySelectorAll('button')].find((b) => b.textContent === 'Save as template')!.click());
    expect(bodies[1]).toBe("We're escalating this now, Dana. Order A-1.");
    expect(flags).toEqual([false, true]);
    edited.root.unmount();
  });

  it('offers "Save as template" on past replies only, and again after a failed save', async () => {
    const m = mount(async () => false);
    await m.show({ ...base, id: 'template:t1', source: 'template', templateId: 't1' });
    expect([...m.el.querySelectorAll('button')].some((b) => b.textContent === 'Save as template')).toBe(false);
    await m.show(base);
    const save = () => [...m.el.querySelectorAll('button')].find((b) => b.textContent === 'Save as template')!;
    await act(async () => save().click());
    expect(save().disabled).toBe(false);
    m.root.unmount();
  });

  it('lists what blocks Insert first, whatever order the checks came in', async () => {
    const name: CheckResult = { id: 'missing-name', severity: 'warn', message: 'No first name.' };
    const over: CheckResult = { id: 'x-length', severity: 'block', message: 'Over 280 characters.' };
    const sig: CheckResult = { id: 'missing-signature', severity: 'warn', message: 'No signature.' };
    const m = mount(undefined, () => [name, over, sig]);
    await m.show(base);
    expect([...m.el.querySelectorAll<HTMLElement>('[data-check]')].map((c) => c.dataset.check)).toEqual(['x-length', 'missing-name', 'missing-signature']);
    m.root.unmount();
  });

  it('shows what goes in once a fill-in field is answered, the answer filled', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const el = document.body.appendChild(document.createElement('div'));
    const root = createRoot(el);
    const text = 'Order {{ask:order number}} is on its way.';
    await act(async () =>
      root.render(
        <SuggestionCard
          suggestion={{ ...base, id: 'template:t', source: 'template', text, unresolved: ['ask:order number'] }}
          conversation={{ customerMessages: ['where is it'], platform: 'x', isPublic: true }}
          brand={null}
          fill={(draft, answers) => ({ text: draft.replace('{{ask:order number}}', answers?.['order number'] || '{{ask:order number}}'), unresolved: [] })}
          refusal={() => null}
          check={() => []}
          onInsert={async () => {}}
          rewriter={null}
        />,
      ),
    );
    expect(el.querySelector('[data-testid="filled-preview"]')).toBeNull();
    expect(el.querySelector('[data-testid="ask-fields"] label')!.textContent).toMatch(/^Order number/);
    const field = el.querySelector<HTMLInputElement>('input[aria-label="order number"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, '48213');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(el.querySelector('[data-testid="filled-preview"]')!.textContent).toBe('Goes in as: Order 48213 is on its way.');
    expect(el.querySelector('textarea')!.value).toBe(text);
    act(() => root.unmount());
    el.remove();
  });
});
