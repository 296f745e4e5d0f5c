// Linked objects: relationship definitions (manager/subordinate) and the user-to-user links made with them.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { bodyObject, noContent, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface Side {
  name: string;
  title: string;
  description?: string;
  type: 'USER';
}

interface DefinitionDoc extends Doc {
  primary: Side;
  associated: Side;
}

/** One link: the associated user points at its primary user under a relationship. */
interface LinkDoc extends Doc {
  primaryName: string;
  primaryUserId: string;
  associatedUserId: string;
}

const defs = (t: Tenant) => t.collection<DefinitionDoc>('/api/v1/meta/schemas/user/linkedObjects');
const links = (t: Tenant) => t.collection<LinkDoc>('okta:linkedObjects');

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function side(body: Record<string, any> | undefined, which: string): Side {
  if (!body || typeof body.name !== 'string' || !NAME.test(body.name)) throw validationError(`${which}.name`, 'The field cannot be left blank');
  if (typeof body.title !== 'string' || !body.title) throw validationError(`${which}.title`, 'The field cannot be left blank');
  return { name: body.name, title: body.title, ...(typeof body.description === 'string' ? { description: body.description } : {}), type: 'USER' };
}

function present(ctx: OpContext, d: DefinitionDoc) {
  const { id: _id, ...rest } = structuredClone(d);
  return { ...rest, _links: { self: { href: `${ctx.baseUrl}/api/v1/meta/schemas/user/linkedObjects/${d.primary.name}` } } };
}

/** A definition by either side's name (Okta accepts both). */
function find(ctx: OpContext, name: string): { def: DefinitionDoc; primary: boolean } {
  const def = defs(ctx.tenant).find((d) => d.primary.name === name || d.associated.name === name);
  if (!def) throw notFound(name, 'LinkedObjectProperty');
  return { def, primary: def.primary.name === name };
}

export const linkedObjectHandlers = {
  listLinkedObjectDefinitions: (ctx) => ({ status: 200, body: defs(ctx.tenant).values().map((d) => present(ctx, d)) }),
  addLinkedObjectDefinition: (ctx) => {
    const body = bodyObject(ctx);
    const primary = side(body.primary, 'primary');
    const associated = side(body.associated, 'associated');
    const taken = (n: string) => defs(ctx.tenant).find((d) => [d.primary.name, d.associated.name].includes(n));
    if (taken(primary.name) || taken(associated.name) || primary.name === associated.name) throw validationError('name', 'An object with this field already exists in the current organization');
    const d = defs(ctx.tenant).put({ id: primary.name, primary, associated });
    return { status: 201, body: present(ctx, d) };
  },
  getLinkedObjectDefinition: (ctx) => ({ status: 200, body: present(ctx, find(ctx, ctx.params.linkedObjectName).def) }),
  deleteLinkedObjectDefinition: (ctx) => {
    const { def } = find(ctx, ctx.params.linkedObjectName);
    defs(ctx.tenant).delete(def.id);
    for (const l of links(ctx.tenant).filter((x) => x.primaryName === def.primary.name)) links(ctx.tenant).delete(l.id);
    return noContent();
  },
  // PUT /users/{associated}/linkedObjects/{primaryName}/{primaryUserId}
  setLinkedObjectForUser: (ctx) => {
    const associated = requireUser(ctx, ctx.params.associatedUserId);
    const primaryUser = requireUser(ctx, ctx.params.primaryUserId);
    const { def, primary } = find(ctx, ctx.params.primaryRelationshipName);
    if (!primary) throw validationError('primaryRelationshipName', 'The relationship name must be the primary name');
    // An associated user has one primary per relationship: a new link replaces the old one.
    links(ctx.tenant).put({ id: `${def.primary.name}:${associated.id}`, primaryName: def.primary.name, primaryUserId: primaryUser.id, associatedUserId: associated.id });
    return noContent();
  },
  // GET /users/{id}/linkedObjects/{name}: the primary (by associated name) or the associated users (by primary name).
  getLinkedObjectsForUser: (ctx) => {
    const user = requireUser(ctx, ctx.params.userId);
    const { def, primary } = find(ctx, ctx.params.relationshipName);
    const found = primary
      ? links(ctx.tenant).filter((l) => l.primaryName === def.primary.name && l.associatedUserId === user.id).map((l) => l.primaryUserId)
      : links(ctx.tenant).filter((l) => l.primaryName === def.primary.name && l.primaryUserId === user.id).map((l) => l.associatedUserId);
    return { status: 200, body: found.map((id) => ({ _links: { self: { href: `${ctx.baseUrl}/api/v1/users/${id}` } } })) };
  },
  removeLinkedObjectForUser: (ctx) => {
    const user = requireUser(ctx, ctx.params.userId);
    const { def } = find(ctx, ctx.params.relationshipName);
    links(ctx.tenant).delete(`${def.primary.name}:${user.id}`);
    return noContent();
  },
} satisfies Handlers;
