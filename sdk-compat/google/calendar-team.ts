// googleapis compat: scheduling for a team with Calendar v3 — invitations and answers, recurring meetings, a shared team calendar, freebusy, incremental sync, push channels.
import { google } from 'googleapis';
import type { CompatContext, Scenario } from '../types.js';
import { SDK, email, gerr, userToken, sink } from './common.js';

const calFor = (ctx: CompatContext, token: string) => {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  return google.calendar({ version: 'v3', auth, rootUrl: `${ctx.origin}/`, retry: false });
};
const slot = (day: string, from: string, to: string) => ({ start: { dateTime: `${day}T${from}:00Z` }, end: { dateTime: `${day}T${to}:00Z` } });

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Calendar: team scheduling — invitations, answers, recurrence, shared calendar, ACL, freebusy, sync, watch',
  async run(ctx, t) {
    const alice = t.track(calFor(ctx, userToken(ctx, 'alice')), 'calendar');
    const bob = t.track(calFor(ctx, userToken(ctx, 'bob')), 'calendar');

    const list = await bob.calendarList.list();
    t.check(list.data.items?.some((c) => c.primary && c.id === email(ctx, 'bob') && c.accessRole === 'owner'), 'Bob\'s primary calendar is listed', list.data.items);
    const seeded = await bob.events.list({ calendarId: 'primary', q: 'Engineering weekly' });
    t.check(seeded.data.items?.[0]?.organizer?.email === email(ctx, 'alice'), 'the seeded weekly meeting is on Bob\'s calendar', seeded.data.items?.[0]);

    const ev = await alice.events.insert({ calendarId: 'primary', requestBody: { summary: 'Architecture review', location: 'Room 2', ...slot('2030-04-02', '14:00', '15:00'), attendees: [{ email: email(ctx, 'bob') }, { email: email(ctx, 'carol'), optional: true }] } });
    t.check(ev.data.organizer?.self === true && ev.data.attendees?.length === 2, 'created with two attendees', ev.data);
    const onBob = await bob.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    t.check(onBob.data.iCalUID === ev.data.iCalUID && onBob.data.attendees?.find((a) => a.self)?.responseStatus === 'needsAction', 'the invitation is on Bob\'s calendar', onBob.data);
    await bob.events.patch({ calendarId: 'primary', eventId: ev.data.id!, requestBody: { attendees: [{ email: email(ctx, 'bob'), responseStatus: 'accepted' }] } });
    const seen = await alice.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    t.checkEffect(seen.data.attendees?.find((a) => a.email === email(ctx, 'bob'))?.responseStatus === 'accepted', 'Bob\'s answer reaches Alice', seen.data.attendees);
    await t.expectError(() => bob.events.patch({ calendarId: 'primary', eventId: ev.data.id!, requestBody: { summary: 'Hijacked' } }), gerr(403, (e) => e?.errors?.[0]?.reason === 'requiredAccessLevel'), 'an attendee cannot change the meeting');
    const moved = await alice.events.update({ calendarId: 'primary', eventId: ev.data.id!, requestBody: { summary: 'Architecture review (moved)', ...slot('2030-04-03', '14:00', '15:00'), attendees: seen.data.attendees } });
    const bobMoved = await bob.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    t.checkEffect(moved.data.sequence === 1 && bobMoved.data.start?.dateTime === '2030-04-03T14:00:00Z' && bobMoved.data.summary === 'Architecture review (moved)', 'the update reaches Bob and bumps the sequence', bobMoved.data);

    const standup = await alice.events.insert({ calendarId: 'primary', requestBody: { summary: 'Standup', ...slot('2030-01-07', '09:00', '09:15'), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6', 'EXDATE:20300109T090000Z'] } });
    const singles = await alice.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime', timeMin: '2030-01-01T00:00:00Z', timeMax: '2030-02-01T00:00:00Z', q: 'standup' });
    t.check(singles.data.items?.length === 5 && singles.data.items[1].start?.dateTime === '2030-01-14T09:00:00Z', 'RRULE expanded, EXDATE skipped', singles.data.items?.map((e) => e.start?.dateTime));
    const inst = await alice.events.instances({ calendarId: 'primary', eventId: standup.data.id! });
    t.check(inst.data.items?.length === 5 && inst.data.items.every((i) => i.recurringEventId === standup.data.id), 'instances of the recurring event', inst.data.items?.length);
    await alice.events.delete({ calendarId: 'primary', eventId: inst.data.items![0].id! });
    const fewer = await alice.events.instances({ calendarId: 'primary', eventId: standup.data.id! });
    t.checkEffect(fewer.data.items?.length === 4, 'one instance cancelled', fewer.data.items?.length);
    await t.expectError(() => alice.events.list({ calendarId: 'primary', orderBy: 'startTime' }), gerr(400), 'orderBy=startTime needs singleEvents');

    const team = await alice.calendars.insert({ requestBody: { summary: 'Platform team', timeZone: 'Europe/Berlin' } });
    t.check(team.data.id?.endsWith('@group.calendar.google.com') && team.data.timeZone === 'Europe/Berlin', 'a secondary calendar', team.data);
    await alice.calendars.patch({ calendarId: team.data.id!, requestBody: { description: 'On-call and releases' } });
    await alice.calendars.update({ calendarId: team.data.id!, requestBody: { summary: 'Platform', timeZone: 'Europe/Berlin', description: 'Releases' } });
    const teamGot = await alice.calendars.get({ calendarId: team.data.id! });
    t.checkEffect(teamGot.data.summary === 'Platform' && teamGot.data.description === 'Releases', 'calendar renamed and described', teamGot.data);
    const rule = await alice.acl.insert({ calendarId: team.data.id!, requestBody: { role: 'reader', scope: { type: 'user', value: email(ctx, 'bob') } } });
    await alice.acl.patch({ calendarId: team.data.id!, ruleId: rule.data.id!, requestBody: { role: 'writer' } });
    const ruleGot = await alice.acl.get({ calendarId: team.data.id!, ruleId: rule.data.id! });
    const rules = await alice.acl.list({ calendarId: team.data.id! });
    t.checkEffect(ruleGot.data.role === 'writer' && rules.data.items?.length === 2, 'Bob is a writer of the team calendar', rules.data.items);
    const bobEntry = await bob.calendarList.get({ calendarId: team.data.id! });
    t.check(bobEntry.data.accessRole === 'writer', 'the shared calendar joined Bob\'s list', bobEntry.data);
    await bob.calendarList.patch({ calendarId: team.data.id!, requestBody: { colorId: '7', summaryOverride: 'Platform (team)' } });
    await bob.calendarList.update({ calendarId: team.data.id!, requestBody: { colorId: '9', summaryOverride: 'Platform' } });
    const entry = await bob.calendarList.get({ calendarId: team.data.id! });
    t.checkEffect(entry.data.colorId === '9' && entry.data.summaryOverride === 'Platform', 'Bob\'s own color and name for it', entry.data);
    const release = await bob.events.insert({ calendarId: team.data.id!, requestBody: { summary: 'Release 4.2', start: { date: '2030-04-10' }, end: { date: '2030-04-11' } } });
    t.check(release.data.start?.date === '2030-04-10', 'an all-day event on the shared calendar', release.data);
    await alice.acl.update({ calendarId: team.data.id!, ruleId: rule.data.id!, requestBody: { role: 'reader', scope: { type: 'user', value: email(ctx, 'bob') } } });
    await t.expectError(() => bob.events.insert({ calendarId: team.data.id!, requestBody: { summary: 'x', start: { date: '2030-04-12' }, end: { date: '2030-04-13' } } }), gerr(403), 'a reader cannot add events', { effect: true });
    await alice.acl.delete({ calendarId: team.data.id!, ruleId: rule.data.id! });
    await t.expectError(() => bob.events.list({ calendarId: team.data.id! }), gerr(404), 'unshared: not found', { effect: true });
    await bob.calendarList.delete({ calendarId: team.data.id! });
    await t.expectError(() => bob.calendarList.get({ calendarId: team.data.id! }), gerr(404), 'removed from Bob\'s list', { effect: true });
    const sub = await bob.calendarList.insert({ requestBody: { id: email(ctx, 'carol') } });
    t.check(sub.data.accessRole === 'freeBusyReader', 'a colleague\'s calendar added as free/busy', sub.data);

    const fb = await bob.freebusy.query({ requestBody: { timeMin: '2030-04-03T00:00:00Z', timeMax: '2030-04-04T00:00:00Z', items: [{ id: email(ctx, 'alice') }] } });
    t.check(fb.data.calendars?.[email(ctx, 'alice')]?.busy?.[0]?.start === '2030-04-03T14:00:00Z', 'Alice is busy during the review', fb.data.calendars);

    const syncCal = await alice.calendars.insert({ requestBody: { summary: 'Sync' } });
    const first = await alice.events.insert({ calendarId: syncCal.data.id!, requestBody: { summary: 'one', ...slot('2030-01-01', '10:00', '11:00') } });
    const full = await alice.events.list({ calendarId: syncCal.data.id! });
    await alice.events.delete({ calendarId: syncCal.data.id!, eventId: first.data.id! });
    const imported = await alice.events.import({ calendarId: syncCal.data.id!, requestBody: { iCalUID: 'external-123@example.net', summary: 'Imported', ...slot('2030-01-02', '10:00', '11:00') } });
    const delta = await alice.events.list({ calendarId: syncCal.data.id!, syncToken: full.data.nextSyncToken! });
    t.checkEffect(delta.data.items?.length === 2 && delta.data.items.some((e) => e.status === 'cancelled') && imported.data.iCalUID === 'external-123@example.net', 'the sync token returns the delete and the import', delta.data.items);
    // quickAdd parses the time, date and place out of the text (Calendar quickAdd reference: "text describing the event").
    const quick = await alice.events.quickAdd({ calendarId: syncCal.data.id!, text: 'Coffee with Dave at Blue Bottle tomorrow 3pm-3:30pm' });
    t.check(quick.data.summary === 'Coffee with Dave' && quick.data.location === 'Blue Bottle' && /T15:00:00/.test(quick.data.start?.dateTime ?? '') && /T15:30:00/.test(quick.data.end?.dateTime ?? ''), 'quickAdd reads title, place and time from the text', quick.data);
    const movedEv = await alice.events.move({ calendarId: syncCal.data.id!, eventId: quick.data.id!, destination: team.data.id! });
    const onTeam = await alice.events.get({ calendarId: team.data.id!, eventId: quick.data.id! });
    t.checkEffect(movedEv.data.id === quick.data.id && onTeam.data.summary === 'Coffee with Dave', 'moved to the team calendar', onTeam.data);
    await alice.calendars.clear({ calendarId: syncCal.data.id! });
    await t.expectError(() => alice.events.list({ calendarId: syncCal.data.id!, syncToken: delta.data.nextSyncToken! }), gerr(410, (e) => e?.errors?.[0]?.reason === 'fullSyncRequired'), 'a cleared calendar needs a full sync', { effect: true });
    await alice.calendars.delete({ calendarId: syncCal.data.id! });
    await t.expectError(() => alice.calendars.get({ calendarId: syncCal.data.id! }), gerr(404), 'calendar deleted', { effect: true });

    const isChannel = (c: { data: { kind?: string | null; resourceId?: string | null; id?: string | null } }, id: string) => c.data.kind === 'api#channel' && !!c.data.resourceId && c.data.id === id;
    const ch = await alice.events.watch({ calendarId: 'primary', requestBody: { id: 'c-1', type: 'web_hook', address: sink(ctx) } });
    t.check(isChannel(ch, 'c-1'), 'events channel opened', ch.data);
    const ach = await alice.acl.watch({ calendarId: team.data.id!, requestBody: { id: 'c-2', type: 'web_hook', address: sink(ctx) } });
    t.check(isChannel(ach, 'c-2'), 'acl channel opened', ach.data);
    const lch = await alice.calendarList.watch({ requestBody: { id: 'c-3', type: 'web_hook', address: sink(ctx) } });
    t.check(isChannel(lch, 'c-3'), 'calendarList channel opened', lch.data);
    // A change to the list reaches its channel after the opening `sync` (Calendar push guide: sync, then exists).
    await alice.calendarList.patch({ calendarId: team.data.id!, requestBody: { colorId: '7' } });
    const listPushes = ((await ctx.control('GET', 'google/push/deliveries')).deliveries as Array<{ channelId: string; state: string }>).filter((d) => d.channelId === 'c-3');
    t.checkEffect(listPushes.map((d) => d.state).join() === 'sync,exists', 'the list change is pushed to the calendarList channel', listPushes);
    const sch = await alice.settings.watch({ requestBody: { id: 'c-4', type: 'web_hook', address: sink(ctx) } });
    t.check(isChannel(sch, 'c-4'), 'settings channel opened', sch.data);
    for (const c of [ch, ach, lch, sch]) await alice.channels.stop({ requestBody: { id: c.data.id!, resourceId: c.data.resourceId! } });
    await t.expectError(() => alice.channels.stop({ requestBody: { id: 'c-1', resourceId: ch.data.resourceId! } }), gerr(404), 'stopped channels are gone', { effect: true });

    const colors = await alice.colors.get();
    t.check(Object.keys(colors.data.calendar ?? {}).length === 24 && Object.keys(colors.data.event ?? {}).length === 11, 'the color palettes', Object.keys(colors.data.event ?? {}));
    const settings = await alice.settings.list();
    t.check(settings.data.items?.some((s) => s.id === 'weekStart' && s.value === '0'), 'settings listed', settings.data.items?.length);
    const tz = await alice.settings.get({ setting: 'timezone' });
    t.check(tz.data.value === 'UTC', 'one setting read', tz.data);

    await alice.events.delete({ calendarId: 'primary', eventId: ev.data.id! });
    const cancelled = await bob.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    t.checkEffect(cancelled.data.status === 'cancelled', 'the organizer\'s delete cancels Bob\'s copy', cancelled.data);
  },
};

export default scenario;
