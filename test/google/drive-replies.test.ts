// Kept files.get and files.list answers (drive/handlers/files.ts, list.ts, src/core/reply-cache.ts): after any write, to the file or to what it shows, each caller's next read sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Twin } from '../../src/core/twin.js';
import { createVendorTwin } from '../../src/vendors.js';
import { jsonCalls } from '../helpers/json-calls.js';

const ORIGIN = 'http://google.replies.test';
let twin: Twin;
let admin: string;
let adminEmail: string;
let other: { email: string; token: string };
let fileId: string;

const json = jsonCalls(() => twin, ORIGIN, () => ({ authorization: `Bearer ${admin}` }));
const ok = json.ok;
const call = (token: string, method: string, path: string, body?: unknown) => json.call(method, path, body, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  twin = await createVendorTwin('google', { seed: 'drive-replies' });
  const creds = await (await twin.fetch(new Request(`${ORIGIN}/_dtu/credentials`))).json();
  admin = creds.accessToken;
  adminEmail = creds.adminEmail;
  const [email, token] = Object.entries(creds.userTokens as Record<string, string>).find(([e]) => e !== adminEmail)!;
  other = { email, token };
  fileId = (await ok('POST', '/drive/v3/files', { name: 'kept.txt' })).id;
});
afterAll(async () => {
  await twin.close();
});

interface Model {
  name: string;
  starred: boolean;
  trashed: boolean;
  givenName?: string;
  shared?: string;
}
const model: Model = { name: 'kept.txt', starred: false, trashed: false };

const WRITES: Record<string, (n: number) => Promise<void>> = {
  rename: async (n) => {
    model.name = `kept ${n}.txt`;
    await ok('PATCH', `/drive/v3/files/${fileId}`, { name: model.name });
  },
  star: async (n) => {
    model.starred = n % 2 === 0;
    await ok('PATCH', `/drive/v3/files/${fileId}`, { starred: model.starred });
  },
  trash: async (n) => {
    model.trashed = n % 3 === 0;
    await ok('PATCH', `/drive/v3/files/${fileId}`, { trashed: model.trashed });
  },
  share: async () => {
    if (model.shared) return;
    model.shared = (await ok('POST', `/drive/v3/files/${fileId}/permissions`, { role: 'reader', type: 'user', emailAddress: other.email })).id;
  },
  unshare: async () => {
    if (!model.shared) return;
    await ok('DELETE', `/drive/v3/files/${fileId}/permissions/${model.shared}`);
    model.shared = undefined;
  },
  // A write to another record the file shows: its owner's name (owners[].displayName).
  renameOwner: async (n) => {
    model.givenName = `Owner${n}`;
    await ok('PUT', `/admin/directory/v1/users/${adminEmail}`, { name: { givenName: model.givenName } });
  },
};

const QUERIES = ['', '?fields=*', '?fields=id,name,starred,trashed,owners(displayName),permissions(emailAddress)'];

describe('files.get after writes (answers are kept until the tenant changes)', () => {
  it("shows every write on each caller's next GET", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(WRITES)), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...QUERIES)), { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const [w, n, query] of steps) {
          await call(admin, 'GET', `/drive/v3/files/${fileId}${query}`); // read (and keep) before the write
          await call(other.token, 'GET', `/drive/v3/files/${fileId}${query}`);
          await WRITES[w](n);
          const mine = await call(admin, 'GET', `/drive/v3/files/${fileId}?fields=*`);
          const f = await mine.json();
          expect(mine.status).toBe(200);
          expect([f.name, f.starred, f.trashed]).toEqual([model.name, model.starred, model.trashed]);
          if (model.givenName) expect(f.owners[0].displayName.startsWith(`${model.givenName} `)).toBe(true);
          expect(f.permissions.some((p: { emailAddress?: string }) => p.emailAddress === other.email)).toBe(!!model.shared);
          const theirs = await call(other.token, 'GET', `/drive/v3/files/${fileId}${query}`);
          expect(theirs.status).toBe(model.shared ? 200 : 404);
          const body = await theirs.text();
          if (model.shared && query !== '') expect(JSON.parse(body).name).toBe(model.name);
          // Read again: the kept answer is the same bytes.
          expect(await (await call(other.token, 'GET', `/drive/v3/files/${fileId}${query}`)).text()).toBe(body);
          // List pages are kept too: the write shows in each caller's next page.
          const listed = async (token: string) => ((await (await call(token, 'GET', `/drive/v3/files?q=${encodeURIComponent("name contains 'kept' and trashed = false")}&fields=files(id,name,starred)`)).json()).files as Array<{ id: string }>).filter((x) => x.id === fileId);
          expect(await listed(admin)).toEqual(model.trashed ? [] : [{ id: fileId, name: model.name, starred: model.starred }]);
          expect((await listed(other.token)).length).toBe(model.shared && !model.trashed ? 1 : 0);
        }
      }),
      { numRuns: 25, seed: 5 },
    );
  });
});
