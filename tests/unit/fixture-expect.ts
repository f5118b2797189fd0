/**
 * The one comparison every adapter's fixture test makes: a case either is "not recognised"
 * with the expected reason, or extracts exactly its expected.json (differences named by field).
 */
import { expect } from 'vitest';
import { ConversationSnapshotSchema, type ConversationSnapshot, type ExtractResult } from '../../lib/platforms/snapshot';
import { describeDifferences, isNotRecognisedCase, type FixtureCase } from '../fixtures/load-fixtures';

export function snapshotOf(result: ExtractResult): ConversationSnapshot {
  if (!result.ok) throw new Error(`not recognised: ${result.reason}`);
  return result.snapshot;
}

export function expectFixtureResult(c: FixtureCase, result: ExtractResult): void {
  if (isNotRecognisedCase(c.expected)) {
    expect(result.ok, `${c.name}: expected not recognised`).toBe(false);
    if (!result.ok) {
      expect(result.code, `${c.name}: code`).toBe(c.expected.code);
      expect(result.reason, `${c.name}: reason`).toContain(c.expected.reasonIncludes);
    }
    return;
  }
  expect(result.ok ? '' : result.reason, `${c.name}: not recognised`).toBe('');
  const differences = describeDifferences(snapshotOf(result), c.expected);
  expect(differences, `${c.name} differs:\n${differences.join('\n')}`).toEqual([]);
  expect(ConversationSnapshotSchema.safeParse(c.expected).success, `${c.name}: expected.json is a valid snapshot`).toBe(true);
}
