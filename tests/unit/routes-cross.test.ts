/// <reference types="vite/client" />
/**
 * Every route detector of every platform accepts its own example URLs and rejects every other
 * detector's examples (X's and Facebook's), so page kinds never overlap.
 *
 * Detector lists are discovered: each lib/platforms/<platform>/routes.ts that exports a
 * `…RouteDetectors` array joins automatically (Facebook's `fbRouteDetectors` included). To
 * pin a platform explicitly instead, it is a one-line import, e.g.
 *   import { fbRouteDetectors } from '../../lib/platforms/facebook/routes';
 */
import { describe, expect, it } from 'vitest';

interface Detector {
  name: string;
  test: (url: URL) => boolean;
  examples: readonly string[];
}

const modules = import.meta.glob<Record<string, unknown>>('../../lib/platforms/*/routes.ts', { eager: true });

const isDetectorList = (value: unknown): value is Detector[] =>
  Array.isArray(value) && value.every((d) => d && typeof d.name === 'string' && typeof d.test === 'function' && Array.isArray(d.examples));

const lists = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name, value]) => /RouteDetectors$/.test(name) && isDetectorList(value))
    .map(([name, value]) => ({ file, name, detectors: value as Detector[] })),
);
const detectors = lists.flatMap((list) => list.detectors);

describe('route detectors (all platforms)', () => {
  it('finds the X list (and any other platform list)', () => {
    expect(lists.map((l) => l.name)).toContain('xRouteDetectors');
    expect(lists.map((l) => l.name)).toContain('fbRouteDetectors');
    expect(new Set(detectors.map((d) => d.name)).size).toBe(detectors.length);
  });

  for (const detector of detectors) {
    it(`${detector.name} accepts its own examples`, () => {
      expect(detector.examples.length).toBeGreaterThan(0);
      for (const example of detector.examples) expect(detector.test(new URL(example)), example).toBe(true);
    });

    it(`${detector.name} rejects every other detector's examples`, () => {
      for (const other of detectors) {
        if (other === detector) continue;
        for (const example of other.examples) {
          expect(detector.test(new URL(example)), `${detector.name} must reject ${other.name} example ${example}`).toBe(false);
        }
      }
    });
  }
});
