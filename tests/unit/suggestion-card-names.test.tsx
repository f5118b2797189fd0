/** Two suggestion cards: a screen reader's list of buttons tells their Insert (and Replace) apart. */
import { expect, it } from 'vitest';
import { SuggestionCard } from '../../entrypoints/panel/SuggestionCard';
import type { Suggestion } from '../../lib/suggest/engine';
import { reactRoot } from '../support/react-root';

const { render } = reactRoot();
const card = (s: Suggestion) => (
  <SuggestionCard
    key={s.id}
    suggestion={s}
    conversation={{ customerMessages: ['still waiting'], platform: 'x', isPublic: true }}
    brand={null}
    fill={(text) => ({ text, unresolved: [] })}
    refusal={() => null}
    check={() => []}
    onInsert={async () => {}}
    rewriter={null}
  />
);
const nameOf = (b: HTMLButtonElement) => b.getAttribute('aria-label') ?? b.textContent ?? '';

it('each Insert is named by its reply, so two cards have two distinct names', () => {
  const el = render(
    <ul>
      {card({ id: 'a', source: 'past-reply', text: "We're escalating this now, Dana.", unresolved: [], why: 'recent reply', score: 1 })}
      {card({
        id: 'b',
        source: 'template',
        text: 'Sorry for the wait! Your refund was approved today and should reach your card within five working days.',
        unresolved: [],
        why: 'recent reply',
        score: 0.9,
      })}
    </ul>,
  );
  const inserts = [...el.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent === 'Insert');
  expect(inserts).toHaveLength(2);
  const names = inserts.map(nameOf);
  expect(new Set(names).size).toBe(2);
  expect(names[0]).toBe("Insert: We're escalating this now, Dana.");
  expect(names[1]).toMatch(/^Insert: Sorry for the wait! Your refund was approved today and…$/);
  const replaces = [...el.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent === 'Replace draft').map(nameOf);
  expect(new Set(replaces).size).toBe(2);
  // Nothing blocks Insert: no description, only a name.
  expect(inserts[0]!.getAttribute('aria-describedby')).toBeNull();
});
