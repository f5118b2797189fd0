import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'lib/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/unit/setup.ts'],
    // The robustness suite prints its summary table; keep output readable.
    reporters: ['default'],
    testTimeout: 30_000,
    // Fixture expectations that depend on wall-clock rendering (Messenger separators are
    // local times) are written for UTC; the code itself is tested across zones where it matters.
    env: { TZ: 'UTC' },
  },
});
