// A user's reply written as text (present/users.ts presentUserText) is JSON.stringify of the presented user, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { definition } from '../../twins/okta/index.js';
import { presentUser, presentUserText } from '../../twins/okta/present/users.js';
import type { UserDoc, UserStatus } from '../../twins/okta/store.js';

let twin: Twin;
beforeAll(() => {
  twin = createTwin(definition(), { seed: 'user-text', fixture: 'empty' });
});
afterAll(async () => {
  await twin.close();
});

const STATUSES: UserStatus[] = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'];
// Text with everything JSON escapes: quotes, backslashes, control characters, non-ASCII and lone surrogates.
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '"', '\\', '\n', '\u0001', '\u007f', 'é', '\u2028', '\ud800', '/', ':', ' ') });
const id = fc.oneof(fc.stringMatching(/^00u[A-Za-z0-9]{17}$/), text);
const value = fc.oneof(text, fc.constant(null), fc.integer(), fc.boolean(), fc.array(text, { maxLength: 2 }));

const user = fc.record({
  id,
  status: fc.oneof(fc.constantFrom(...STATUSES), fc.constant('UNKNOWN' as UserStatus)),
  typeId: fc.oneof(fc.stringMatching(/^oty[A-Za-z0-9]{17}$/), text),
  profile: fc.dictionary(fc.oneof(text, fc.constantFrom('login', 'email', 'firstName', 'mobilePhone', '__proto__')), value, { maxKeys: 6 }),
  extra: fc.dictionary(fc.constantFrom('_links', 'realmId', 'passwordChanged', 'lastLogin', 'credentials', 'toJSON'), value, { maxKeys: 2 }),
});
const base = fc.oneof(fc.constantFrom('http://okta.text.test', 'https://dev-1.okta.com', 'http://127.0.0.1:4011'), text);

describe('presentUserText', () => {
  it('writes exactly what serializing presentUser gives, whatever the status, ids, base URL and fields', () => {
    const tenant = twin.tenant();
    fc.assert(
      fc.property(user, base, (u, baseUrl) => {
        const doc = { id: u.id, status: u.status, created: 'c', lastUpdated: 'l', ...u.extra, type: { id: u.typeId }, profile: u.profile } as unknown as UserDoc;
        const ctx = { baseUrl, tenant };
        expect(presentUserText(ctx, doc)).toBe(JSON.stringify(presentUser(ctx, doc)));
      }),
      { numRuns: 2000 },
    );
  });
});
