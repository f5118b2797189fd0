/** Dismissing the panel's notice line by keyboard: focus goes back, never to the page's body. */
import { afterEach, expect, it } from 'vitest';
import { act } from 'react';
import { NoticeBar } from '../../entrypoints/panel/NoticeBar';
import { usePanelStore } from '../../lib/store/panel-store';
import { reactRoot } from '../support/react-root';

const view = reactRoot();
afterEach(() => act(() => usePanelStore.getState().notify(null)));
const dismissButton = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('[data-testid="notice"] button')!;

function Panel({ withComposer }: { withComposer: boolean }) {
  return (
    <>
      <main>
        <h2>Replies</h2>
        {withComposer ? <button>Insert</button> : null}
      </main>
      <NoticeBar />
    </>
  );
}

it('puts focus back on what had it before focus entered the notice', () => {
  const el = view.render(<Panel withComposer />);
  act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not save' }));
  const insert = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Insert')!;
  act(() => insert.focus());
  act(() => dismissButton(el).focus()); // Tab into the notice
  act(() => dismissButton(el).click());
  expect(el.querySelector('[data-testid="notice"]')).toBeNull();
  expect(document.activeElement).toBe(insert);
});

it('when that is gone, focus goes to the main content, not the body', () => {
  const el = view.render(<Panel withComposer />);
  act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not save' }));
  act(() => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Insert')!.focus());
  act(() => dismissButton(el).focus());
  view.render(<Panel withComposer={false} />);
  act(() => dismissButton(el).click());
  expect(document.activeElement).not.toBe(document.body);
  expect(document.activeElement).toBe(el.querySelector('main h2'));
});
