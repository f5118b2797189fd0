import { useEffect, useRef, type RefObject } from 'react';

/**
 * Focus for an in-place confirm dialog: when it opens, focus goes to `whenOpen` (its confirm or
 * safe choice); when it closes without its host going away, back to `whenClosed` (the button
 * that opened it), never to the page's body.
 */
export function useDialogFocus(open: boolean, whenOpen: RefObject<HTMLElement | null>, whenClosed: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) whenOpen.current?.focus();
    else if (wasOpen.current) whenClosed.current?.focus();
    wasOpen.current = open;
  }, [open, whenOpen, whenClosed]);
}
