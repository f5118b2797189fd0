/**
 * A React root for a component test: `render` mounts into a fresh element on first use (and
 * re-renders into it after), and the root is unmounted and removed after each test. Sets React's
 * act() environment flag, as the component tests run React's real scheduler under act().
 */
import { afterEach } from 'vitest';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export function reactRoot(): { render: (node: ReactNode) => HTMLDivElement; container: () => HTMLDivElement } {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let root: Root | undefined;
  let el: HTMLDivElement | undefined;
  afterEach(() => {
    if (root) act(() => root!.unmount());
    el?.remove();
    root = undefined;
    el = undefined;
  });
  const container = () => {
    if (!el) {
      el = document.body.appendChild(document.createElement('div'));
      root = createRoot(el);
    }
    return el;
  };
  return {
    container,
    render(node) {
      const target = container();
      act(() => root!.render(node));
      return target;
    },
  };
}
