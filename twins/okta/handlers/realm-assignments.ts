// Realm assignments: rules that place users in realms by an Okta expression, their lifecycle, and the operations that run them.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { evaluateRule, parseRuleExpression } from '../model/expression.js';
import { groups, oktaId, userGroupIds, users } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

const RULES = '/api/v1/realm-assignments';
const OPS = '/api/v1/realm-assignments/operations';
interface AssignmentDoc extends Doc {
  name: string; priority: number; status: 'ACTIVE' | 'INACTIVE'; isDefault: boolean;
  conditions: { profileSourceId?: string; expression?: { value: string } }; actions: { assignUserToRealm: { realmId: string } };
  created: string; lastUpdated: string;
}
interface OperationDoc extends Doc { type: string; status: string; created: string; started: string; completed: string; numUserMoved: number; realmId: string; realmName: string; assignmentOperation: Record<string, unknown> }

const rules = (ctx: OpContext) => ctx.tenant.collection<AssignmentDoc>(RULES);
/** Okta names the self link's relation and method, as for realms (terraform cassettes TestAccResourceOktaRealmAssignment_crud). */
const present = (ctx: OpContext, d: AssignmentDoc) => ({ ...structuredClone(d), _links: { self: { rel: 'self', href: `${ctx.baseUrl}${RULES}/${d.id}`, method: 'GET' } } });

function find(ctx: OpContext<{ assignmentId: string }>): AssignmentDoc {
  const d = rules(ctx).get(ctx.params.assignmentId);
  if (!d) throw notFound(ctx.params.assignmentId, 'RealmAssignment');
  return d;
}

/** Name, a realm that exists, and an expression the Okta Expression Language parser accepts. */
function fields(ctx: OpContext, b: Record<string, any>): Pick<AssignmentDoc, 'name' | 'priority' | 'conditions' | 'actions'> {
  if (typeof b.name !== 'string' || !b.name.trim()) throw validationError('name', 'The field cannot be left blank');
  const realmId = b.actions?.assignUserToRealm?.realmId;
  if (typeof realmId !== 'string' || !ctx.tenant.collection('/api/v1/realms').has(realmId)) throw validationError('actions.assignUserToRealm.realmId', 'The realm does not exist');
  const expr = b.conditions?.expression?.value;
  if (expr !== undefined) {
    try {
      parseRuleExpression(String(expr));
    } catch {
      throw validationError('conditions.expression.value', 'Invalid expression');
    }
  }
  const priority = typeof b.priority === 'number' ? b.priority : rules(ctx).size;
  return { name: b.name, priority, conditions: structuredClone(b.conditions ?? {}), actions: { assignUserToRealm: { realmId } } };
}

/** The users an assignment's expression selects (every user when it has none). */
function matches(ctx: OpContext, d: AssignmentDoc): number {
  const src = d.conditions.expression?.value;
  const expr = src ? parseRuleExpression(src) : undefined;
  return users(ctx.tenant).values().filter((u) => !expr || evaluateRule(expr, { profile: u.profile, groupIds: userGroupIds(ctx.tenant, u.id), groupName: (id) => groups(ctx.tenant).get(id)?.profile.name })).length;
}

const setStatus = (status: AssignmentDoc['status']) => (ctx: OpContext<{ assignmentId: string }>) => {
  rules(ctx).patch(find(ctx).id, { status, lastUpdated: nowIso(ctx) });
  return noContent();
};

export const realmAssignmentHandlers = {
  listRealmAssignments: (ctx) => ({ status: 200, body: rules(ctx).values().sort((a, b) => a.priority - b.priority).map((d) => present(ctx, d)) }),
  createRealmAssignment: (ctx) => {
    const now = nowIso(ctx);
    const d = rules(ctx).put({ id: oktaId(ctx.tenant, 'rul'), ...fields(ctx, bodyObject(ctx)), status: 'INACTIVE', isDefault: false, created: now, lastUpdated: now });
    // A new assignment answers 200 (terraform cassettes TestAccResourceOktaRealmAssignment_crud).
    return { status: 200, body: present(ctx, d) };
  },
  getRealmAssignment: (ctx) => ({ status: 200, body: present(ctx, find(ctx)) }),
  replaceRealmAssignment: (ctx) => {
    const d = find(ctx);
    return { status: 200, body: present(ctx, rules(ctx).patch(d.id, { ...fields(ctx, bodyObject(ctx)), lastUpdated: nowIso(ctx) })!) };
  },
  deleteRealmAssignment: (ctx) => {
    const d = find(ctx);
    if (d.status === 'ACTIVE') throw validationError('status', 'An ACTIVE realm assignment cannot be deleted');
    rules(ctx).delete(d.id);
    return noContent();
  },
  activateRealmAssignment: setStatus('ACTIVE'),
  deactivateRealmAssignment: setStatus('INACTIVE'),
  /** Runs an ACTIVE assignment over every user now; the twin completes the operation at once. */
  executeRealmAssignment: (ctx) => {
    const id = bodyObject(ctx).assignmentId;
    const d = typeof id === 'string' ? rules(ctx).get(id) : undefined;
    if (!d) throw notFound(String(id), 'RealmAssignment');
    if (d.status !== 'ACTIVE') throw validationError('assignmentId', 'Only an ACTIVE realm assignment can be executed');
    const realm = ctx.tenant.collection<Doc & { profile?: { name?: string } }>('/api/v1/realms').get(d.actions.assignUserToRealm.realmId);
    const now = nowIso(ctx);
    const op = ctx.tenant.collection<OperationDoc>(OPS).put({
      id: oktaId(ctx.tenant, 'rre'), type: 'realm:assignment', status: 'COMPLETED', created: now, started: now, completed: now, numUserMoved: matches(ctx, d),
      realmId: d.actions.assignUserToRealm.realmId, realmName: String(realm?.profile?.name ?? ''),
      assignmentOperation: { configuration: { id: d.id, name: d.name, conditions: d.conditions, actions: d.actions } },
    });
    return { status: 201, body: { ...op, _links: { self: { href: `${ctx.baseUrl}/api/v1/operations/${op.id}` } } } };
  },
  listRealmAssignmentOperations: (ctx) => ({ status: 200, body: ctx.tenant.collection<OperationDoc>(OPS).values().map((o) => ({ ...o, _links: { self: { href: `${ctx.baseUrl}/api/v1/operations/${o.id}` } } })) }),
} satisfies Handlers;
