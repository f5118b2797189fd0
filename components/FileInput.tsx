/**
 * A file picker that hands over the one file chosen and empties itself at once: Chromium fires
 * no change event when the same file is picked again, so after a failed import or a cancelled
 * restore the agent could not try that file again. Disabled (and aria-busy) while `busy`.
 */
export function FileInput({ accept, label, busy, onFile }: { accept: string; label: string; busy: boolean; onFile: (file: File) => void }) {
  return (
    <input
      type="file"
      accept={accept}
      aria-label={label}
      disabled={busy}
      aria-busy={busy}
      onChange={(e) => {
        const input = e.currentTarget;
        const file = input.files?.[0];
        input.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
