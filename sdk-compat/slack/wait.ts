/** Bounded polling for realtime scenarios: a condition that never holds fails the scenario with what it waited for. */
import type { Tracker } from '../types.js';

export const until = async <T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, t: Tracker, ms = 8000): Promise<T | undefined> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) {
      t.check(false, `timed out waiting for ${what}`);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
};
