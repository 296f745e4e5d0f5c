/** Admin Directory v1 organizational units: the tree users are placed in (`orgUnitPath`), with renames and moves carried to users. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { etag, users } from '../../store.js';
import { checkCustomer } from '../model/directory.js';
import { byKey, ensureOrgUnit, newOrgUnitId, orgUnits, parentOf, type OrgUnit } from '../model/orgunits.js';
import { presentOrgUnit } from '../present/orgunit.js';
import { jsonObject, str } from '../../request.js';


const notFound = () => googleError('admin', { code: 404, message: 'Org unit not found', reason: 'notFound' });

function load(ctx: OpContext): OrgUnit {
  checkCustomer(ctx.tenant, ctx.params.customerId);
  ensureOrgUnit(ctx.tenant, '/');
  return byKey(ctx.tenant, ctx.params.orgUnitPath) ?? (() => { throw notFound(); })();
}

function list(ctx: OpContext): Reply {
  const t = ctx.tenant;
  checkCustomer(t, ctx.params.customerId);
  const root = ensureOrgUnit(t, '/');
  const base = str(ctx.query.orgUnitPath) ? byKey(t, str(ctx.query.orgUnitPath)!) : root;
  if (!base) throw notFound();
  const type = str(ctx.query.type) ?? 'children';
  const prefix = base.orgUnitPath === '/' ? '/' : `${base.orgUnitPath}/`;
  const units = orgUnits(t)
    .filter((o) => o !== base && o.orgUnitPath.startsWith(prefix) && (type !== 'children' || parentOf(o.orgUnitPath) === base.orgUnitPath))
    .sort((a, b) => (a.orgUnitPath < b.orgUnitPath ? -1 : 1));
  if (type === 'allIncludingParent' && base !== root) units.unshift(base);
  const body = { kind: 'admin#directory#orgUnits', ...(units.length ? { organizationUnits: units.map((o) => presentOrgUnit(t, o)) } : {}) };
  return { body: { ...body, etag: etag(body) } };
}

function get(ctx: OpContext): Reply {
  return { body: presentOrgUnit(ctx.tenant, load(ctx)) };
}

function parentFrom(t: Tenant, body: Record<string, unknown>): OrgUnit {
  const key = str(body.parentOrgUnitId) ?? str(body.parentOrgUnitPath);
  const parent = key ? byKey(t, key) : undefined;
  if (!parent) throw googleError('admin', { code: 400, message: 'Invalid Parent Orgunit Id', reason: 'invalid' });
  return parent;
}

function insert(ctx: OpContext): Reply {
  const t = ctx.tenant;
  checkCustomer(t, ctx.params.customerId);
  ensureOrgUnit(t, '/');
  const body = jsonObject(ctx, 'admin');
  const name = str(body.name)?.trim();
  if (!name || name.includes('/')) throw E.invalidInput('name');
  const parent = parentFrom(t, body);
  const path = `${parent.orgUnitPath === '/' ? '' : parent.orgUnitPath}/${name}`;
  if (byKey(t, path)) throw E.entityExists();
  const o = orgUnits(t).put({ id: newOrgUnitId(t), name, description: str(body.description) ?? '', orgUnitPath: path, blockInheritance: body.blockInheritance === true });
  return { body: presentOrgUnit(t, o) };
}

/** Renames or moves a unit; everything under it, users included, follows. */
function update(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const o = load(ctx);
  if (o.orgUnitPath === '/') throw googleError('admin', { code: 400, message: 'Cannot modify the root organizational unit.', reason: 'invalid' });
  const body = jsonObject(ctx, 'admin');
  const name = str(body.name)?.trim() ?? o.name;
  if (!name || name.includes('/')) throw E.invalidInput('name');
  const parent = body.parentOrgUnitId !== undefined || body.parentOrgUnitPath !== undefined ? parentFrom(t, body) : byKey(t, parentOf(o.orgUnitPath))!;
  const next = `${parent.orgUnitPath === '/' ? '' : parent.orgUnitPath}/${name}`;
  if (next.toLowerCase().startsWith(`${o.orgUnitPath.toLowerCase()}/`)) throw googleError('admin', { code: 400, message: 'Invalid Parent Orgunit Id', reason: 'invalid' });
  if (next.toLowerCase() !== o.orgUnitPath.toLowerCase() && byKey(t, next)) throw E.entityExists();
  const old = o.orgUnitPath;
  const move = (p: string) => (p === old ? next : p.startsWith(`${old}/`) ? next + p.slice(old.length) : p);
  for (const x of orgUnits(t).values()) if (x.id !== o.id && x.orgUnitPath.startsWith(`${old}/`)) orgUnits(t).put({ ...x, orgUnitPath: move(x.orgUnitPath) });
  for (const u of users(t).values()) if (u.orgUnitPath === old || u.orgUnitPath.startsWith(`${old}/`)) users(t).put({ ...u, orgUnitPath: move(u.orgUnitPath) });
  const updated = orgUnits(t).put({ ...o, name, orgUnitPath: next, description: str(body.description) ?? o.description, blockInheritance: typeof body.blockInheritance === 'boolean' ? body.blockInheritance : o.blockInheritance });
  return { body: presentOrgUnit(t, updated) };
}

function remove(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const o = load(ctx);
  const inside = (p: string) => p === o.orgUnitPath || p.startsWith(`${o.orgUnitPath}/`);
  if (o.orgUnitPath === '/' || users(t).find((u) => inside(u.orgUnitPath)) || orgUnits(t).find((x) => x.id !== o.id && inside(x.orgUnitPath))) {
    throw googleError('admin', { code: 400, message: 'Org unit cannot be deleted while it has users or child org units.', reason: 'invalid' });
  }
  orgUnits(t).delete(o.id);
  return { status: 204 };
}

export const adminOrgUnitHandlers = {
  'directory.orgunits.list': list,
  'directory.orgunits.get': get,
  'directory.orgunits.insert': insert,
  'directory.orgunits.update': update,
  'directory.orgunits.patch': update,
  'directory.orgunits.delete': remove,
} satisfies Handlers;
