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

  it('refuses an empty answer instead of inserting nothing', async () => {
    const rewriter = await findOnDeviceRewriter({
      LanguageModel: { availability: async () => 'available', create: async () => ({ prompt: async () => '   ' }) },
    });
    await expect(rewriter!.adapt('x', { customerMessages: [] })).rejects.toThrow(/nothing/);
  });
});
