// Group rules as a domain: parse and check a rule, and re-evaluate memberships when users or rules change.
import type { Collection, Doc, Tenant } from '../../../src/core/tenant.js';
import { TwinBug } from '../../../src/core/errors.js';
import { checkingIndexes } from '../../../src/core/lookup.js';
import { validationError } from '../errors.js';
import { evaluateRule, parseRuleExpression, type ExprEnv, type RuleExpression } from './expression.js';
import {
  KEYS, SYSTEM_ACTOR, addMember, groupTarget, groups, membershipsByRule, removeMember, userActor, userGroupIds, userMemberships, users,
  type UserDoc,
} from '../store.js';
import { record } from './events.js';

export interface GroupRuleDoc extends Doc {
  type: 'group_rule';
  status: 'ACTIVE' | 'INACTIVE' | 'INVALID';
  name: string;
  created: string;
  lastUpdated: string;
  conditions: {
    people?: { users?: { exclude?: string[] }; groups?: { exclude?: string[] } };
    expression: { value: string; type: string };
  };
  actions: { assignUserToGroups: { groupIds: string[] } };
  allGroupsValid?: boolean;
}

export const groupRules = (t: Tenant) => t.collection<GroupRuleDoc>(KEYS.groupRules);

/** Parses a rule's expression, or answers Okta's 400 for an invalid one. */
export function compileRule(rule: Pick<GroupRuleDoc, 'conditions'>): RuleExpression {
  const src = rule.conditions?.expression?.value;
  if (typeof src !== 'string' || !src.trim()) throw validationError('conditions.expression.value', 'The field cannot be left blank');
  try {
    return parseRuleExpression(src);
  } catch (e) {
    throw validationError('conditions.expression.value', `Invalid expression: ${(e as Error).message}`);
  }
}

/** `ids` are the user's group ids when the caller already has them (one user's rules, evaluated in turn). */
function matches(tenant: Tenant, rule: GroupRuleDoc, expr: RuleExpression, user: UserDoc, ids = userGroupIds(tenant, user.id), env?: ExprEnv): boolean {
  if (user.status === 'DEPROVISIONED') return false;
  if (rule.conditions.people?.users?.exclude?.includes(user.id)) return false;
  if (rule.conditions.people?.groups?.exclude?.some((g) => ids.includes(g))) return false;
  return evaluateRule(expr, env ?? ruleEnv(tenant, user, ids));
}

/** What a rule's expression reads of a user: one per user and groups, shared by the rules evaluated in turn. */
function ruleEnv(tenant: Tenant, user: UserDoc, ids: string[]): ExprEnv {
  return { profile: user.profile, groupIds: ids, groupName: (id) => groups(tenant).get(id)?.profile.name };
}

/** Adds the rule's memberships the user lacks; says whether it added any. */
function assign(tenant: Tenant, rule: GroupRuleDoc, user: UserDoc): boolean {
  let added = false;
  for (const gid of rule.actions.assignUserToGroups.groupIds) {
    const g = groups(tenant).get(gid);
    if (!g) continue;
    if (addMember(tenant, gid, user.id, rule.id)) {
      added = true;
      record(tenant, {
        eventType: 'group.user_membership.add',
        displayMessage: 'Add user to group membership',
        actor: SYSTEM_ACTOR,
        target: [userActor(user), groupTarget(g)],
        debugData: { triggeredByGroupRuleId: rule.id },
      });
    }
  }
  return added;
}

/** Removes the memberships the rule made for the user (`mine`: the user's memberships, when at hand); says whether any went. */
function unassign(tenant: Tenant, rule: GroupRuleDoc, user: UserDoc, mine = userMemberships(tenant, user.id)): boolean {
  // The user's own memberships, not every membership the rule made: a rule over most of a large org would
  // otherwise make each user's re-evaluation cost the org.
  let removed = false;
  for (const m of mine) {
    if (m.ruleId !== rule.id) continue;
    const g = groups(tenant).get(m.groupId);
    const had = removeMember(tenant, m.groupId, m.userId);
    removed ||= had;
    if (had && g) {
      record(tenant, {
        eventType: 'group.user_membership.remove',
        displayMessage: 'Remove user from group membership',
        actor: SYSTEM_ACTOR,
        target: [userActor(user), groupTarget(g)],
        debugData: { triggeredByGroupRuleId: rule.id },
      });
    }
  }
  return removed;
}

/**
 * Re-evaluates every active rule for one user (after create or profile update):
 * matching users join the rule's groups, and rule-made memberships that no longer
 * match are removed. Rules can depend on group membership, so this runs to a fixed point.
 * `created`: the groups a user created just now was put in, in order (none of them by a rule), so its
 * memberships need not be read back.
 */
