/** Deleting a note, template or article asks first, and a failed delete is reported, never swallowed. */
import { expect, it, vi } from 'vitest';
import { act } from 'react';
import { reactRoot } from '../support/react-root';
import { ConfirmDelete } from '../../components/ConfirmDelete';

const view = reactRoot();
const button = (name: string) => [...view.container().querySelectorAll('button')].find((b) => b.textContent === name);

it('asks before deleting, with the confirm focused; Escape and Cancel keep it; a failure goes to onError', async () => {
  const onDelete = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
  const onError = vi.fn();
  const el = view.render(<ConfirmDelete what="this note" onDelete={onDelete} onError={onError} />);
  act(() => button('Delete')!.click());
  expect(el.querySelector('[role="alertdialog"]')?.textContent).toContain('Delete this note?');
  expect(document.activeElement).toBe(button('Yes, delete'));
  act(() => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
  expect(button('Yes, delete')).toBeUndefined();
  expect(document.activeElement).toBe(button('Delete'));
  expect(onDelete).not.toHaveBeenCalled();
  // A delete that fails is reported.
  act(() => button('Delete')!.click());
  await act(async () => button('Yes, delete')!.click());
  expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
  act(() => button('Delete')!.click());
  await act(async () => button('Yes, delete')!.click());
  expect(onDelete).toHaveBeenCalledTimes(2);
  expect(onError).toHaveBeenCalledTimes(1);
});
