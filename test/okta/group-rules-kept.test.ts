/**
 * The active group rules a user write evaluates are kept between writes (model/group-rules.ts): random rule
 * writes (create, activate, deactivate, replace, delete) interleaved with user creates must leave every new
 * user in exactly the groups the org's active rules give it, worked out afresh from the rules the API lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { definition } from '../../twins/okta/index.js';

const DEPARTMENTS = ['Eng', 'Sales', 'HR'] as const;

type Step =
  | { kind: 'rule'; dept: number; group: number }
  | { kind: 'activate' | 'deactivate' | 'delete'; rule: number }
  | { kind: 'replace'; rule: number; dept: number }
  | { kind: 'user'; dept: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('rule' as const), dept: fc.nat(2), group: fc.nat(2) }),
  fc.record({ kind: fc.constantFrom('activate' as const, 'deactivate' as const, 'delete' as const), rule: fc.nat(5) }),
  fc.record({ kind: fc.constant('replace' as const), rule: fc.nat(5), dept: fc.nat(2) }),
  fc.record({ kind: fc.constant('user' as const), dept: fc.nat(2) }),
);

let twin: Twin;
let run = 0;
/** Users created across runs: the property must have checked some. */
let users = 0;
beforeAll(() => {
  twin = createTwin(definition(), { fixture: 'empty' });
});
afterAll(() => twin.close());

describe('kept active group rules', () => {
  it('give each new user the groups its org’s current active rules give it (fast-check)', async () => {
    await fc.assert(
      // Every run ends with a user create, so each run checks at least one user after its rule writes
      // (fast-check favours short arrays, so a count of random user steps alone varied run to run).
      fc.asyncProperty(fc.tuple(fc.array(step, { minLength: 1, maxLength: 25 }), fc.nat(2)).map(([steps, dept]) => [...steps, { kind: 'user' as const, dept }]), async (steps) => {
        const base = `http://okta.rules.test/t/kept-rules-${++run}`;
        const token = ((await (await twin.fetch(new Request(`${base}/_dtu/okta/credentials/ssws`))).json()) as { token: string }).token;
        const call = async (method: string, path: string, body?: unknown) => {
          const res = await twin.fetch(new Request(`${base}${path}`, { method, headers: { authorization: `SSWS ${token}`, accept: 'application/json', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));
          return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as any) };
        };
        const groups: string[] = [];
        for (const name of ['G0', 'G1', 'G2']) groups.push((await call('POST', '/api/v1/groups', { profile: { name } })).body.id);
        const rules: string[] = [];
        const ruleBody = (dept: number, group: number, name: string) => ({
          type: 'group_rule',
          name,
          conditions: { expression: { value: `user.department=="${DEPARTMENTS[dept]}"`, type: 'urn:okta:expression:1.0' } },
          actions: { assignUserToGroups: { groupIds: [groups[group]] } },
        });
        let n = 0;
        for (const s of steps) {
          const id = 'rule' in s ? rules[s.rule % Math.max(rules.length, 1)] : undefined;
          if (s.kind === 'rule') rules.push((await call('POST', '/api/v1/groups/rules', ruleBody(s.dept, s.group, `rule ${++n}`))).body.id);
          else if (s.kind !== 'user' && !id) continue;
          else if (s.kind === 'activate' || s.kind === 'deactivate') await call('POST', `/api/v1/groups/rules/${id}/lifecycle/${s.kind}`);
          else if (s.kind === 'delete') {
            await call('DELETE', `/api/v1/groups/rules/${id}?removeUsers=false`);
            rules.splice(rules.indexOf(id!), 1);
          } else if (s.kind === 'replace') {
            const current = (await call('GET', `/api/v1/groups/rules/${id}`)).body;
            // Okta refuses to replace an active rule; that refusal must leave the kept rules as they were.
            await call('PUT', `/api/v1/groups/rules/${id}`, { ...ruleBody(s.dept, groups.indexOf(current.actions.assignUserToGroups.groupIds[0]), current.name), id });
          }
          if (s.kind !== 'user') continue;
          users++;
          const login = `u${++n}@example.com`;
          const user = await call('POST', '/api/v1/users?activate=false', { profile: { firstName: 'U', lastName: 'N', email: login, login, department: DEPARTMENTS[s.dept] } });
          expect(user.status).toBe(200);
          const listed = (await call('GET', '/api/v1/groups/rules?limit=200')).body as any[];
          const expected = new Set<string>();
          for (const r of listed) {
            if (r.status === 'ACTIVE' && r.conditions.expression.value === `user.department=="${DEPARTMENTS[s.dept]}"`) for (const g of r.actions.assignUserToGroups.groupIds) expected.add(g);
          }
          const joined = ((await call('GET', `/api/v1/users/${user.body.id}/groups`)).body as any[]).map((g) => g.id).filter((g: string) => groups.includes(g));
          expect(new Set(joined)).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
    expect(users).toBeGreaterThanOrEqual(25);
  });
});
