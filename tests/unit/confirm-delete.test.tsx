/** Deleting a note, template or article asks first, and a failed delete is reported, never swallowed. */
import { expect, it, vi } from 'vitest';
import { act, useState } from 'react';
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

it('names what each Delete deletes, and after the row is gone puts focus on its section heading, not the page body', async () => {
  function Rows() {
    const [rows, setRows] = useState(['“Returns”', '“Kettles”']);
    return (
      <section>
        <h2>Knowledge base</h2>
        <ul>
          {rows.map((r) => (
            <li key={r}>
              <ConfirmDelete what={r} onDelete={async () => setRows((all) => all.filter((x) => x !== r))} onError={() => undefined} />
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const el = view.render(<Rows />);
  expect([...el.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual(['Delete “Returns”', 'Delete “Kettles”']);
  act(() => button('Delete')!.click());
  await act(async () => button('Yes, delete')!.click());
  await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
  expect(el.querySelectorAll('li')).toHaveLength(1);
  expect(document.activeElement).toBe(el.querySelector('h2'));
});

it('when the list is a live query (the row goes a few ticks after the delete), focus ends on the section heading, not the body', async () => {
  function LiveRows() {
    const [rows, setRows] = useState(['first note', 'second note']);
    return (
      <section>
        <h3>Notes</h3>
        <ul>
          {rows.map((r) => (
            <li key={r}>
              {r}{' '}
              <ConfirmDelete
                what={r}
                // As Dexie's useLiveQuery: the delete resolves, and the list re-renders later.
                onDelete={async () => void setTimeout(() => setRows((all) => all.filter((x) => x !== r)), 30)}
                onError={() => undefined}
              />
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const el = view.render(<LiveRows />);
  act(() => button('Delete')!.focus());
  act(() => button('Delete')!.click());
  await act(async () => button('Yes, delete')!.click());
  for (let i = 0; i < 10 && el.querySelectorAll('li').length > 1; i++) await act(async () => new Promise((r) => setTimeout(r, 20)));
  expect(el.querySelectorAll('li')).toHaveLength(1);
  for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 20)));
  expect(document.activeElement).not.toBe(document.body);
  expect(document.activeElement).toBe(el.querySelector('h3'));
});

it('a row that goes with focus still in it (no delete here) hands focus to the section heading on unmount', async () => {
  function Rows({ show }: { show: boolean }) {
    return (
      <section>
        <h2>Templates</h2>
        {show ? <ConfirmDelete what="“Refund”" onDelete={async () => undefined} onError={() => undefined} /> : null}
      </section>
    );
  }
  const el = view.render(<Rows show />);
  act(() => button('Delete')!.focus());
  view.render(<Rows show={false} />);
  await act(async () => new Promise((r) => setTimeout(r, 20)));
  expect(document.activeElement).toBe(el.querySelector('h2'));
});
