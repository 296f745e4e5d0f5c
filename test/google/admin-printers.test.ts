/** Chrome printers and print servers through googleapis: folded resource names, org-unit inheritance, filters, errors with status. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

const parent = 'customers/my_customer';

describe('chrome printers', () => {
  it('names use the customer id; seeded printers filter by text and field', async () => {
    const { creds } = await freshTenant(l);
    const { admin } = clients(l, creds.accessToken);
    const all = await admin.customers.chrome.printers.list({ parent });
    expect(all.data.printers!.map((p) => p.displayName)).toEqual(['Engineering colour', 'HQ floor 1 laser']);
    expect(all.data.printers![0].name).toBe(`customers/${creds.customerId}/chrome/printers/${all.data.printers![0].id}`);
    const byModel = await admin.customers.chrome.printers.list({ parent, filter: 'makeAndModel:brother' });
    expect(byModel.data.printers!.map((p) => p.displayName)).toEqual(['Engineering colour']);
    const byWord = await admin.customers.chrome.printers.list({ parent, filter: 'kitchen' });
    expect(byWord.data.printers!.map((p) => p.displayName)).toEqual(['Engineering colour']);
    const same = await admin.customers.chrome.printers.get({ name: `customers/${creds.customerId}/chrome/printers/${all.data.printers![1].id}` });
    expect(same.data.uri).toBe('ipp://10.0.1.20/ipp/print');
  });

  it('errors carry errors[] and status; another customer is refused', async () => {
    const { creds } = await freshTenant(l);
    const { admin } = clients(l, creds.accessToken);
    const missing = await failure(admin.customers.chrome.printers.get({ name: `${parent}/chrome/printers/nope` }));
    expect(missing.body.error).toEqual({ code: 404, message: 'Requested entity was not found.', errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }], status: 'NOT_FOUND' });
    const noModel = await failure(admin.customers.chrome.printers.create({ parent, requestBody: { displayName: 'X', uri: 'ipp://x', orgUnitId: 'whatever' } }));
    expect(noModel.status).toBe(400);
    expect((await failure(admin.customers.chrome.printers.list({ parent: 'customers/C0other' }))).status).toBe(403);
    expect((await failure(admin.customers.chrome.printers.list({ parent, orderBy: 'colour' }))).status).toBe(400);
    const readonlyToken = clients(l, creds.tokens.adminReadonly).admin;
    expect((await failure(readonlyToken.customers.chrome.printers.list({ parent }))).status).toBe(403);
  });
});
