/**
 * Typed errors of the storage layer, with messages written for the agent. Repositories throw
 * ConflictError / RecordNotFoundError themselves and turn IndexedDB failures (quota, closed
 * database, upgrade in another tab…) into a StorageWriteError through `withStorageErrors`;
 * UI and background code use `toStorageError(e).message` to tell the agent what happened.
 */
import { t, type MessageKey } from '../i18n';

export type StorageErrorKind =
  | 'quota'
  | 'closed'
  | 'upgrade'
  | 'unavailable'
  | 'interrupted'
  | 'constraint'
  /** toStorageError of a ConflictError / RecordNotFoundError: their own message is kept. */
  | 'conflict'
  | 'not-found'
  | 'unknown';

/** The agent-facing message of each kind, in the interface language (lib/i18n storage.error.*). */
const messageOf = (kind: StorageErrorKind): string => t(`storage.error.${kind}`);

/** Error names (DOMException and Dexie) per kind. */
const NAMES: Record<Exclude<StorageErrorKind, 'unknown' | 'conflict' | 'not-found'>, readonly string[]> = {
  quota: ['QuotaExceededError'],
  closed: ['DatabaseClosedError'],
  upgrade: ['VersionError', 'VersionChangeError', 'UpgradeError', 'BlockedError'],
  unavailable: ['MissingAPIError', 'OpenFailedError', 'InvalidAccessError', 'SecurityError'],
  interrupted: ['AbortError', 'TransactionInactiveError', 'InvalidStateError', 'PrematureCommitError', 'ReadOnlyError', 'TimeoutError', 'UnknownError'],
  constraint: ['ConstraintError'],
};

export class StorageWriteError extends Error {
  override readonly name = 'StorageWriteError';
  constructor(
    readonly kind: StorageErrorKind,
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? messageOf(kind), options);
  }
}

/** A write carried an out-of-date revision: someone else saved first. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(`This ${entity} was changed elsewhere (another panel or tab) while you were editing. Reload it and apply your change again.`);
  }
}

/** The record does not exist, or belongs to another brand (never said which). */
export class RecordNotFoundError extends Error {
  // Not "NotFoundError": Dexie turns errors with that DOMException name into its own.
  override readonly name = 'RecordNotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`The ${entity} was not found (it may have been deleted).`);
  }
}

/** Names of the error and of what it wraps (Dexie's `inner`, `cause`), outermost first. */
function errorNames(e: unknown): string[] {
  const names: string[] = [];
  // Breadth first through the wrappers (`inner`, `cause`) and the failures a Dexie BulkError or
  // ModifyError carries (a bulkPut that hit a full disk), a bounded number of errors.
  const queue: unknown[] = [e];
  for (let seen = 0; queue.length && seen < 20; seen++) {
    const o = queue.shift() as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown } | null | undefined;
    if (!o || typeof o !== 'object') continue;
    if (typeof o.name === 'string') names.push(o.name);
    queue.push(o.inner ?? o.cause);
    if (Array.isArray(o.failures)) queue.push(...o.failures.slice(0, 5));
  }
  return names;
}

function storageKind(e: unknown): StorageErrorKind | null {
  const names = errorNames(e);
  // The innermost specific cause wins: an AbortError caused by a full disk is a quota problem.
  for (const kind of ['quota', 'closed', 'upgrade', 'unavailable', 'constraint', 'interrupted'] as const) {
    if (names.some((n) => NAMES[kind].includes(n))) return kind;
  }
  return null;
}

/** True when `e` is an IndexedDB/Dexie failure (not a bug or a domain error). */
export function isStorageFailure(e: unknown): boolean {
  return e instanceof StorageWriteError || storageKind(e) !== null;
}

/**
 * Any error as a StorageWriteError with a message for the agent. Storage failures get their
 * specific message, ConflictError / RecordNotFoundError keep theirs, anything else is 'unknown'
 * (the original always stays in `cause`).
 */
export function toStorageError(e: unknown): StorageWriteError {
  if (e instanceof StorageWriteError) return e;
  if (e instanceof ConflictError) return new StorageWriteError('conflict', { cause: e, message: e.entity === 'case' ? t('storage.error.conflictCase') : messageOf('conflict') });
  if (e instanceof RecordNotFoundError) return new StorageWriteError('not-found', { cause: e, message: notFoundMessage(e.entity) });
  return new StorageWriteError(storageKind(e) ?? 'unknown', { cause: e });
}

const NOT_FOUND_KEYS = {
  brand: 'storage.error.notFound.brand',
  case: 'storage.error.notFound.case',
  conversation: 'storage.error.notFound.conversation',
  customer: 'storage.error.notFound.customer',
  'follow-up': 'storage.error.notFound.follow-up',
  note: 'storage.error.notFound.note',
  incident: 'storage.error.notFound.incident',
} as const satisfies Record<string, MessageKey>;

function notFoundMessage(entity: string): string {
  return entity in NOT_FOUND_KEYS ? t(NOT_FOUND_KEYS[entity as keyof typeof NOT_FOUND_KEYS]) : messageOf('not-found');
}

/**
 * What to tell the agent about any error caught around a write: storage failures (a full disk,
 * a closed database…) and the domain errors above in the interface language, never the
 * browser's own words; any other error (a refusal already written for the agent, such as a
 * schema problem) by its own message; `fallback` when there is none.
 */
export function agentMessage(e: unknown, fallback: string): string {
  return failureText(e, (reason) => reason, fallback);
}

/**
 * As agentMessage, with the caller's own words around a refusal (`wrap`, e.g. "Could not save the
 * template: {reason}"); a storage failure's message already says what could not be saved and is
 * given as it is, not wrapped in a second "could not save".
 */
export function failureText(e: unknown, wrap: (reason: string) => string, fallback: string): string {
  if (e instanceof StorageWriteError || e instanceof ConflictError || e instanceof RecordNotFoundError || isStorageFailure(e)) return toStorageError(e).message;
  return wrap(e instanceof Error && e.message ? e.message : fallback);
}

/** Why a read failed, as a phrase in the interface language (for "… could not be read ({reason})"). */
export function readFailureReason(e: unknown): string {
  const kind = storageKind(e);
  if (kind === 'closed' || kind === 'upgrade') return t('storage.read.closed');
  if (kind === 'unavailable') return t('storage.read.unavailable');
  return t('storage.read.other');
}

/** Runs a write; storage failures come out as StorageWriteError, other errors unchanged. */
export async function withStorageErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw isStorageFailure(e) ? toStorageError(e) : e;
  }
}
