/**
 * Who sits at this browser (lib/panel/agent-profile.ts): name and initials checked in the agent's
 * words, initials taken from the name when left empty, kept in browser.storage.local (never in
 * the database, so a backup neither carries nor overwrites it), and followed live by the hook.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { browser } from 'wxt/browser';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import {
  AGENT_PROFILE_KEY,
  AgentProfileError,
  agentVariables,
  checkAgentProfile,
  initialsOf,
  loadAgentProfile,
  saveAgentProfile,
  useAgentProfile,
} from '../../lib/panel/agent-profile';
import { setLocale } from '../../lib/i18n';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, parseBackup } from '../../lib/import-export/restore';

afterEach(() => setLocale('en'));

describe('initials taken from a name', () => {
  it.each([
    ['Ana Pérez', 'AP'],
    ['  ana   pérez ', 'AP'],
    ['María José López', 'MJL'],
    ['María José López García', 'MJL'],
    ['Ana de la Fuente', 'AF'],
    ['Émilie Dupont', 'ÉD'],
    ['Sam', 'S'],
    ['(Ana) Pérez', 'AP'],
    ['123', ''],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('checkAgentProfile', () => {
  it('trims, and takes the initials from the name when they are left empty', () => {
    expect(checkAgentProfile({ name: '  Ana Pérez ', initials: '' })).toEqual({ ok: true, profile: { name: 'Ana Pérez', initials: 'AP' } });
    expect(checkAgentProfile({ name: 'Ana Pérez', initials: ' APz ' })).toEqual({ ok: true, profile: { name: 'Ana Pérez', initials: 'APz' } });
  });

  it('both fields empty clears the profile', () => {
    expect(checkAgentProfile({ name: ' ', initials: '' })).toEqual({ ok: true, profile: null });
  });

  it('names each wrong field in words, in the interface language', () => {
    expect(checkAgentProfile({ name: '', initials: 'AP' })).toEqual({
      ok: false,
      problems: [{ field: 'name', message: 'Your name: write it; initials alone are not enough.' }],
    });
    expect(checkAgentProfile({ name: 'x'.repeat(81), initials: 'A P' })).toEqual({
      ok: false,
      problems: [
        { field: 'name', message: 'Your name: up to 80 characters, without curly braces.' },
        { field: 'initials', message: 'Initials: up to 6 characters, without spaces or curly braces (for example AP).' },
      ],
    });
    // Braces would read as a template variable once in a reply.
    expect(checkAgentProfile({ name: 'Ana {{customer.name}}', initials: '' })).toMatchObject({ ok: false, problems: [{ field: 'name' }] });
    expect(checkAgentProfile({ name: 'Ana', initials: '{{x}}' })).toMatchObject({ ok: false, problems: [{ field: 'initials' }] });
    expect(checkAgentProfile({ name: 'Ana', initials: 'ABCDEFG' })).toMatchObject({ ok: false, problems: [{ field: 'initials' }] });
    expect(checkAgentProfile({ name: '42', initials: '' })).toEqual({
      ok: false,
      problems: [{ field: 'initials', message: 'Initials: write them, as none can be taken from your name.' }],
    });
    setLocale('es');
    expect(checkAgentProfile({ name: '', initials: 'AP' })).toEqual({
      ok: false,
      problems: [{ field: 'name', message: 'Tu nombre: escríbelo; las iniciales solas no bastan.' }],
    });
  });
});

describe('stored in browser.storage.local', () => {
  it('saves what was checked, loads it back, and clears it', async () => {
    expect(await loadAgentProfile()).toBeNull();
    expect(await saveAgentProfile({ name: ' Ana Pérez ', initials: '' })).toEqual({ name: 'Ana Pérez', initials: 'AP' });
    expect((await browser.storage.local.get(AGENT_PROFILE_KEY))[AGENT_PROFILE_KEY]).toEqual({ name: 'Ana Pérez', initials: 'AP' });
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Pérez', initials: 'AP' });
    expect(await saveAgentProfile({ name: '', initials: '' })).toBeNull();
    expect(await browser.storage.local.get(AGENT_PROFILE_KEY)).toEqual({});
    expect(await loadAgentProfile()).toBeNull();
  });

  it('writes nothing when a field is wrong', async () => {
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const refused = saveAgentProfile({ name: '', initials: 'LG' });
    await expect(refused).rejects.toBeInstanceOf(AgentProfileError);
    await expect(refused).rejects.toThrow('Your name: write it; initials alone are not enough.');
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Pérez', initials: 'AP' });
  });

  it('reads a hand-edited or older stored value safely: missing initials are derived, garbage is "not set"', async () => {
    await browser.storage.local.set({ [AGENT_PROFILE_KEY]: { name: 'Luis Gómez' } });
    expect(await loadAgentProfile()).toEqual({ name: 'Luis Gómez', initials: 'LG' });
    await browser.storage.local.set({ [AGENT_PROFILE_KEY]: 'Luis' });
    expect(await loadAgentProfile()).toBeNull();
    await browser.storage.local.set({ [AGENT_PROFILE_KEY]: { name: '{{agent.signature}}', initials: 'L' } });
    expect(await loadAgentProfile()).toBeNull();
  });

  it("is not the database's: a backup does not carry it, and restoring a colleague's backup leaves who you are", async () => {
    // The colleague's machine: their profile and their data.
    await saveAgentProfile({ name: 'Luis Gómez', initials: '' });
    const theirs = createDb(`t-${crypto.randomUUID()}`);
    await saveBrand(theirs, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '^{{agent.initials}}' });
    const text = await (await exportBackup(theirs, { kind: 'all' })).text();
    expect(text).not.toContain('Luis');
    // This machine: restoring it changes the data, not the person.
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const mine = createDb(`t-${crypto.randomUUID()}`);
    await applyRestore(mine, parsed.backup, 'replace');
    expect(await mine.brands.count()).toBe(1);
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Pérez', initials: 'AP' });
  });
});

describe('agentVariables: the agent part of a fill context', () => {
  it("puts the agent's name and initials in the brand's signature, or leaves it out when they are not set", () => {
    const ana = { name: 'Ana Pérez', initials: 'AP' };
    expect(agentVariables(ana, '^{{agent.initials}}')).toEqual({ name: 'Ana Pérez', initials: 'AP', signature: '^AP' });
    expect(agentVariables(ana, '— {{ Agent.Name }}, Acme')).toMatchObject({ signature: '— Ana Pérez, Acme' });
    expect(agentVariables(null, '^{{agent.initials}}')).toEqual({ signature: '' });
    expect(agentVariables(undefined, '^AS')).toEqual({ signature: '^AS' });
    expect(agentVariables(ana, undefined)).toMatchObject({ signature: '' });
  });
});

describe('useAgentProfile', () => {
  const { render } = reactRoot();
  function Show() {
    const profile = useAgentProfile();
    return createElement('p', null, profile === undefined ? 'loading' : profile === null ? 'none' : `${profile.name}/${profile.initials}`);
  }

  it('reads the stored profile, then follows changes made elsewhere (the options page)', async () => {
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const el = render(createElement(Show));
    await until(() => el.textContent === 'Ana Pérez/AP', () => el.textContent ?? '');
    await act(async () => void (await saveAgentProfile({ name: 'Luis Gómez', initials: 'LuG' })));
    expect(el.textContent).toBe('Luis Gómez/LuG');
    // Another key, or another storage area, is not the profile.
    await act(async () => {
      await browser.storage.local.set({ brandsVersion: 1 });
      await browser.storage.sync.set({ [AGENT_PROFILE_KEY]: { name: 'Someone Else', initials: 'SE' } });
    });
    expect(el.textContent).toBe('Luis Gómez/LuG');
    await act(async () => void (await saveAgentProfile({ name: '', initials: '' })));
    expect(el.textContent).toBe('none');
  });

  it('is null when nothing is stored', async () => {
    const el = render(createElement(Show));
    await until(() => el.textContent === 'none', () => el.textContent ?? '');
  });
});
