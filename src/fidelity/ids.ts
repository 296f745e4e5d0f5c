/** What counts as an identifier, a cursor, a timestamp or an opaque value in vendor bodies — shared by identity carrying and normalization. */

const SLACK_ID_KEYS = new Set(['channel', 'user', 'team', 'ts', 'thread_ts', 'bot_id', 'app_id', 'file', 'enterprise_id', 'creator', 'inviter', 'event_ts', 'latest', 'parent_user_id']);
const JIRA_ID_KEYS = new Set(['key', 'accountId']);
const CURSOR_KEYS = new Set(['after', 'before', 'cursor', 'next_cursor', 'nextcursor', 'nextpagetoken', 'pagetoken', 'next_page_token', 'continuationtoken', 'sync_token', 'nextsynctoken']);
const OPAQUE_KEYS = new Set(['etag', 'errorid', 'requestid', 'request_id', 'x-okta-request-id', 'kid', 'x5t', 'x5t#s256', 'nonce', 'jti', 'resourceversion']);
const TIME_KEY = /(^|_)(ts|time|date|at)$|time|date|created|updated|modified|expires|expiry|lastlogin|passwordchanged|statuschanged|activated/i;

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export function isCursorKey(key: string): boolean {
  return CURSOR_KEYS.has(key.toLowerCase());
}

export function isOpaqueKey(key: string): boolean {
  return OPAQUE_KEYS.has(key.toLowerCase());
}

export function isIdKey(key: string, vendor?: string): boolean {
  // Per-request ids (`errorId`, `requestId`) identify nothing a later request could name.
  if (isOpaqueKey(key)) return false;
  if (key === 'id' || key === 'ID' || key === 'Id' || /[a-z0-9](Id|ID|Ids|IDs)$/.test(key) || /_ids?$/.test(key)) return true;
  if (vendor === 'slack' && SLACK_ID_KEYS.has(key)) return true;
  if (vendor === 'jira' && JIRA_ID_KEYS.has(key)) return true;
  return false;
}

/** Values that are identifiers wherever they appear (not only under an id key). */
export function looksLikeId(value: string, vendor?: string): boolean {
  if (vendor === 'okta') return /^[0-9a-z]{3}[0-9A-Za-z]{17}$/.test(value) && /\d/.test(value) && /[a-z]/i.test(value);
  if (vendor === 'slack') return /^[UWCGDBTFAE][A-Z0-9]{8,12}$/.test(value) || /^\d{10}\.\d{6}$/.test(value);
  return false;
}

export function isTimestampString(s: string): boolean {
  return ISO_TIME.test(s) || HTTP_DATE.test(s);
}

export function isTimeKey(key: string | undefined): boolean {
  return key !== undefined && TIME_KEY.test(key);
}

/** Epoch seconds or milliseconds under a time-like key. */
export function isEpoch(key: string | undefined, n: number): boolean {
  if (!isTimeKey(key) || !Number.isFinite(n)) return false;
  return (n > 946_684_800 && n < 4_102_444_800) || (n > 946_684_800_000 && n < 4_102_444_800_000);
}

/** Long enough to be replaced inside free text without hitting ordinary words or numbers. */
export const embeddable = (id: string) => id.length >= 8;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces whole-token occurrences (not inside a longer run of word characters). */
export function replaceTokens(text: string, table: Map<string, string>, filter: (k: string) => boolean = embeddable): string {
  let out = text;
  for (const [from, to] of table) {
    if (!filter(from) || !out.includes(from)) continue;
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(from)}(?![A-Za-z0-9_-])`, 'g'), () => to);
  }
  return out;
}

/** `<url>; rel="next", <url>; rel="self"` → {next: url, self: url}. */
export function parseLink(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const m of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /rel="?([^";]+)"?/.exec(m[2])?.[1];
    if (rel) for (const r of rel.split(/\s+/)) out[r] = m[1];
  }
  return out;
}
