// A user's System Log actor kept between events (store.ts sharedUserActor) is always what userActor would write now.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sharedUserActor, userActor, type UserDoc } from '../../twins/okta/store.js';

const name = fc.oneof(fc.constantFrom('Ann', 'Bo', '', 'ann@example.com'), fc.constant(null), fc.constant(undefined), fc.integer({ min: 0, max: 3 }), fc.constant({ n: 1 }));
/** One step on a user: a name or login set in place, the profile replaced, a name object changed inside, or just an event. */
const step = fc.oneof(
  fc.record({ set: fc.constantFrom('firstName', 'lastName', 'login'), to: name }),
  fc.record({ replace: fc.record({ firstName: name, lastName: name, login: name }) }),
  fc.constant({ inner: true }),
  fc.constant({ read: true }),
);

describe('sharedUserActor', () => {
  it('answers the actor userActor writes for the user as it stands, through any run of edits', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const u = { id: '00u1', status: 'ACTIVE', profile: { firstName: 'Ann', lastName: 'Lee', login: 'ann@example.com' } } as unknown as UserDoc;
        for (const s of steps) {
          const p = u.profile as Record<string, unknown>;
          if ('set' in s) p[s.set] = s.to;
          else if ('replace' in s) u.profile = { ...s.replace } as UserDoc['profile'];
          else if ('inner' in s) for (const k of ['firstName', 'lastName', 'login']) if (p[k] && typeof p[k] === 'object') (p[k] as Record<string, number>).n++;
          const actor = sharedUserActor(u);
          expect(actor).toEqual(userActor(u));
          expect(Object.isFrozen(actor)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
