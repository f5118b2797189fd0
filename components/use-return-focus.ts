import { useEffect, useRef, type RefObject } from 'react';

/**
 * When an in-place dialog (ConfirmDialog) closes and its opener is still there, focus goes back
 * to the opener (`to`), never to the page's body.
 */
export function useReturnFocus(open: boolean, to: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) to.current?.focus();
    wasOpen.current = open;
  }, [open, to]);
}
