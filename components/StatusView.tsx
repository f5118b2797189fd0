import type { ReactNode } from 'react';

/** A full-panel state: nothing recognised, locked chat, database error. Text only, never HTML. */
export function StatusView(props: { title: string; detail?: string; tone?: 'info' | 'error'; children?: ReactNode }) {
  return (
    <section className={`cs-status cs-status-${props.tone ?? 'info'}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      <h2>{props.title}</h2>
      {props.detail ? <p>{props.detail}</p> : null}
      {props.children}
    </section>
  );
}
