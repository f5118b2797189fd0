/**
 * Adapt on one suggestion card, with a fake on-device model (Chrome's LanguageModel) whose answer
 * the test gives by hand:
 * - what the agent types while the model works is never overwritten: the adapted text is offered
 *   ("Use adapted text") instead, and replaces the draft only when the agent takes it;
 * - the model is stopped (its AbortSignal aborted) when the card goes away;
 * - a model that hangs is stopped after ADAPT_TIMEOUT_MS, and the card says it took too long
 *   instead of showing "…" for ever.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ADAPT_TIMEOUT_MS, SuggestionCard } from '../../entrypoints/panel/SuggestionCard';
import { findOnDeviceRewriter, type OnDeviceRewriter } from '../../lib/suggest/on-device';
import type { Suggestion } from '../../lib/suggest/engine';

const base: Suggestion = { id: 'tpl:late', source: 'template', text: 'Sorry for the wait, Dana. Your parcel ships today.', unresolved: [], why: 'template', score: 1 };

/**
 * A model ready for every language. Each prompt waits until the test answers it; `honoursAbort`:
 * it rejects when its signal aborts (as Chrome's does), otherwise it hangs whatever happens.
 */
async function fakeModel(honoursAbort: boolean) {
  const prompts: { input: string; signal: AbortSignal | undefined; answer: (text: string) => void }[] = [];
  const destroy = vi.fn();
  const LanguageModel = {
    availability: async () => 'available',
    create: async () => ({
      prompt: (input: string, options?: { signal?: AbortSignal }) =>
        new Promise<string>((resolve, reject) => {
          prompts.push({ input, signal: options?.signal, answer: resolve });
          if (honoursAbort) options?.signal?.addEventListener('abort', () => reject(options.signal!.reason));
        }),
      destroy,
    }),
  };
  const rewriter = (await findOnDeviceRewriter({ LanguageModel }))!;
  return { rewriter, prompts, destroy };
}

let root: Root | undefined;
let el: HTMLDivElement | undefined;
afterEach(() => {
  vi.useRealTimers();
  if (root) act(() => root!.unmount());
  el?.remove();
  root = el = undefined;
});

async function mount(rewriter: OnDeviceRewriter) {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  el = document.body.appendChild(document.createElement('div'));
  root = createRoot(el);
  await act(async () =>
    root!.render(
      <SuggestionCard
        suggestion={base}
        conversation={{ customerMessages: ['Where is my parcel?'], platform: 'x', isPublic: false }}
        brand={null}
        fill={(text) => ({ text, unresolved: [] })}
        refusal={() => null}
        check={() => []}
        onInsert={async () => {}}
        rewriter={rewriter}
      />,
    ),
  );
  const card = el;
  return {
    box: () => card.querySelector('textarea')!,
    button: (text: string) => [...card.querySelectorAll('button')].find((b) => b.textContent === text),
    adapt: () => card.querySelector<HTMLButtonElement>('button[aria-label="Adapt"]')!,
    status: () => [...card.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' '),
    offer: () => card.querySelector('[data-testid="adapted-offer"]'),
  };
}

/** Lets the model's promise chain run (no timers: some tests fake them). */
async function settle() {
  for (let i = 0; i < 20; i++) await act(async () => Promise.resolve());
}

/** Types into a React-controlled textarea the way the browser does. */
function type(box: HTMLTextAreaElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, value);
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('SuggestionCard: Adapt', () => {
  it('keeps what the agent typed while the model worked, and offers the adapted text instead', async () => {
    const model = await fakeModel(true);
    const card = await mount(model.rewriter);
    await act(async () => card.adapt().click());
    await settle();
    expect(model.prompts).toHaveLength(1);
    expect(model.prompts[0]!.input).toContain(base.text);

    // The agent adds the order number while the model is still working.
    const typed = `${base.text} Order 4471-EX.`;
    await act(async () => type(card.box(), typed));
    await act(async () => model.prompts[0]!.answer('We are so sorry for the wait, Dana! Your parcel ships today.'));
    await settle();
    expect(card.box().value).toBe(typed);
    expect(card.offer()!.textContent).toContain('We are so sorry for the wait, Dana! Your parcel ships today.');
    expect(card.adapt().textContent).toBe('Adapt');

    // Taken on purpose, it replaces the draft.
    await act(async () => card.button('Use adapted text')!.click());
    expect(card.box().value).toBe('We are so sorry for the wait, Dana! Your parcel ships today.');
    expect(card.offer()).toBeNull();
  });

  it('stops the model when the card goes away', async () => {
    const model = await fakeModel(true);
    const card = await mount(model.rewriter);
    await act(async () => card.adapt().click());
    await settle();
    const signal = model.prompts[0]!.signal;
    expect(signal?.aborted).toBe(false);
    act(() => root!.unmount());
    root = undefined;
    await settle();
    expect(signal!.aborted).toBe(true);
    // The session is closed too (Chrome's prompt rejects on abort, and adapt() destroys it).
    expect(model.destroy).toHaveBeenCalledOnce();
  });

  it('stops a model that hangs after the time limit and says it took too long', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const model = await fakeModel(false);
    const card = await mount(model.rewriter);
    await act(async () => card.adapt().click());
    await settle();
    expect(card.adapt().textContent).toBe('…');
    const signal = model.prompts[0]!.signal;

    await act(async () => vi.advanceTimersByTime(ADAPT_TIMEOUT_MS - 1));
    await settle();
    expect(card.adapt().textContent).toBe('…');
    await act(async () => vi.advanceTimersByTime(1));
    await settle();
    expect(signal!.aborted).toBe(true);
    expect(card.adapt().textContent).toBe('Adapt');
    expect(card.adapt().disabled).toBe(false);
    expect(card.status()).toBe(`The on-device model took too long (over ${ADAPT_TIMEOUT_MS / 1000} seconds) and was stopped; the text is unchanged.`);
    expect(card.box().value).toBe(base.text);

    // An answer that comes after all is not used.
    await act(async () => model.prompts[0]!.answer('Too late, Dana.'));
    await settle();
    expect(card.box().value).toBe(base.text);
    expect(card.offer()).toBeNull();
  });
});
