/** admin.barriers.*: information barriers between IDP groups, validated as Slack's reference describes. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { list, need, type Args } from './args.js';
import { newId, nowSec, team } from '../store.js';
import { usergroups } from '../store.js';
import { method, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { BARRIER_SUBJECTS, barriers, type BarrierRecord } from '../model/barriers.js';

function view(ctx: OpContext, b: BarrierRecord): Record<string, unknown> {
  const g = (id: string) => ({ id, name: usergroups(ctx.tenant).get(id)?.name ?? '' });
  return { id: b.id, enterprise_id: team(ctx.tenant).enterprise_id, primary_usergroup: g(b.primary), barriered_from_usergroups: b.from.map(g), restricted_subjects: b.subjects, date_update: b.date_update };
}

/**
 * "For v1, we only support a list of all 3, eg im, mpim, call"
 * (https://docs.slack.dev/reference/methods/admin.barriers.create): anything
 * else is invalid_restricted_subjects.
 */
function subjects(a: Args): string[] {
  const s = list(a, 'restricted_subjects');
  if (!s) throw invalidArguments('missing required field: restricted_subjects');
  const set = new Set(s);
  if (set.size !== BARRIER_SUBJECTS.length || !BARRIER_SUBJECTS.every((x) => set.has(x))) throw new SlackError('invalid_restricted_subjects');
  return [...BARRIER_SUBJECTS];
}

/** The groups of a barrier, each checked to exist, and no pair already separated by another barrier (barrier_already_exists). */
function groups(ctx: OpContext, a: Args, except?: string): { primary: string; from: string[] } {
  const primary = need(a, 'primary_usergroup_id', 'primary_usergroup_not_found');
  if (!usergroups(ctx.tenant).get(primary)) throw new SlackError('primary_usergroup_not_found');
  const from = [...new Set(list(a, 'barriered_from_usergroup_ids') ?? [])];
  if (!from.length) throw invalidArguments('missing required field: barriered_from_usergroup_ids');
  if (from.some((g) => !usergroups(ctx.tenant).get(g))) throw new SlackError('barriered_from_usergroups_not_found');
  const pair = (x: string, y: string) => [x, y].sort().join('|');
  const wanted = new Set(from.map((g) => pair(primary, g)));
  for (const doc of barriers(ctx.tenant).values()) {
    const b = doc as unknown as BarrierRecord;
    if (b.id === except) continue;
    if (b.from.some((g) => wanted.has(pair(b.primary, g)))) throw new SlackError('barrier_already_exists');
  }
  return { primary, from };
}

const barrierArg = (ctx: OpContext, a: Args): BarrierRecord => {
  const b = barriers(ctx.tenant).get(need(a, 'barrier_id', 'barrier_not_found'));
  if (!b) throw new SlackError('barrier_not_found');
  return b as unknown as BarrierRecord;
};

export const barrierHandlers = {
  // https://docs.slack.dev/reference/methods/admin.barriers.create
  'admin.barriers.create': method((ctx, a) => {
    const g = groups(ctx, a);
    const b = { id: newId(ctx.tenant, 'Ba'), ...g, subjects: subjects(a), date_update: nowSec(ctx.tenant) };
    barriers(ctx.tenant).put(b);
    return { barrier: view(ctx, b) };
  }),
  // https://docs.slack.dev/reference/methods/admin.barriers.update — the same arguments as create, all required.
  'admin.barriers.update': method((ctx, a) => {
    const b = barrierArg(ctx, a);
    const g = groups(ctx, a, b.id);
    const out = { ...b, ...g, subjects: subjects(a), date_update: nowSec(ctx.tenant) };
    barriers(ctx.tenant).put(out);
    return { barrier: view(ctx, out) };
  }),
  'admin.barriers.delete': method((ctx, a) => {
    barriers(ctx.tenant).delete(barrierArg(ctx, a).id);
    return {};
  }),
  'admin.barriers.list': method((ctx, a) => {
    const all = barriers(ctx.tenant).values() as unknown as BarrierRecord[];
    const { page, next } = paginate(all, a, { kind: 'YmFycmllcg', defaultLimit: 100 });
    return { barriers: page.map((b) => view(ctx, b)), response_metadata: { next_cursor: next } };
  }),
} satisfies Handlers;
