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
/** What the session will read and write (the Prompt API's expectedInputs / expectedOutputs). */
interface LanguageOptions {
  expectedInputs: { type: 'text'; languages: string[] }[];
  expectedOutputs: { type: 'text'; languages: string[] }[];
}
interface LanguageModelApi {
  availability(options?: LanguageOptions): Promise<'unavailable' | 'downloadable' | 'downloading' | 'available'>;
  create(
    options?: LanguageOptions & { initialPrompts?: { role: 'system' | 'user' | 'assistant'; content: string }[]; signal?: AbortSignal },
  ): Promise<LanguageModelSession>;
}

/**
 * Output languages Chrome documents for its built-in model. The session is asked for the
 * customer's language when it is one of them; Chrome refuses (or warns about) a session whose
 * output language is not declared, and availability() answers per language.
 */
export const ON_DEVICE_LANGUAGES: readonly string[] = ['en', 'es', 'ja', 'de', 'fr'];

/** The instructions are English; the conversation and the reply are in `language`. */
function languageOptions(language: string): LanguageOptions {
  return {
    expectedInputs: [{ type: 'text', languages: [...new Set(['en', language])] }],
    expectedOutputs: [{ type: 'text', languages: [language] }],
  };
}

const englishName = (language: string): string => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
};

const SYSTEM =
  'You rewrite customer-service replies. Keep the facts, links, numbers, names, placeholders in {{double braces}} and the signature exactly. ' +
  'Match the customer’s language and mood; be brief; apologise first if the customer is upset. Reply with the rewritten message only.';

/** The built-in model, or null when the browser has none ready on this device. */
export async function findOnDeviceRewriter(scope: { LanguageModel?: unknown } = globalThis as { LanguageModel?: unknown }): Promise<OnDeviceRewriter | null> {
  const api = scope.LanguageModel as LanguageModelApi | undefined;
  if (!api || typeof api.availability !== 'function' || typeof api.create !== 'function') return null;
  const ready = async (language: string): Promise<boolean> => {
    try {
      return (await api.availability(languageOptions(language))) === 'available';
    } catch {
      return false;
    }
  };
  if (!(await ready('en'))) return null;
  return {
    async adapt(suggestion, context, signal) {
      // The customer's language when the model writes it and is ready for it here (never a
      // download); otherwise the model is not asked at all.
      const language = context.language && ON_DEVICE_LANGUAGES.includes(context.language) ? context.language : 'en';
      // Asked again at every use, English too: Chrome may have evicted the model since the panel
      // opened, and create() on a model that is only "downloadable" would start a download.
      if (!(await ready(language))) {
        throw new Error(`The on-device model is not ready to write ${englishName(language)} on this device.`);
      }
      const session = await api.create({ ...languageOptions(language), initialPrompts: [{ role: 'system', content: SYSTEM }], signal });
      try {
        const recent = context.customerMessages.slice(-3).map((m) => `- ${m.slice(0, 600)}`).join('\n');
        const out = await session.prompt(`Customer wrote:\n${recent}\n\nReply to adapt (answer in ${englishName(language)}):\n${suggestion}`, { signal });
        const text = out.trim();
        if (!text) throw new Error('The on-device model returned nothing.');
        return text;
      } finally {
        session.destroy?.();
      }
    },
  };
}
