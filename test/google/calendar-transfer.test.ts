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
