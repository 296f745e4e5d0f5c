/** The tenant clock's time as ISO 8601 text, the form every Google timestamp takes, without formatting a Date per call. */
import type { Tenant } from '../../src/core/tenant.js';

/**
 * `new Date(ms).toISOString()`, which a Drive create asked for three times (the file's times, its revision, its
 * change) and which cost more than anything else the create did. The text up to the minute is formatted once per
 * minute shown; the seconds and milliseconds are written from the number. Outside years 0000–9999 (a signed
 * six-digit year) and for a fraction of a millisecond (which a Date drops), toISOString is asked directly.
 */
export function isoTime(ms: number): string {
  // A create asks for the same millisecond three times: it answers the same string, which the documents then share.
  if (ms === lastMs) return lastText;
  if (!(ms >= 0 && ms < MAX) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const minute = Math.floor(ms / 60_000);
  if (minute !== kept) {
    kept = minute;
    head = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const rest = ms - minute * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  lastMs = ms;
  return (lastText = `${head}${sec < 10 ? '0' : ''}${sec}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`);
}

/** 10000-01-01T00:00:00Z: from here on the year has more than four digits. */
const MAX = 253_402_300_800_000;
let kept = NaN;
let head = '';
let lastMs = NaN;
let lastText = '';

/** The tenant's time now, as `t.now().toISOString()` gives it. */
export const isoNow = (t: Tenant): string => isoTime(t.clock.ms());
