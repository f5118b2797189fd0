import { afterEach, describe, expect, it } from 'vitest';
import { focusOnArrival } from '../../lib/panel/keys';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focusOnArrival', () => {
  it('puts focus on the history search when the panel gets focus with nothing focused', () => {
    document.body.innerHTML = '<main><h2>Dana</h2><input type="search" aria-label="Search"><div role="tablist"><button role="tab" aria-selected="true">History</button></div></main>';
    (document.activeElement as HTMLElement | null)?.blur();
    focusOnArrival();
    expect(document.activeElement).toBe(document.querySelector('input[type="search"]'));
  });

  it('falls back to the selected tab, then a heading', () => {
    document.body.innerHTML = '<main><h2 tabindex="-1">Dana</h2><button role="tab" aria-selected="false">Case</button><button role="tab" aria-selected="true">History</button></main>';
    focusOnArrival();
    expect(document.activeElement?.textContent).toBe('History');
    document.body.innerHTML = '<main><h2 tabindex="-1">No conversation recognised here</h2></main>';
    focusOnArrival();
    expect(document.activeElement?.textContent).toBe('No conversation recognised here');
  });

  it('leaves focus the agent placed', () => {
    document.body.innerHTML = '<main><input type="search"><textarea></textarea></main>';
    const note = document.querySelector('textarea')!;
    note.focus();
    focusOnArrival();
    expect(document.activeElement).toBe(note);
  });
});
