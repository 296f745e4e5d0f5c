/** Each twin's common headers: a new record with lower-case names on every call, since the engine adds a reply's headers to it. */
import { describe, expect, it } from 'vitest';
import { createTwin, type TwinDefinition } from '../../src/core/twin.js';
import { definition as okta } from '../../twins/okta/index.js';
import { definition as slack } from '../../twins/slack/index.js';
import { definition as jira } from '../../twins/jira/index.js';
import { definition as google } from '../../twins/google/index.js';

describe('common headers', () => {
  for (const [name, def] of [['okta', okta], ['slack', slack], ['jira', jira], ['google', google]] as Array<[string, () => TwinDefinition]>) {
    it(`${name}: a fresh record with lower-case names, with and without a tenant`, async () => {
      const twin = createTwin(def());
      try {
        for (const tenant of [twin.tenant(), undefined]) {
          const a = twin.def.commonHeaders!(twin, tenant);
          const b = twin.def.commonHeaders!(twin, tenant);
          expect(a).not.toBe(b);
          expect(Object.isFrozen(a)).toBe(false);
          for (const k of Object.keys(a)) expect(k, `${name} ${k}`).toBe(k.toLowerCase());
        }
      } finally {
        await twin.close();
      }
    });
  }
});
