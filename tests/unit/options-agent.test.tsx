/**
 * Options → You: the agent's name and initials, saved once per click into browser.storage.local,
 * with each wrong field marked and said in words (in the interface language), initials taken from
 * the name when left empty, and untouched fields following a change made in another tab. The
 * brand form's signature field says which agent variables it may hold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { AgentSection } from '../../entrypoints/options/AgentSection';
import { BrandsSection } from '../../entrypoints/options/BrandsSection';
import { loadAgentProfile, saveAgentProfile } from '../../lib/panel/agent-profile';
import { createDb } from '../../lib/db/schema';
import { setLocale } from '../../lib/i18n';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();
afterEach(() => setLocale('en'));

async function openSection() {
  const el = render(<AgentSection />);
  const field = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  await until(() => !!el.querySelector('#agent-name'), () => el.textContent ?? '');
  await tick(); // the stored profile is read (inside act)
  const type = (id: string, value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field(id), value);
      field(id).dispatchEvent(new Event('input', { bubbles: true }));
    });
  const submit = () => act(async () => el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
  const status = () => el.querySelector('[role="status"]')!.textContent;
  const alert = () => el.querySelector('[role="alert"]')?.textContent ?? null;
  return { el, field, type, submit, status, alert };
}

describe('options page: You', () => {
  it('has labelled fields and says the name is not set yet', async () => {
    const { el, field, status } = await openSection();
    expect(el.querySelector('h2')!.textContent).toBe('You');
    expect(el.querySelector('section')!.id).toBe('you');
    expect(el.querySelector('label[for="agent-name"]')!.textContent).toBe('Your name');
    expect(el.querySelector('label[for="agent-initials"]')!.textContent).toBe('Initials');
    expect(field('agent-initials').getAttribute('aria-describedby')).toBe('agent-initials-hint');
    expect(field('agent-name').getAttribute('maxlength')).toBe('80');
    expect(field('agent-initials').getAttribute('maxlength')).toBe('6');
    await until(() => !!status(), () => el.textContent ?? '');
    expect(status()).toBe('Not set yet: signatures that need your name are left out, and the notes you write have no author.');
  });

  it('saves the name with initials taken from it, and shows them', async () => {
    const { field, type, submit, status } = await openSection();
    await type('agent-name', '  Ana Pérez ');
    // Empty initials: the placeholder shows the ones that will be used.
    expect(field('agent-initials').placeholder).toBe('AP');
    await submit();
    await until(() => !!status()?.startsWith('Saved'), () => status() ?? '');
    expect(status()).toBe('Saved: replies and notes written on this browser now use Ana Pérez (AP).');
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Pérez', initials: 'AP' });
    expect(field('agent-name').value).toBe('Ana Pérez');
    expect(field('agent-initials').value).toBe('AP');
  });

  it('marks each wrong field and says why, writing nothing', async () => {
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const { field, type, submit, alert } = await openSection();
    await until(() => field('agent-name').value === 'Ana Pérez', () => field('agent-name').value);
    await type('agent-name', '');
    await type('agent-initials', 'A P');
    await submit();
    expect(alert()).toBe(
      'Your name: write it; initials alone are not enough. Initials: up to 6 characters, without spaces or curly braces (for example AP).',
    );
    expect(field('agent-name').getAttribute('aria-invalid')).toBe('true');
    expect(field('agent-initials').getAttribute('aria-invalid')).toBe('true');
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Pérez', initials: 'AP' });
    // Fixed, the marks and the message go.
    await type('agent-name', 'Ana Pérez');
    await type('agent-initials', 'APz');
    await submit();
    expect(alert()).toBeNull();
    expect(field('agent-initials').getAttribute('aria-invalid')).toBeNull();
    expect(await loadAgentProfile()).toEqual({ name: 'Ana Pérez', initials: 'APz' });
  });

  it('clears the profile when both fields are emptied; Cancel puts back what is stored', async () => {
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const { el, field, type, submit, status } = await openSection();
    await until(() => field('agent-name').value === 'Ana Pérez', () => field('agent-name').value);
    await type('agent-name', 'Someone');
    await act(async () => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click());
    expect(field('agent-name').value).toBe('Ana Pérez');
    await type('agent-name', '');
    await type('agent-initials', '');
    await submit();
    expect(status()).toBe('Cleared: signatures that need your name are left out, and new notes have no author.');
    expect(await loadAgentProfile()).toBeNull();
  });

  it('follows a change made in another tab while the fields are untouched', async () => {
    const { field } = await openSection();
    await until(() => !!field('agent-name'), () => '');
    await act(async () => void (await saveAgentProfile({ name: 'Luis Gómez', initials: '' })));
    await until(() => field('agent-name').value === 'Luis Gómez', () => field('agent-name').value);
    expect(field('agent-initials').value).toBe('LG');
  });

  it('speaks Spanish', async () => {
    setLocale('es');
    const { el, type, submit, alert } = await openSection();
    expect(el.querySelector('h2')!.textContent).toBe('Tú');
    expect(el.querySelector('label[for="agent-name"]')!.textContent).toBe('Tu nombre');
    await type('agent-initials', 'AP');
    await submit();
    expect(alert()).toBe('Tu nombre: escríbelo; las iniciales solas no bastan.');
  });
});

describe('options page: the brand signature says which agent variables it may hold', () => {
  it('shows the hint next to the field, tied to it', async () => {
    const el = render(<BrandsSection db={createDb(`t-${crypto.randomUUID()}`)} />);
    await until(() => !!el.querySelector('button.primary'), () => el.textContent ?? '');
    await act(async () => el.querySelector<HTMLButtonElement>('button.primary')!.click());
    const hintId = el.querySelector('#brand-signature')!.getAttribute('aria-describedby')!;
    const hint = el.querySelector(`#${hintId}`)!.textContent!;
    expect(hint).toContain('{{agent.name}}');
    expect(hint).toContain('“^{{agent.initials}}” gives “^AP”');
  });
});
