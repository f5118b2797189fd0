/**
 * One-click tag filter: the most used tags as toggle chips (aria-pressed). The chosen tag stays
 * shown even when it is not among the most used.
 */
export function TagFilter(props: {
  tags: readonly { tag: string; count: number }[];
  selected: string | null;
  onSelect: (tag: string | null) => void;
  label: string;
  /** Chips shown at most (a brand can have hundreds of tags; the search box finds the rest). */
  max?: number;
}) {
  const max = props.max ?? 12;
  const chosen = props.selected?.toLowerCase();
  const top = props.tags.slice(0, max);
  const extra = chosen && !top.some((x) => x.tag.toLowerCase() === chosen) ? props.tags.find((x) => x.tag.toLowerCase() === chosen) : undefined;
  const shown = extra ? [...top, extra] : top;
  if (!shown.length) return null;
  return (
    <div className="cs-tags" role="group" aria-label={props.label}>
      {shown.map(({ tag, count }) => {
        const on = tag.toLowerCase() === chosen;
        return (
          <button
            key={tag}
            type="button"
            className="cs-tag"
            aria-pressed={on}
            onClick={() => props.onSelect(on ? null : tag)}
          >
            {tag} <span className="cs-muted">{count.toLocaleString()}</span>
          </button>
        );
      })}
    </div>
  );
}
