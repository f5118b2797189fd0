/** Alt+Shift+C toggles the panel, from the page (content script) or inside the panel. */
export const isToggleShortcut = (e: KeyboardEvent) =>
  e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyC';
