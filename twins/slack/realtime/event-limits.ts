// Slack's Events API rate limit: deliveries per app per workspace in the past hour, and the app_rate_limited notice sent instead.

/**
 * An app may receive `--events-per-hour` events (Slack's 30,000) from one workspace in any hour; past that,
 * Slack stops delivering them and sends `app_rate_limited` once for each minute the app is limited
 * (https://docs.slack.dev/reference/events/app_rate_limited, "Rate limiting currently occurs when your app
 * would receive more than 30,000 events in an hour from a single workspace"; rate-limits guide, "Events API").
 * It is also what bounds the retries kept for an app that never answers: each waits at most three retries
 * (+0, +1, +5 minutes), and no more than an hour's allowance of them can be waiting.
 */
export class HourlyEventLimit {
  /** Deliveries per twin-clock minute, for the last 60 minutes (slot = minute % 60). */
  private readonly counts = new Array<number>(60).fill(0);
  private readonly minutes = new Array<number>(60).fill(-Infinity);
  private lastNotice = -Infinity;

  /** Counts one event at `nowMs` if the hour's allowance has room; false when it must not be delivered. */
  admit(nowMs: number, perHour: number): boolean {
    const minute = Math.floor(nowMs / 60_000);
    let inHour = 0;
    for (let i = 0; i < 60; i++) if (this.minutes[i] > minute - 60 && this.minutes[i] <= minute) inHour += this.counts[i];
    if (inHour >= perHour) return false;
    const slot = minute % 60;
    if (this.minutes[slot] !== minute) {
      this.minutes[slot] = minute;
      this.counts[slot] = 0;
    }
    this.counts[slot]++;
    return true;
  }

  /** The minute (epoch seconds, rounded down as Slack's `minute_rate_limited` is) to announce, once per minute limited. */
  noticeDue(nowMs: number): number | undefined {
    const minute = Math.floor(nowMs / 60_000);
    if (minute === this.lastNotice) return undefined;
    this.lastNotice = minute;
    return minute * 60;
  }
}

/** The `app_rate_limited` payload (an Events API event with no inner event). */
export function appRateLimited(token: string, teamId: string, appId: string, minuteRateLimited: number): Record<string, unknown> {
  return { token, type: 'app_rate_limited', team_id: teamId, minute_rate_limited: minuteRateLimited, api_app_id: appId };
}
