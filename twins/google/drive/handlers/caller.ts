/** The Drive view of the caller: who is acting, as the ACL model sees them. */
import type { OpContext } from '../../../../src/core/handler.js';
import { callerOf, type Caller } from '../../auth.js';
import { whoOf, type Who } from '../model/acl.js';

export interface DriveCaller {
  caller: Caller;
  who: Who;
  /** The acting email; Drive refuses anonymous writes before this is read. */
  email: string;
}

export function driveCaller(ctx: OpContext): DriveCaller {
  const caller = callerOf(ctx);
  const who = whoOf(ctx.tenant, caller);
  return { caller, who, email: caller.email ?? '' };
}
