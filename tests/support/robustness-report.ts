/**
 * One row of the robustness summary (issue 7, part 7): each robustness part prints
 * `robustness: <part> cases tried N, failures M (details)` where it runs (Vitest and Playwright
 * both show it) and records the same figures in os.tmpdir()/caseside-robustness/<part>.json,
 * which `npm run robustness:summary` (tests/tools/robustness-summary.ts) gathers into one table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROBUSTNESS_DIR = path.join(os.tmpdir(), 'caseside-robustness');

export interface RobustnessRow {
  part: string;
  tried: number;
  failures: number;
  details?: string;
  /** Epoch ms when the row was recorded. */
  at: number;
  /** Rows of the same part and run add up (Playwright restarts its worker after a failure). */
  run?: string;
}

export const rowFile = (part: string) => path.join(ROBUSTNESS_DIR, `${part.replace(/[^a-z0-9-]+/gi, '-')}.json`);

/**
 * Print and record one row. With `run`, a row already recorded by the same run is added to:
 * Playwright starts a new worker process after a failing test, so one spec file can report
 * in several pieces; e2e specs pass the runner's process id (`String(process.ppid)`).
 */
export function reportRobustness(part: string, tried: number, failures: number, details?: string, run?: string): void {
  let total = { tried, failures };
  try {
    const previous = JSON.parse(fs.readFileSync(rowFile(part), 'utf8')) as RobustnessRow;
    if (run && previous.run === run) total = { tried: previous.tried + tried, failures: previous.failures + failures };
  } catch {
    // No earlier row.
  }
  console.log(`robustness: ${part} cases tried ${total.tried}, failures ${total.failures}${details ? ` (${details})` : ''}`);
  try {
    fs.mkdirSync(ROBUSTNESS_DIR, { recursive: true });
    const row: RobustnessRow = { part, ...total, ...(details && { details }), at: Date.now(), ...(run && { run }) };
    fs.writeFileSync(rowFile(part), JSON.stringify(row));
  } catch {
    // The printed row is the record; the file is a convenience for the table.
  }
}

export function readRobustnessRows(): RobustnessRow[] {
  if (!fs.existsSync(ROBUSTNESS_DIR)) return [];
  return fs
    .readdirSync(ROBUSTNESS_DIR)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(ROBUSTNESS_DIR, f), 'utf8')) as RobustnessRow];
      } catch {
        return [];
      }
    });
}
