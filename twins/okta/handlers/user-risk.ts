// A user's risk level: NONE until an admin (or a risk signal) sets it HIGH or LOW; an admin override says so in `reason`.
import type { OpContext } from '../../../src/core/handler.js';
import { validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { userActor } from '../store.js';
import { bodyObject, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

interface Risk { riskLevel: 'HIGH' | 'LOW'; reason: string }
const risks = (ctx: OpContext) => ctx.tenant.meta<Record<string, Risk>>('okta:userRisk', () => ({}));
const links = (ctx: OpContext, id: string) => ({ self: { href: `${ctx.baseUrl}/api/v1/users/${id}/risk`, hints: { allow: ['GET', 'PUT'] } }, user: { href: `${ctx.baseUrl}/api/v1/users/${id}` } });

export const userRiskHandlers = {
  getUserRisk: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    const r = risks(ctx)[u.id];
    return { status: 200, body: r ? { ...r, _links: links(ctx, u.id) } : { riskLevel: 'NONE', _links: links(ctx, u.id) } };
  },
  /** 201 when the user had no risk level yet, 200 when one is replaced (User Risk API, "Upsert the user's risk"). */
  upsertUserRisk: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    const level = bodyObject(ctx).riskLevel;
    if (level !== 'HIGH' && level !== 'LOW') throw validationError('riskLevel', 'Does not match required pattern');
    const all = risks(ctx);
    const existed = !!all[u.id];
    all[u.id] = { riskLevel: level, reason: 'Admin override risk' };
    ctx.tenant.setMeta('okta:userRisk', all);
    emit(ctx, { eventType: 'user.risk.change', displayMessage: 'User risk changed', target: [userActor(u)] });
    return { status: existed ? 200 : 201, body: { ...all[u.id], _links: links(ctx, u.id) } };
  },
} satisfies Handlers;
