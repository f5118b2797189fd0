/** A double click on a save button saves once (notes, templates, brands, follow-ups use this). */
import { afterEach, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useOneAtATime } from '../../components/use-one-at-a-time';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let root: Root;
let el: HTMLDivElement;
afterEach(() => {
  act(() => root.unmount());
  el.remove();
});

it('ignores a second click while the first save is still writing, and saves again afterwards', async () => {
  let saves = 0;
  let finish: () => void = () => undefined;
  function Save() {
    const { busy, run } = useOneAtATime();
    return (
      <button aria-busy={busy} onClick={() => void run(() => new Promise<void>((resolve) => ((saves += 1), (finish = resolve))))}>
        Save
      </button>
    );
  }
  el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root.render(<Save />));
  const button = el.querySelector('button')!;
  act(() => button.click());
  act(() => button.click());
  expect(saves).toBe(1);
  expect(button.getAttribute('aria-busy')).toBe('true');
  await act(async () => finish());
  expect(button.getAttribute('aria-busy')).toBe('false');
  act(() => button.click());
  expect(saves).toBe(2);
});
