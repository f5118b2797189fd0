/**
 * Put a reply into the platform's native composer: restore the agent's caret, insert with the
 * editor's best strategy, verify against what the editor shows once it has committed, and fall
 * back to the next strategy only when nothing at all was inserted. Never presses Send.
 */
import type { InsertFailureCode, InsertOutcome } from './outcome';
import type { ComposerTarget } from '../adapter';
import { restoreCaret, type InsertMode, type TextSelection } from './caret';
import { copyToClipboard } from './clipboard';
import { readEditorText } from './read-editor-text';
import { isSendEnabled } from './send-state';
import { strategiesFor } from './strategies';
import { classifyInsertion, normaliseForCompare, type InsertionState } from './text-compare';
import { settle, waitFor } from './wait';

export interface InsertOptions {
  mode: InsertMode;
  /** The caret the agent left in a contenteditable composer (from the caret tracker). */
  savedRange?: Range | null;
  /** The caret the agent left in a textarea composer (from the caret tracker). */
  savedSelection?: TextSelection | null;
  /** Look the send control up again after inserting (X chat renders it only once there is text). */
  findSendButton?: () => HTMLElement | null;
  signal?: AbortSignal;
  /** How long to wait for the editor to commit each attempt. */
  verifyTimeoutMs?: number;
}

export type { InsertFailureCode, InsertOutcome };

const DEFAULT_VERIFY_MS = 600;

const FAILURE: Record<Exclude<InsertionState, 'present' | 'absent'>, string> = {
  partial: 'the editor changed but does not hold the reply as given (part of it, or lines joined)',
  duplicated: 'the editor inserted the reply more than once',
  'kept-old': 'the reply was inserted but the previous text was not replaced',
};

export async function insertReply(target: ComposerTarget, text: string, opts: InsertOptions): Promise<InsertOutcome> {
  const { element } = target;
  const doc = element.ownerDocument;
  const win = doc.defaultView ?? window;
  const timeoutMs = opts.verifyTimeoutMs ?? DEFAULT_VERIFY_MS;
  const giveUp = async (code: InsertFailureCode, reason: string): Promise<InsertOutcome> => ({
    ok: false,
    code,
    reason,
    copiedToClipboard: await copyToClipboard(text, doc),
  });

  if (normaliseForCompare(text) === '') return { ok: false, code: 'empty', reason: 'nothing to insert', copiedToClipboard: false };
  if (!element.isConnected) return giveUp('gone', 'the composer is no longer on the page');

  const before = readEditorText(element);
  const state = (): InsertionState => classifyInsertion(before, readEditorText(element), text, opts.mode);
  const tried: string[] = [];

  for (const strategy of strategiesFor(target.kind, text)) {
    restoreCaret(element, opts.mode, opts.savedRange, opts.savedSelection);
    await settle(win);
    if (opts.signal?.aborted) return { ok: false, code: 'aborted', reason: 'aborted', copiedToClipboard: false };
    if (strategy.applies && !strategy.applies(element)) {
      tried.push(`${strategy.name} (not applicable)`);
      continue;
    }

    tried.push(strategy.name);
    strategy.run(element, text);
    await waitFor(() => state() === 'present', element, timeoutMs, opts.signal);

    const result = state();
    if (result === 'present') {
      return { ok: true, strategy: strategy.name, sendEnabled: await sendState(target, opts, timeoutMs) };
    }
    if (result !== 'absent') return giveUp(result, `${FAILURE[result]} (${strategy.name}); fix the draft by hand`);
    if (opts.signal?.aborted) return { ok: false, code: 'aborted', reason: 'aborted', copiedToClipboard: false };
  }
  return giveUp('rejected', `the editor rejected every strategy (${tried.join(', ')})`);
}

/** Platforms enable Send after their own state update: give them the same grace period. */
async function sendState(target: ComposerTarget, opts: InsertOptions, timeoutMs: number): Promise<boolean | null> {
  const find = (): HTMLElement | null | undefined => opts.findSendButton?.() ?? target.sendButton;
  await waitFor(() => isSendEnabled(find()) === true, target.element.ownerDocument, timeoutMs, opts.signal);
  return isSendEnabled(find());
}
