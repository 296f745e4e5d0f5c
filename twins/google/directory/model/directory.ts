/** Admin Directory: who may administer, resolving user/group keys, and the user search language. */
import { createHash } from 'node:crypto';
import type { OpContext } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { callerOf } from '../../auth.js';
import { E, googleError } from '../../errors.js';
import { rolesAllow } from './roles.js';
import { customValues, userSchemas } from './schemas.js';
import { domainAliases } from './domains.js';
import { customer, findGroupByEmail, groups, users, type Customer, type DirGroup, type DirUser } from '../../store.js';

/** Super admins use the whole Directory API, delegated admins what their roles grant; everyone else gets Google's generic 403. */
export function requireAdmin(ctx: OpContext): DirUser {
  const user = callerOf(ctx).user;
  if (!user || !(user.isAdmin || rolesAllow(ctx.tenant, user, ctx.op.id, ctx.op.method))) throw E.notAuthorized();
  return user;
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

/**
 * The user search language (https://developers.google.com/workspace/admin/directory/v1/guides/search-users):
 * `field:value` matches a prefix (a trailing `*` is allowed), `field=value`
 * matches exactly, values may be quoted, clauses are ANDed, and a bare word
 * matches names and email addresses.
 */
export function userMatcher(t: Tenant, query: string): (u: DirUser) => boolean {
  const clauses: Array<(u: DirUser) => boolean> = [];
  const re = /\s*(?:([A-Za-z0-9_.]+)\s*([:=])\s*)?('([^']*)'|"([^"]*)"|(\S+))/y;
  let pos = 0;
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(query);
    if (!m) break;
    pos = re.lastIndex;
    const [, field, op, , q1, q2, plain] = m;
    let value = (q1 ?? q2 ?? plain ?? '').toLowerCase();
    const prefix = op !== '=';
    if (value.endsWith('*')) value = value.slice(0, -1);
    const text = (s: string | undefined) => {
      const v = (s ?? '').toLowerCase();
      return prefix ? v.startsWith(value) || v.split(/\s+/).some((w) => w.startsWith(value)) : v === value;
    };
    const bool = (b: boolean) => value === String(b);
    const f = field?.toLowerCase();
    if (!f) clauses.push((u) => text(u.name.givenName) || text(u.name.familyName) || text(u.primaryEmail) || u.aliases.some(text));
    else if (f === 'email') clauses.push((u) => text(u.primaryEmail) || u.aliases.some(text));
    else if (f === 'givenname') clauses.push((u) => text(u.name.givenName));
    else if (f === 'familyname') clauses.push((u) => text(u.name.familyName));
    else if (f === 'name') clauses.push((u) => text(`${u.name.givenName} ${u.name.familyName}`));
    else if (f === 'issuspended') clauses.push((u) => bool(u.suspended));
    else if (f === 'isadmin') clauses.push((u) => bool(u.isAdmin));
    else if (f === 'isdelegatedadmin') clauses.push((u) => bool(u.isDelegatedAdmin));
    else if (f === 'isarchived') clauses.push((u) => bool(u.archived));
    else if (f === 'isenrolledin2sv') clauses.push((u) => bool(!!u.enrolledIn2Sv));
    else if (f === 'orgname' || f === 'orgtitle' || f === 'orgdepartment') {
      const key = f === 'orgname' ? 'name' : f === 'orgtitle' ? 'title' : 'department';
      clauses.push((u) => ((u.extra?.organizations as Array<Record<string, unknown>> | undefined) ?? []).some((o) => text(String(o[key] ?? ''))));
    } else if (f === 'externalid') clauses.push((u) => ((u.extra?.externalIds as Array<Record<string, unknown>> | undefined) ?? []).some((o) => text(String(o.value ?? ''))));
    else if (f === 'phone') clauses.push((u) => ((u.extra?.phones as Array<Record<string, unknown>> | undefined) ?? []).some((o) => text(String(o.value ?? ''))));
    else if (field.includes('.')) {
      // `Schema.field` searches custom schema values; only indexed fields are searchable.
      const [schemaName, fieldName] = field.split('.');
      const spec = userSchemas(t).find((x) => x.schemaName === schemaName)?.fields.find((x) => x.fieldName === fieldName);
      if (!spec || !spec.indexed) throw E.invalidInput(query);
      clauses.push((u) => customValues(u, schemaName, fieldName).some((v) => text(String(v))));
    } else if (f === 'orgunitpath') clauses.push((u) => u.orgUnitPath.toLowerCase() === value || (prefix && u.orgUnitPath.toLowerCase().startsWith(value)));
    else throw E.invalidInput(query);
  }
  if (query.slice(pos).trim()) throw E.invalidInput(query);
  return (u) => clauses.every((c) => c(u));
}
