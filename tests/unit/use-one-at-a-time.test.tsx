/** A double click on a save button saves once (notes, templates, brands, follow-ups use this). */
import { expect, it } from 'vitest';
import { act } from 'react';
import { reactRoot } from '../support/react-root';
import { useOneAtATime } from '../../components/use-one-at-a-time';

const view = reactRoot();

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
  const el = view.render(<Save />);
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
