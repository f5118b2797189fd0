import { describe, expect, it } from 'vitest';
import { createSuggester } from '../../lib/suggest/engine';

const conv = (handle: string, text: string) => ({
  customerMessages: [text],
  platform: 'x' as const,
  isPublic: false,
  customer: { handle, displayName: handle },
});

describe('replies sent to this customer before', () => {
  it('are offered to the same customer, and not to someone else', () => {
    const pairs = [
      { id: '1', customerText: 'My fibre box shows a red light', replyText: 'Your engineer visit is booked for Tuesday morning, reference ENG-88.', customerHandle: 'dana_example' },
      // Many other replies, each sent several times, so Dana's one reply is neither frequent nor recent.
      ...Array.from({ length: 120 }, (_, i) => ({
        id: `o${i}`,
        customerText: `Question number ${i % 40} about billing`,
        replyText: `Thanks for asking about billing, we have refunded item ${i % 40}.`,
        customerHandle: `other${i}`,
      })),
    ];
    const s = createSuggester({ brand: { name: 'Acme' }, pairs });
    const forDana = s.suggest(conv('dana_example', 'any update?'), 5);
    const mine = forDana.find((x) => x.text.includes('engineer visit'));
    expect(mine?.why).toMatch(/sent to this customer before/);
    const forSam = s.suggest(conv('sam_sample', 'any update?'), 5);
    expect(forSam.some((x) => x.why.includes('sent to this customer before'))).toBe(false);
  });
});
