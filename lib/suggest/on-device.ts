/**
 * Optional on-device rewriting through the browser's built-in language model (Chrome's
 * `LanguageModel`, the Prompt API). Feature-detected and never required: without it every
 * suggestion works as written. Only a model that is already on the device is used — Caseside
 * never triggers a model download — and nothing leaves the machine.
 */
export interface OnDeviceRewriter {
  adapt(suggestion: string, context: { customerMessages: readonly string[]; language?: string }, signal?: AbortSignal): Promise<string>;
}

interface LanguageModelSession {
  prompt(input: string, options?: { signal?: AbortSignal }): Promise<string>;
  destroy?(): void;
}
interface LanguageModelApi {
  availability(options?: unknown): Promise<'unavailable' | 'downloadable' | 'downloading' | 'available'>;
  create(options?: { initialPrompts?: { role: 'system' | 'user' | 'assistant'; content: string }[]; signal?: AbortSignal }): Promise<LanguageModelSession>;
}

const SYSTEM =
  'You rewrite customer-service replies. Keep the facts, links, numbers, names, placeholders in {{double braces}} and the signature exactly. ' +
  'Match the customer’s language and mood; be brief; apologise first if the customer is upset. Reply with the rewritten message only.';

/** The built-in model, or null when the browser has none ready on this device. */
export async function findOnDeviceRewriter(scope: { LanguageModel?: unknown } = globalThis as { LanguageModel?: unknown }): Promise<OnDeviceRewriter | null> {
  const api = scope.LanguageModel as LanguageModelApi | undefined;
  if (!api || typeof api.availability !== 'function' || typeof api.create !== 'function') return null;
  let state: string;
  try {
    state = await api.availability();
  } catch {
    return null;
  }
  if (state !== 'available') return null;
  return {
    async adapt(suggestion, context, signal) {
      const session = await api.create({ initialPrompts: [{ role: 'system', content: SYSTEM }], signal });
      try {
        const recent = context.customerMessages.slice(-3).map((m) => `- ${m.slice(0, 600)}`).join('\n');
        const out = await session.prompt(`Customer wrote:\n${recent}\n\nReply to adapt:\n${suggestion}`, { signal });
        const text = out.trim();
        if (!text) throw new Error('The on-device model returned nothing.');
        return text;
      } finally {
        session.destroy?.();
      }
    },
  };
}
