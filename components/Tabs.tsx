import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  badge?: number;
}

/** An accessible tab list: arrow keys move between tabs, Home/End jump. */
export function Tabs<K extends string>(props: {
  items: TabItem<K>[];
  active: K;
  onSelect: (key: K) => void;
  label: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = props.items.findIndex((i) => i.key === props.active);
  const onKey = (e: KeyboardEvent) => {
    const n = props.items.length;
    const next =
      e.key === 'ArrowRight' ? (index + 1) % n : e.key === 'ArrowLeft' ? (index - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    props.onSelect(props.items[next]!.key);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={props.label} className="cs-tabs" onKeyDown={onKey}>
      {props.items.map((item, i) => (
        <button
          key={item.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          role="tab"
          id={`tab-${item.key}`}
          aria-selected={item.key === props.active}
          aria-controls={`tabpanel-${item.key}`}
          tabIndex={item.key === props.active ? 0 : -1}
          className="cs-tab"
          onClick={() => props.onSelect(item.key)}
        >
          {item.label}
          {item.badge ? <span className="cs-badge" aria-label={`${item.badge}`}>{item.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}
