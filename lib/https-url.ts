/**
 * Whether a stored link may be opened: only https:// addresses. Conversation URLs, permalinks,
 * profile and page links come from captured pages and from backups a user can edit, so a link
 * with another scheme (http:, javascript:, data:, a file or extension page) is never opened or
 * shown as a link. One rule for every opener: the notification click (lib/background/reminders.ts)
 * and the panel's and options page's links should all ask this.
 */
export function isHttpsUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https:\/\//.test(url);
}
