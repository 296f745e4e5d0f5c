/** What a twin keeps of its own accord beyond vendor state: its bounds on vendor logs and event deliveries, and their defaults. */

export interface Retention {
  /**
   * Entries each tenant keeps of a vendor's change log (Okta's System Log, Drive's change log), oldest dropped
   * first, on top of the vendor's own window (Okta's 90 days). A cursor or page token that points before what
   * is kept is answered as the vendor answers an expired one. Also the finished webhook deliveries a Jira site
   * keeps (pending ones always stay). Default 10,000.
   */
  logEntries: number;
  /**
   * Events API deliveries one app receives from one workspace per hour before Slack rate-limits it and sends
   * `app_rate_limited` instead (https://docs.slack.dev/reference/events/app_rate_limited: "more than 30,000
   * events in an hour from a single workspace"). Default 30,000, Slack's figure.
   */
  eventsPerHour: number;
}

export const RETENTION_DEFAULTS: Retention = { logEntries: 10_000, eventsPerHour: 30_000 };

/** Defaults filled in; a bound that is not a positive integer is refused (the CLI checks its flags the same way). */
export function retention(given: Partial<Retention> = {}): Retention {
  const out = { ...RETENTION_DEFAULTS };
  for (const k of Object.keys(RETENTION_DEFAULTS) as Array<keyof Retention>) {
    const v = given[k];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`retention.${k} must be a positive integer, got ${v}`);
    out[k] = v;
  }
  return out;
}
