/** Admin Directory: who may administer, resolving user/group keys, and the user search language. */
import { createHash } from 'node:crypto';
import type { OpContext } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { callerOf } from '../../auth.js';
import { E, googleError } from '../../errors.js';
import { adminReach, rolesAllow, withinReach } from './roles.js';
import { domainAliases } from './domains.js';
import { customer, findGroupByEmail, groups, users, type Customer, type DirGroup, type DirUser } from '../../store.js';

/** Super admins use the whole Directory API, delegated admins what their roles grant; everyone else gets Google's generic 403. */
export function requireAdmin(ctx: OpContext): DirUser {
  const user = callerOf(ctx).user;
  if (!user || !(user.isAdmin || rolesAllow(ctx.tenant, user, ctx.op.id, ctx.op.method))) throw E.notAuthorized();
  return user;
}

/** A delegated admin whose roles reach only some org units may act only on accounts there (as if the others did not exist to them: 403). */
export function requireReach(ctx: OpContext, target: DirUser): void {
  const caller = callerOf(ctx).user;
  const reach = caller && adminReach(ctx.tenant, caller, ctx.op.id, ctx.op.method);
  if (!reach || !withinReach(reach, target.orgUnitPath)) throw E.notAuthorized();
}

/** The accounts a caller's admin roles reach for this operation (all of them for a super admin). */
export function reachFilter(ctx: OpContext): (u: DirUser) => boolean {
  const caller = callerOf(ctx).user;
  const reach = caller && adminReach(ctx.tenant, caller, ctx.op.id, ctx.op.method);
  return (u) => !!reach && withinReach(reach, u.orgUnitPath);
}

/** `my_customer` or the customer's own id; any other customer is not this caller's to see. */
export function checkCustomer(t: Tenant, key: unknown): Customer {
  const c = customer(t)!;
  if (key !== 'my_customer' && key !== c.id) throw E.notAuthorized();
  return c;
}

export function userByKey(t: Tenant, key: string): DirUser | undefined {
  const k = key.toLowerCase();
  return users(t).get(key) ?? users(t).find((u) => u.primaryEmail.toLowerCase() === k || u.aliases.some((a) => a.toLowerCase() === k));
}

export function groupByKey(t: Tenant, key: string): DirGroup | undefined {
  return groups(t).get(key) ?? findGroupByEmail(t, key);
}

/** Any account or group already holding this address (primary or alias). */
export function addressTaken(t: Tenant, email: string, except?: string): boolean {
  const e = email.toLowerCase();
  const u = users(t).find((x) => x.id !== except && (x.primaryEmail.toLowerCase() === e || x.aliases.some((a) => a.toLowerCase() === e)));
  const g = groups(t).find((x) => x.id !== except && (x.email.toLowerCase() === e || x.aliases.some((a) => a.toLowerCase() === e)));
  return !!u || !!g;
}

/**
 * An address must be in one of the customer's domains (Google: 404 "Domain not
 * found."); aliases may also use a domain alias, which exists for that purpose.
 */
export function checkDomain(t: Tenant, email: string, orAlias = false): void {
  const d = domainOf(email);
  if (customer(t)!.domains.includes(d)) return;
  if (orAlias && domainAliases(t).has(d)) return;
  throw googleError('admin', { code: 404, message: 'Domain not found.', reason: 'notFound' });
}

export const domainOf = (email: string) => email.split('@')[1]?.toLowerCase() ?? '';
export const validEmail = (e: unknown): e is string => typeof e === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e);

export function hashPassword(password: string, hashFunction?: string): string {
  return `${hashFunction ?? 'plain'}:${createHash('sha256').update(password).digest('hex')}`;
}

