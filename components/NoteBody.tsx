import type { ReactNode } from 'react';

/**
 * Markdown-light for private notes: **bold**, *italic*, `code`, and line breaks. Built as React
 * text nodes — a note containing markup shows that markup as text, it never becomes HTML.
 */
export function renderNoteInline(line: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;
  let at = 0;
  let m: RegExpExecArray | null;
  let key = 0;
  while ((m = re.exec(line))) {
    if (m.index > at) out.push(line.slice(at, m.index));
    if (m[1] !== undefined) out.push(<strong key={key++}>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<em key={key++}>{m[2]}</em>);
    else out.push(<code key={key++}>{m[3]}</code>);
    at = m.index + m[0].length;
  }
  if (at < line.length) out.push(line.slice(at));
  return out;
}

export function NoteBody({ body }: { body: string }) {
  const lines = body.split('\n');
  return (
    <p className="cs-note-body">
      {lines.map((line, i) => (
        <span key={i}>
          {renderNoteInline(line)}
          {i < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </p>
  );
}
