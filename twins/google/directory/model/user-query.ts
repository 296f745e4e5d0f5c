/**
 * The users.list search language (https://developers.google.com/workspace/admin/directory/v1/guides/search-users):
 * `field:value` matches words (a trailing `*` a prefix), `field=value` exactly,
 * values may be quoted, clauses are ANDed, a bare word matches names and addresses.
 */
import type { Tenant } from '../../../../src/core/tenant.js';
import { E } from '../../errors.js';
import { findUserByEmail, type DirUser } from '../../store.js';
import { isDelegatedAdmin } from './roles.js';
import { customValues, userSchemas } from './schemas.js';

type Rec = Record<string, unknown>;
const list = (u: DirUser, key: string) => ((u.extra?.[key] as Rec[] | undefined) ?? []).filter((x) => x && typeof x === 'object');
const values = (u: DirUser, key: string, field: string) => list(u, key).map((o) => String(o[field] ?? ''));

/** Sub-fields of the list-valued attributes the language searches. */
const LISTED: Record<string, [string, string[]]> = {
  orgname: ['organizations', ['name']],
  orgtitle: ['organizations', ['title']],
  orgdepartment: ['organizations', ['department']],
  orgdescription: ['organizations', ['description']],
  orgcostcenter: ['organizations', ['costCenter']],
  externalid: ['externalIds', ['value']],
  phone: ['phones', ['value']],
  im: ['ims', ['im']],
  addresspobox: ['addresses', ['poBox']],
  addressextended: ['addresses', ['extendedAddress']],
  addressstreet: ['addresses', ['streetAddress']],
  addresslocality: ['addresses', ['locality']],
  addressregion: ['addresses', ['region']],
  addresspostalcode: ['addresses', ['postalCode']],
  addresscountry: ['addresses', ['country', 'countryCode']],
  address: ['addresses', ['formatted', 'poBox', 'extendedAddress', 'streetAddress', 'locality', 'region', 'postalCode', 'country']],
};

/** A user's manager as their `relations` name it (type `manager`, value an address). */
function directManagerOf(t: Tenant, u: DirUser): DirUser | undefined {
  const rel = list(u, 'relations').find((r) => r.type === 'manager');
  return typeof rel?.value === 'string' ? findUserByEmail(t, rel.value) : undefined;
}

/** The management chain above a user, nearest first (cycles stop it). */
function managersOf(t: Tenant, u: DirUser): DirUser[] {
  const out: DirUser[] = [];
  for (let m = directManagerOf(t, u); m && !out.some((x) => x.id === m!.id) && m.id !== u.id; m = directManagerOf(t, m)) out.push(m);
  return out;
}

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
    const listed = f ? LISTED[f] : undefined;
    if (!f) clauses.push((u) => text(u.name.givenName) || text(u.name.familyName) || text(u.primaryEmail) || u.aliases.some(text));
    else if (f === 'email') clauses.push((u) => text(u.primaryEmail) || u.aliases.some(text));
    else if (f === 'givenname') clauses.push((u) => text(u.name.givenName));
    else if (f === 'familyname') clauses.push((u) => text(u.name.familyName));
    else if (f === 'name') clauses.push((u) => text(`${u.name.givenName} ${u.name.familyName}`));
    else if (f === 'issuspended') clauses.push((u) => bool(u.suspended));
    else if (f === 'isadmin') clauses.push((u) => bool(u.isAdmin));
    else if (f === 'isdelegatedadmin') clauses.push((u) => bool(isDelegatedAdmin(t, u)));
    else if (f === 'isarchived') clauses.push((u) => bool(u.archived));
    else if (f === 'isenrolledin2sv') clauses.push((u) => bool(!!u.enrolledIn2Sv));
    else if (f === 'isenforcedin2sv') clauses.push(() => bool(false));
    else if (listed) clauses.push((u) => listed[1].some((k) => values(u, listed[0], k).some(text)));
    else if (f === 'directmanager') clauses.push((u) => !!directManagerOf(t, u) && text(directManagerOf(t, u)!.primaryEmail));
    else if (f === 'directmanagerid') clauses.push((u) => directManagerOf(t, u)?.id === value);
    else if (f === 'manager') clauses.push((u) => managersOf(t, u).some((x) => text(x.primaryEmail)));
    else if (f === 'managerid') clauses.push((u) => managersOf(t, u).some((x) => x.id === value));
    // "This matches all org unit chains under the target": a unit and everything below it.
    else if (f === 'orgunitpath') clauses.push((u) => { const p = u.orgUnitPath.toLowerCase(); const v = value.replace(/\/+$/, ''); return !v || p === v || p.startsWith(`${v}/`); });
    else if (field.includes('.')) {
      // `Schema.field` searches custom schema values; only indexed fields are searchable.
      const [schemaName, fieldName] = field.split('.');
      const spec = userSchemas(t).find((x) => x.schemaName === schemaName)?.fields.find((x) => x.fieldName === fieldName);
      if (!spec || !spec.indexed) throw E.invalidInput(query);
      clauses.push((u) => customValues(u, schemaName, fieldName).some((v) => text(String(v))));
    } else throw E.invalidInput(query);
  }
  if (query.slice(pos).trim()) throw E.invalidInput(query);
  return (u) => clauses.every((c) => c(u));
}