export function applyRulesToUser(tenant: Tenant, user: UserDoc, created?: string[]): void {
  const active = activeRules(tenant);
  // An org without active rules (or whose rules do not parse) has nothing to evaluate: not even the user's memberships.
  if (!active.length) return;
  if (created && checkingIndexes && created.join() !== userGroupIds(tenant, user.id).join()) {
    throw new TwinBug(`a new user's groups ${created.join()} differ from its memberships`);
  }
  // The user's memberships are read again only after a rule changed them (every create evaluates every rule);
  // a new user's carry no rule, so there is none for a rule to take back.
  let mine = created ? [] : userMemberships(tenant, user.id);
  let ids = created ?? mine.map((m) => m.groupId);
  for (let pass = 0; pass < 5; pass++) {
    const before = ids;
    let env = ruleEnv(tenant, user, ids);
    for (const [rule, expr] of active) {
      const changed = matches(tenant, rule, expr, user, ids, env) ? assign(tenant, rule, user) : unassign(tenant, rule, user, mine);
      if (changed) {
        mine = userMemberships(tenant, user.id);
        ids = mine.map((m) => m.groupId);
        env = ruleEnv(tenant, user, ids);
      }
    }
    // Unchanged unless a rule changed them (then read again, and compared as the text of the ids).
    if (ids === before || ids.join(',') === before.join(',')) break;
  }
}

/**
 * Evaluates one rule against every user (on activation): matching users join its groups, and
 * memberships it made earlier that its (possibly edited) expression no longer matches are removed
 * (okta-sdk-nodejs test/it/group-rule-operations.ts: an edited, re-activated rule drops the user).
 */
export function applyRuleToAll(tenant: Tenant, rule: GroupRuleDoc): void {
  const expr = safeCompile(rule);
  if (!expr) return;
  for (const user of users(tenant).values()) {
    if (matches(tenant, rule, expr, user)) assign(tenant, rule, user);
    else unassign(tenant, rule, user);
  }
}

/** Removes the memberships a rule made (delete with `removeUsers=true`). */
export function removeRuleMemberships(tenant: Tenant, rule: GroupRuleDoc): void {
  for (const m of membershipsByRule(tenant, rule.id)) {
    const u = users(tenant).get(m.userId);
    if (u) unassign(tenant, rule, u);
    else removeMember(tenant, m.groupId, m.userId);
  }
}

/**
 * The org's active rules that parse, with their expressions, in collection order: every user create and
 * profile update evaluates them, so they are kept until the rules collection is next written (its watcher
 * drops them) or changed unannounced (its epoch moves). `DTU_CHECK_CACHES=1` works them out again on every
 * read and fails on a difference.
 */
const kept = new WeakMap<Collection<GroupRuleDoc>, { epoch: number; rules: Array<[GroupRuleDoc, RuleExpression]> }>();
const watched = new WeakSet<Collection<GroupRuleDoc>>();
const CHECK = process.env.DTU_CHECK_CACHES === '1';

function activeRules(tenant: Tenant): Array<[GroupRuleDoc, RuleExpression]> {
  const col = groupRules(tenant);
  let k = kept.get(col);
  if (!k || k.epoch !== col.epoch) {
    if (!watched.has(col)) {
      watched.add(col);
      col.watch(() => kept.delete(col));
    }
    k = { epoch: col.epoch, rules: readActive(col) };
    kept.set(col, k);
  } else if (CHECK) {
    const fresh = readActive(col);
    if (fresh.length !== k.rules.length || fresh.some(([r, e], i) => r !== k!.rules[i][0] || JSON.stringify(e) !== JSON.stringify(k!.rules[i][1]))) {
      throw new TwinBug(`kept active group rules of ${tenant.name} differ from the rules collection`);
    }
  }
  return k.rules;
}

function readActive(col: Collection<GroupRuleDoc>): Array<[GroupRuleDoc, RuleExpression]> {
  const out: Array<[GroupRuleDoc, RuleExpression]> = [];
  for (const r of col.iterate()) {
    if (r.status !== 'ACTIVE') continue;
    const expr = safeCompile(r);
    if (expr) out.push([r, expr]);
  }
  return out;
}

/** Parsed expressions by source text: every user create or profile update evaluates every active rule. */
const parsed = new Map<string, RuleExpression | null>();

function safeCompile(rule: GroupRuleDoc): RuleExpression | undefined {
  const src = rule.conditions.expression.value;
  let expr = parsed.get(src);
  if (expr === undefined) {
    try {
      expr = parseRuleExpression(src);
    } catch {
      expr = null;
    }
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(src, expr);
  }
  return expr ?? undefined;
}
