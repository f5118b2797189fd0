/** Text with match ranges marked — built from text nodes, never from HTML. */
export function Highlighted({ text, matches }: { text: string; matches: readonly { start: number; end: number }[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, m] of [...matches].sort((a, b) => a.start - b.start).entries()) {
    if (m.start < at) continue;
    parts.push(text.slice(at, m.start));
    parts.push(<mark key={i}>{text.slice(m.start, m.end)}</mark>);
    at = m.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
