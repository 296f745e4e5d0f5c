// Calendar v3 calendars.transferOwnership through googleapis: administrators only, with useAdminAccess, secondary calendars to users of the organization.
import { describe, expect, it } from 'vitest';
import { failure, freshTenant, useTwin } from './helpers.js';

const twin = useTwin();
const calFor = (token: string) => twin.calendar(token);

describe('Calendar calendars.transferOwnership', () => {
  it('moves a secondary calendar to a new data owner; the previous owner keeps their rule; refusals for users, useAdminAccess=false, primaries and outsiders', async () => {
    const { creds } = await freshTenant(twin);
    const at = (who: string) => `${who}@${creds.domain}`;
    const admin = calFor(creds.accessToken);
    const alice = calFor(creds.userTokens[at('alice')]);
    const dave = calFor(creds.userTokens[at('dave')]);
    const cal = (await alice.calendars.insert({ requestBody: { summary: 'On-call' } })).data;
    expect(cal.dataOwner).toBe(at('alice'));
    expect((await alice.calendars.get({ calendarId: 'primary' })).data.dataOwner).toBeUndefined();

    const byUser = await failure(alice.calendars.transferOwnership({ calendarId: cal.id!, newDataOwner: at('dave'), useAdminAccess: true }));
    expect(byUser.status).toBe(403);
    expect(byUser.body.error.errors[0].reason).toBe('forbidden');
    expect((await failure(admin.calendars.transferOwnership({ calendarId: cal.id!, newDataOwner: at('dave'), useAdminAccess: false }))).status).toBe(400);
    expect((await failure(admin.calendars.transferOwnership({ calendarId: at('alice'), newDataOwner: at('dave'), useAdminAccess: true }))).status).toBe(400);
    expect((await failure(admin.calendars.transferOwnership({ calendarId: cal.id!, newDataOwner: 'x@elsewhere.example', useAdminAccess: true }))).status).toBe(400);
    expect((await failure(admin.calendars.transferOwnership({ calendarId: 'c_missing@group.calendar.google.com', newDataOwner: at('dave'), useAdminAccess: true }))).status).toBe(404);

    const res = await admin.calendars.transferOwnership({ calendarId: cal.id!, newDataOwner: at('dave'), useAdminAccess: true });
    expect(res.status).toBe(204);
    expect((await dave.calendars.get({ calendarId: cal.id! })).data.dataOwner).toBe(at('dave'));
    expect((await dave.calendarList.get({ calendarId: cal.id! })).data.accessRole).toBe('owner');
    const rules = (await dave.acl.list({ calendarId: cal.id! })).data.items!.map((r) => [r.scope?.value, r.role]);
    expect(rules).toEqual(expect.arrayContaining([[at('alice'), 'owner'], [at('dave'), 'owner']]));
  });
});

describe('Calendar calendarList channels', () => {
  it('hear every change to the watcher\'s list: a calendar shared with them, a transfer to them, their own edits; not other users\' lists', async () => {
    const { creds, base } = await freshTenant(twin);
    const at = (who: string) => `${who}@${creds.domain}`;
    const [alice, dave] = [calFor(creds.userTokens[at('alice')]), calFor(creds.userTokens[at('dave')])];
    const sink = `${base}/_dtu/google/push/deliveries`;
    await dave.calendarList.watch({ requestBody: { id: 'dave-list', type: 'web_hook', address: sink } });
    await alice.calendarList.watch({ requestBody: { id: 'alice-list', type: 'web_hook', address: sink } });
    const states = async (id: string) => ((await (await fetch(sink)).json()) as { deliveries: Array<{ channelId: string; state: string }> }).deliveries.filter((d) => d.channelId === id).map((d) => d.state);
    expect(await states('dave-list')).toEqual(['sync']);
    const cal = (await alice.calendars.insert({ requestBody: { summary: 'Rota' } })).data;
    expect(await states('dave-list')).toEqual(['sync']);
    expect((await states('alice-list')).length).toBe(2);
    await alice.acl.insert({ calendarId: cal.id!, requestBody: { role: 'reader', scope: { type: 'user', value: at('dave') } } });
    expect(await states('dave-list')).toEqual(['sync', 'exists']);
    await dave.calendarList.patch({ calendarId: cal.id!, requestBody: { colorId: '3' } });
    expect(await states('dave-list')).toEqual(['sync', 'exists', 'exists']);
    await dave.calendarList.delete({ calendarId: cal.id! });
    expect((await states('dave-list')).length).toBe(4);
    await calFor(creds.accessToken).calendars.transferOwnership({ calendarId: cal.id!, newDataOwner: at('dave'), useAdminAccess: true });
    expect((await states('dave-list')).length).toBe(5);
  });
});
