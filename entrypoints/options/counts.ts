import { t, type MessageKey } from '../../lib/i18n';

/** Table names as the agent reads them (erase and delete plans, backup summaries, progress). */
const TABLES: Record<string, MessageKey> = {
  brands: 'data.table.brands',
  customers: 'data.table.customers',
  conversations: 'data.table.conversations',
  messages: 'data.table.messages',
  cases: 'data.table.cases',
  notes: 'data.table.notes',
  followUps: 'data.table.followUps',
  templates: 'data.table.templates',
  kbArticles: 'data.table.kbArticles',
  meta: 'data.table.meta',
};

export const tableLabel = (table: string): string => {
  const key = TABLES[table];
  return key ? t(key) : table;
};

/** "12 messages, 3 cases": the non-zero counts, or `none` when there are none. */
export function countsText(counts: object, none: string): string {
  return (
    Object.entries(counts)
      .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
      .map(([table, n]) => `${n.toLocaleString()} ${n === 1 && TABLES[table] ? t(`data.tableOne.${table}` as MessageKey) : tableLabel(table)}`)
      .join(', ') || none
  );
}

/** A count in the browser's number style, with the singular key for 1 and the plural one otherwise. */
export function plural(n: number, one: MessageKey, many: MessageKey, vars: Record<string, string | number> = {}): string {
  return t(n === 1 ? one : many, { ...vars, count: n.toLocaleString() });
}
