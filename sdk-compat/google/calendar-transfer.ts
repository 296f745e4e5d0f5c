// googleapis compat: an administrator hands a departing employee's team calendar to a colleague with Calendar v3 calendars.transferOwnership.
import { google } from 'googleapis';
import type { CompatContext, Scenario } from '../types.js';
import { SDK, email, gerr, userToken } from './common.js';

const calFor = (ctx: CompatContext, token: string) => {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  return google.calendar({ version: 'v3', auth, rootUrl: `${ctx.origin}/`, retry: false });
};

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Calendar: an administrator transfers a secondary calendar to a new data owner',
  async run(ctx, t) {
    const admin = t.track(calFor(ctx, ctx.credentials.accessToken), 'calendar');
    const alice = t.track(calFor(ctx, userToken(ctx, 'alice')), 'calendar');
    const bob = t.track(calFor(ctx, userToken(ctx, 'bob')), 'calendar');

    const team = await alice.calendars.insert({ requestBody: { summary: 'Support rota', timeZone: 'Europe/Paris' } });
    t.check(team.data.dataOwner === email(ctx, 'alice'), 'a secondary calendar names its data owner', team.data);
    // Only administrators with admin access may transfer (googleapis calendar v3: "only true is accepted" for useAdminAccess).
    await t.expectError(() => alice.calendars.transferOwnership({ calendarId: team.data.id!, newDataOwner: email(ctx, 'bob'), useAdminAccess: true }), gerr(403), 'a user cannot transfer even their own calendar');
    await t.expectError(() => admin.calendars.transferOwnership({ calendarId: team.data.id!, newDataOwner: 'nobody@example.net', useAdminAccess: true }), gerr(400), 'the new owner must be a user of the organization');
    await t.expectError(() => admin.calendars.transferOwnership({ calendarId: email(ctx, 'alice'), newDataOwner: email(ctx, 'bob'), useAdminAccess: true }), gerr(400), 'a primary calendar cannot be transferred');

    await admin.calendars.transferOwnership({ calendarId: team.data.id!, newDataOwner: email(ctx, 'bob'), useAdminAccess: true });
    const mine = await bob.calendarList.get({ calendarId: team.data.id! });
    t.checkEffect(mine.data.accessRole === 'owner' && mine.data.summary === 'Support rota', 'the calendar is on the new owner\'s list, as owner', mine.data);
    const cal = await bob.calendars.get({ calendarId: team.data.id! });
    t.check(cal.data.dataOwner === email(ctx, 'bob'), 'dataOwner names the new owner', cal.data);
  },
};

export default scenario;
