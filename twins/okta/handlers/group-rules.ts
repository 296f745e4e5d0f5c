// Group rules: created INACTIVE, editable only while INACTIVE, and on activation they really assign matching users.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaError, oktaErrorWith, validationError } from '../errors.js';
import { page } from '../present/paging.js';
import { applyRuleToAll, compileRule, groupRules, removeRuleMemberships, type GroupRuleDoc } from '../model/group-rules.js';
import { groups, oktaId } from '../store.js';
import { bodyObject, flag, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

type Ctx = OpContext<{ ruleId: string }>;

function requireRule(ctx: OpContext, id: string): GroupRuleDoc {
  const r = groupRules(ctx.tenant).get(id);
  if (!r) throw notFound(id, 'GroupRule');
  return r;
}

/** Checks a rule body the way Okta does and returns its normalized parts. */
/** Okta stores both exclusion lists, empty unless given (terraform cassettes: `"people": {"users": {}}` answers both `exclude: []`). */
function rulePeople(given: unknown): NonNullable<GroupRuleDoc['conditions']['people']> {
  const p = (given && typeof given === 'object' ? given : {}) as Record<string, any>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return { users: { exclude: list(p.users?.exclude) }, groups: { exclude: list(p.groups?.exclude) } };
}

function checkRule(ctx: OpContext, body: Record<string, any>, selfId?: string): Pick<GroupRuleDoc, 'name' | 'conditions' | 'actions'> {
  const name = body.name;
  if (typeof name !== 'string' || !name.trim()) throw validationError('name', 'The field cannot be left blank');
  if (name.length > 50) throw validationError('name', 'The field is too long');
  if (groupRules(ctx.tenant).find((r) => r.id !== selfId && r.name.toLowerCase() === name.toLowerCase())) {
    throw validationError('name', 'An object with this field already exists in the current organization');
  }
  const conditions = {
    people: rulePeople(body.conditions?.people),
    expression: { value: body.conditions?.expression?.value, type: body.conditions?.expression?.type ?? 'urn:okta:expression:1.0' },
  } as GroupRuleDoc['conditions'];
  compileRule({ conditions });
  const groupIds = body.actions?.assignUserToGroups?.groupIds;
  if (!Array.isArray(groupIds) || !groupIds.length) throw validationError('actions.assignUserToGroups.groupIds', 'The field cannot be left blank');
  for (const gid of groupIds) {
    const g = groups(ctx.tenant).get(String(gid));
    if (!g) throw notFound(String(gid), 'UserGroup');
    // Rules can only assign to groups Okta itself masters.
    if (g.type !== 'OKTA_GROUP') throw validationError('actions.assignUserToGroups.groupIds', `Group ${g.id} is not an Okta group`);
  }
  return { name, conditions, actions: { assignUserToGroups: { groupIds: groupIds.map(String) } } };
}

function present(ctx: OpContext, r: GroupRuleDoc) {
  const out: Record<string, unknown> = structuredClone(r);
  const expand = String((ctx.query as Record<string, unknown>).expand ?? '');
  if (expand.split(',').includes('groupIdToGroupNameMap')) {
    const map: Record<string, string> = {};
    for (const id of r.actions.assignUserToGroups.groupIds) map[id] = groups(ctx.tenant).get(id)?.profile.name ?? '';
    out._embedded = { groupIdToGroupNameMap: map };
  }
  return out;
}

const createGroupRule = (ctx: OpContext) => {
  const body = bodyObject(ctx);
  const parts = checkRule(ctx, body);
  const now = nowIso(ctx);
  const rule: GroupRuleDoc = { id: oktaId(ctx.tenant, '0pr'), type: 'group_rule', status: 'INACTIVE', created: now, lastUpdated: now, allGroupsValid: true, ...parts };
  groupRules(ctx.tenant).put(rule);
  return { status: 200, body: present(ctx, rule) };
};

const updateGroupRule = (ctx: Ctx) => {
  const rule = requireRule(ctx, ctx.params.ruleId);
  // An active rule must be deactivated before it can be changed.
  if (rule.status === 'ACTIVE') throw oktaErrorWith('E0000001', ['status'], { causes: ['status: Cannot update a rule in ACTIVE status. Deactivate the rule first.'] });
  const parts = checkRule(ctx, bodyObject(ctx), rule.id);
  const next = groupRules(ctx.tenant).put({ ...rule, ...parts, status: 'INACTIVE', allGroupsValid: true, lastUpdated: nowIso(ctx) });
  return { status: 200, body: present(ctx, next) };
};

const activateGroupRule = (ctx: Ctx) => {
  const rule = requireRule(ctx, ctx.params.ruleId);
  if (rule.status === 'INVALID') throw oktaError('E0000038');
  const next = groupRules(ctx.tenant).patch(rule.id, { status: 'ACTIVE', lastUpdated: nowIso(ctx) })!;
  applyRuleToAll(ctx.tenant, next);
  return noContent();
};

const deactivateGroupRule = (ctx: Ctx) => {
  const rule = requireRule(ctx, ctx.params.ruleId);
  groupRules(ctx.tenant).patch(rule.id, { status: rule.status === 'INVALID' ? 'INVALID' : 'INACTIVE', lastUpdated: nowIso(ctx) });
  return noContent();
};

const deleteGroupRule = (ctx: Ctx) => {
  const rule = requireRule(ctx, ctx.params.ruleId);
  // `removeUsers=true` also takes back the memberships the rule made; by default they stay.
  if (flag(ctx.query, 'removeUsers', false)) removeRuleMemberships(ctx.tenant, rule);
  groupRules(ctx.tenant).delete(rule.id);
  // Okta accepts the deletion with an empty JSON object (terraform and okta-sdk-python cassettes: 202 `{}`).
  return { status: 202, body: {} };
};

const listGroupRules = (ctx: OpContext) => {
  const q = ctx.query as Record<string, unknown>;
  let list = groupRules(ctx.tenant).values();
  if (typeof q.search === 'string' && q.search) {
    const needle = q.search.toLowerCase();
    list = list.filter((r) => r.name.toLowerCase().includes(needle));
  }
  return page(ctx, list, { defaultLimit: 50, maxLimit: 200, present: (r: GroupRuleDoc) => present(ctx, r) });
};

export const groupRuleHandlers = {
  createGroupRule,
  listGroupRules,
  getGroupRule: (ctx) => ({ status: 200, body: present(ctx, requireRule(ctx, ctx.params.ruleId)) }),
  updateGroupRule,
  activateGroupRule,
  deactivateGroupRule,
  deleteGroupRule,
} satisfies Handlers;
