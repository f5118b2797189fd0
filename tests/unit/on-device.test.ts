import { describe, expect, it, vi } from 'vitest';
import { findOnDeviceRewriter } from '../../lib/suggest/on-device';

describe('on-device rewriting', () => {
  it('is absent when the browser has no built-in model', async () => {
    expect(await findOnDeviceRewriter({})).toBeNull();
  });

  it('is not offered while the model would have to be downloaded', async () => {
    const create = vi.fn();
    expect(await findOnDeviceRewriter({ LanguageModel: { availability: async () => 'downloadable', create } })).toBeNull();
    expect(create).not.toHaveBeenCalled();
  });

  it('adapts a suggestion with the conversation as context, and cleans up the session', async () => {
    const destroy = vi.fn();
    const prompt = vi.fn(async (input: string) => `  Sorry Dana! ${input.includes('late') ? 'Your parcel is on its way.' : ''}  `);
    const rewriter = await findOnDeviceRewriter({
      LanguageModel: { availability: async () => 'available', create: async () => ({ prompt, destroy }) },
    });
    expect(rewriter).not.toBeNull();
    const out = await rewriter!.adapt('Your parcel ships today.', { customerMessages: ['My order is late!'] });
    expect(out).toBe('Sorry Dana! Your parcel is on its way.');
    expect(prompt.mock.calls[0]![0]).toContain('My order is late!');
    expect(destroy).toHaveBeenCalledOnce();
  });

  it('declares what the session reads and writes, in the customer\'s language when the model writes it', async () => {
    const asked: unknown[] = [];
    const create = vi.fn(async (_options: unknown) => ({ prompt: async () => 'Lo siento, Ana.' }));
    const rewriter = await findOnDeviceRewriter({
      LanguageModel: {
        availability: async (options: unknown) => (asked.push(options), 'available'),
        create,
      },
    });
    // Found with English declared (the DevTools warning and Chrome's refusal come from leaving it out).
    expect(asked[0]).toEqual({ expectedInputs: [{ type: 'text', languages: ['en'] }], expectedOutputs: [{ type: 'text', languages: ['en'] }] });
    expect(await rewriter!.adapt('Sorry, Ana.', { customerMessages: ['¿Dónde está mi pedido?'], language: 'es' })).toBe('Lo siento, Ana.');
    const spanish = { expectedInputs: [{ type: 'text', languages: ['en', 'es'] }], expectedOutputs: [{ type: 'text', languages: ['es'] }] };
    expect(asked[1]).toEqual(spanish);
    expect(create.mock.calls[0]![0]).toMatchObject(spanish);
    // A language the model does not write: English is declared.
    await rewriter!.adapt('Thanks!', { customerMessages: ['Obrigado'], language: 'pt' });
    expect(create.mock.calls[1]![0]).toMatchObject({ expectedOutputs: [{ type: 'text', languages: ['en'] }] });
  });

  it('does not ask the model (nor download anything) for a language it is not ready to write here', async () => {
    const create = vi.fn(async () => ({ prompt: async () => 'x' }));
    const rewriter = await findOnDeviceRewriter({
      LanguageModel: {
        availability: async (options?: { expectedOutputs: { languages: string[] }[] }) => (options?.expectedOutputs[0]?.languages[0] === 'es' ? 'downloadable' : 'available'),
        create,
      },
    });
    await expect(rewriter!.adapt('Sorry.', { customerMessages: ['hola'], language: 'es' })).rejects.toThrow(/not ready to write Spanish/);
    expect(create).not.toHaveBeenCalled();
  });

  it('asks again before every use: a model evicted since the panel opened is not re-downloaded by create()', async () => {
    const create = vi.fn(async () => ({ prompt: async () => 'x' }));
    let state = 'available';
    const rewriter = await findOnDeviceRewriter({ LanguageModel: { availability: async () => state, create } });
    expect(rewriter).not.toBeNull();
    state = 'downloadable';
    await expect(rewriter!.adapt('Sorry.', { customerMessages: ['hello'], language: 'en' })).rejects.toThrow(/not ready to write English/);
    expect(create).not.toHaveBeenCalled();
  });

  it('refuses an empty answer instead of inserting nothing', async () => {
    const rewriter = await findOnDeviceRewriter({
      LanguageModel: { availability: async () => 'available', create: async () => ({ prompt: async () => '   ' }) },
    });
    await expect(rewriter!.adapt('x', { customerMessages: [] })).rejects.toThrow(/nothing/);
  });
});
