/** The user object of users.info and users.list: stored fields minus twin bookkeeping. */
import type { SlackUser } from '../types.js';

/** users.info / users.list user object: stored fields minus twin bookkeeping. */
export function userView(u: SlackUser, opts: { email?: boolean } = { email: true }): Record<string, unknown> {
  const { id, presence: _p, dnd: _d, expiration_ts: _e, profile, ...rest } = u;
  const p: Record<string, unknown> = { ...profile };
  if (opts.email === false) delete p.email;
  return { id, ...rest, profile: p };
}
