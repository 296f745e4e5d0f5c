// Hook keys: RSA key pairs Okta holds for signing inline hook requests; only the public half is ever published.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { pooledRsaKey } from '../../../src/core/keypool.js';
import { notFound, validationError } from '../errors.js';
import { page } from '../present/paging.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

interface HookKeyDoc extends Doc { name: string; keyId: string; isUsed: boolean; created: string; lastUpdated: string; n: string; e: string }

const keys = (ctx: OpContext) => ctx.tenant.collection<HookKeyDoc>('/api/v1/hook-keys');
const present = (k: HookKeyDoc) => ({ id: k.id, keyId: k.keyId, name: k.name, isUsed: k.isUsed, created: k.created, lastUpdated: k.lastUpdated });
const jwk = (k: HookKeyDoc) => ({ alg: 'RS256', e: k.e, kid: k.keyId, kty: 'RSA', n: k.n, use: null });

function find(ctx: OpContext<{ hookKeyId: string }>): HookKeyDoc {
  const k = keys(ctx).get(ctx.params.hookKeyId);
  if (!k) throw notFound(ctx.params.hookKeyId, 'HookKey');
  return k;
}

function nameOf(ctx: OpContext, self?: string): string {
  const name = bodyObject(ctx).name;
  if (typeof name !== 'string' || !name.trim()) throw validationError('name', 'The field cannot be left blank');
  if (keys(ctx).find((k) => k.name === name && k.id !== self)) throw validationError('name', 'A key with this name already exists');
  return name;
}

export const hookKeyHandlers = {
  listHookKeys: (ctx) => page(ctx, keys(ctx).values(), { defaultLimit: 20, maxLimit: 200, present }),
  createHookKey: (ctx) => {
    const name = nameOf(ctx);
    const now = nowIso(ctx);
    // Key material from the committed pool, picked by tenant and sequence, so the same seed gives the same keys.
    const seq = ctx.tenant.meta('okta:hookKeySeq', () => ({ n: 0 }));
    const k = pooledRsaKey(`${ctx.tenant.name}:hook-key`, seq.n++);
    ctx.tenant.markDirty();
    const doc = keys(ctx).put({ id: oktaId(ctx.tenant, 'hks'), keyId: ctx.tenant.random.uuid(), name, isUsed: false, created: now, lastUpdated: now, n: k.n, e: k.e });
    return { status: 200, body: { ...present(doc), _embedded: jwk(doc) } };
  },
  getHookKey: (ctx) => ({ status: 200, body: present(find(ctx)) }),
  replaceHookKey: (ctx) => {
    const k = find(ctx);
    const next = keys(ctx).patch(k.id, { name: nameOf(ctx, k.id), lastUpdated: nowIso(ctx) })!;
    return { status: 200, body: { ...present(next), _embedded: jwk(next) } };
  },
  deleteHookKey: (ctx) => {
    const k = find(ctx);
    keys(ctx).delete(k.id);
    return noContent();
  },
  getPublicKey: (ctx) => {
    const k = keys(ctx).find((x) => x.keyId === ctx.params.keyId);
    if (!k) throw notFound(ctx.params.keyId, 'HookKey');
    return { status: 200, body: jwk(k) };
  },
} satisfies Handlers;
