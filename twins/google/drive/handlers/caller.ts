/** The Drive view of the caller: who is acting, as the ACL model sees them. */
import type { OpContext } from '../../../../src/core/handler.js';
import { callerOf, type Caller } from '../../auth.js';
import { whoOf, type Who } from '../model/acl.js';
import { bool } from '../../request.js';

export interface DriveCaller {
  caller: Caller;
  who: Who;
  /** The acting email; Drive refuses anonymous writes before this is read. */
  email: string;
  /** supportsAllDrives (or the older supportsTeamDrives): without it shared drive items do not exist for the request. */
  allDrives: boolean;
}

/** Everything about the caller a presentation reads (the ACL model's view), as one string for a ReplyCache key. */
export function callerKey(dc: DriveCaller): string {
  const w = dc.who;
  return `${w.email} ${w.domain} ${groupsText(w.groups)} ${w.anonymous} ${w.clientId} ${w.appFilesOnly}`;
}

/** A caller's groups as key text, joined once per set: `groupsOf` shares one set per address until groups change, and nobody alters it. */
function groupsText(groups: ReadonlySet<string>): string {
  if (!groups.size) return '';
  let text = joined.get(groups);
  if (text === undefined) joined.set(groups, (text = [...groups].join(',')));
  return text;
}
const joined = new WeakMap<ReadonlySet<string>, string>();

export function driveCaller(ctx: OpContext): DriveCaller {
  const caller = callerOf(ctx);
  const who = whoOf(ctx.tenant, caller);
  return { caller, who, email: caller.email ?? '', allDrives: bool(ctx.query.supportsAllDrives) || bool(ctx.query.supportsTeamDrives) };
}
