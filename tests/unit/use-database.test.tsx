import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import Dexie from 'dexie';
import { describeOpenError, useDatabase } from '../../lib/panel/use-database';
import { createDb, type CasesideDb } from '../../lib/db/schema';

function Probe({ open }: { open: () => CasesideDb }) {
  const state = useDatabase(open);
  return <p>{state.status === 'error' ? `error: ${state.message}` : state.status}</p>;
}

async function render(open: () => CasesideDb) {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const el = document.createElement('div');
  const root = createRoot(el);
  await act(async () => root.render(<Probe open={open} />));
  // Opening takes a few ms, longer on a loaded machine: wait for it to settle (up to 5 s).
  for (let waited = 0; waited < 5_000 && (el.textContent === 'opening' || el.textContent === ''); waited += 25) {
    await act(async () => new Promise((r) => setTimeout(r, 25)));
  }
  return el.textContent;
}

describe('opening the database', () => {
  it('reports ready when it opens', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    expect(await render(() => db)).toBe('ready');
  });

  it('shows a readable message, not a blank frame, when the open fails', async () => {
    const broken = createDb(`t-${crypto.randomUUID()}`);
    broken.open = () => Promise.reject(new Dexie.QuotaExceededError('full')) as never;
    expect(await render(() => broken)).toBe('error: The browser has no storage left for Caseside (quota exceeded).');
  });

  it('names the usual causes', () => {
    expect(describeOpenError(new Dexie.VersionError('v'))).toMatch(/newer Caseside version/);
    expect(describeOpenError(new Dexie.DatabaseClosedError('x', new Dexie.MissingAPIError('m')))).toMatch(/refused to open/);
    expect(describeOpenError(Object.assign(new Error('x'), { name: 'BlockedError' }))).toMatch(/blocked/);
    expect(describeOpenError('weird')).toMatch(/could not be opened/);
  });
});
