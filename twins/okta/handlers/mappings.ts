// Profile Mappings API: list (by source/target), read and update the mappings Okta keeps between Okta user types and app/IdP profiles.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { MAPPINGS, syncMappings, updateMappingProperties, type MappingDoc, type MappingEnd } from '../model/mappings.js';
import { bodyObject } from './common.js';
import { page } from '../present/paging.js';
import type { Handlers } from '../generated/operations.js';
import { BASE_USER, customUserAttributes } from './schemas.js';

/** Where a mapping end's profile lives: a user type and its schema, or an app (IdPs use the app paths too) and its user schema. */
function end(ctx: OpContext, e: MappingEnd) {
  const links = e.type === 'user'
    ? { self: { href: `${ctx.baseUrl}/api/v1/meta/types/user/${e.id}` }, schema: { href: `${ctx.baseUrl}/api/v1/meta/schemas/user/osc${e.id.slice(3)}` } }
    : { self: { href: `${ctx.baseUrl}/api/v1/apps/${e.id}` }, schema: { href: `${ctx.baseUrl}/api/v1/meta/schemas/apps/${e.id}/default` } };
  return { ...e, _links: links };
}

/** Lists leave the properties out; a read carries them. */
const present = (ctx: OpContext, m: MappingDoc, full: boolean) => ({
  id: m.id,
  source: end(ctx, m.source),
  target: end(ctx, m.target),
  ...(full ? { properties: structuredClone(m.properties) } : {}),
  _links: { self: { href: `${ctx.baseUrl}${MAPPINGS}/${m.id}` } },
});

function requireMapping(ctx: OpContext, id: string): MappingDoc {
  const m = syncMappings(ctx.tenant).get(id) as MappingDoc | undefined;
  if (!m) throw notFound(id, 'PropertyMapping');
  return m;
}

export const mappingHandlers = {
  listProfileMappings: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    let list = syncMappings(ctx.tenant).values() as MappingDoc[];
    if (typeof q.sourceId === 'string' && q.sourceId) list = list.filter((m) => m.source.id === q.sourceId);
    if (typeof q.targetId === 'string' && q.targetId) list = list.filter((m) => m.target.id === q.targetId);
    return page(ctx, list, { defaultLimit: 20, maxLimit: 200, present: (m: MappingDoc) => present(ctx, m, false) });
  },
  getProfileMapping: (ctx) => ({ status: 200, body: present(ctx, requireMapping(ctx, ctx.params.mappingId), true) }),
  updateProfileMapping: (ctx) => {
    const m = requireMapping(ctx, ctx.params.mappingId);
    const body = bodyObject(ctx);
    if (!body.properties || typeof body.properties !== 'object' || Array.isArray(body.properties)) throw validationError('properties', 'The field cannot be left blank');
    for (const [k, v] of Object.entries(body.properties as Record<string, unknown>)) {
      if (v !== null && (typeof v !== 'object' || typeof (v as { expression?: unknown }).expression !== 'string')) throw validationError(k, 'A mapped property needs an expression');
    }
    // A mapping into an Okta user profile may only set attributes its schema defines (okta-sdk-python cassettes:
    // an undefined target property is refused with "Invalid target field <name>"; removing one with null is not checked).
    if (m.target.type === 'user') {
      const custom = customUserAttributes(ctx.tenant);
      const bad = Object.entries(body.properties as Record<string, unknown>).find(([k, v]) => v !== null && !(k in BASE_USER) && !(k in custom));
      if (bad) throw oktaErrorWith('E0000001', ['updateMapping'], { causes: [`Invalid target field ${bad[0]}`] });
    }
    const next = updateMappingProperties(m, body.properties);
    ctx.tenant.collection<MappingDoc>(MAPPINGS).put(next);
    return { status: 200, body: present(ctx, next, true) };
  },
} satisfies Handlers;
