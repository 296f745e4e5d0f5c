// Calendar v3 through googleapis: invitations on attendees' calendars and responses carried back, recurrence, freebusy, ACL sharing, incremental sync with 410, push channels.
import { describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { failure, freshTenant, useTwin, type GoogleCreds } from './helpers.js';

const l = useTwin();

const calFor = (token: string) => l.calendar(token);
const tok = (c: GoogleCreds, who: string) => c.userTokens[`${who}@${c.domain}`];

describe('Calendar', () => {
  it('an invitation lands on the attendee’s calendar; their answer reaches the organizer; the organizer’s delete cancels it everywhere', async () => {
    const { creds } = await freshTenant(l);
    const d = creds.domain;
    const alice = calFor(tok(creds, 'alice'));
    const bob = calFor(tok(creds, 'bob'));
    const ev = await alice.events.insert({ calendarId: 'primary', requestBody: { summary: 'Design review', start: { dateTime: '2030-03-04T15:00:00Z' }, end: { dateTime: '2030-03-04T16:00:00Z' }, attendees: [{ email: `bob@${d}` }] } });
    expect(ev.data.organizer).toMatchObject({ email: `alice@${d}`, self: true });
    const onBob = await bob.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    expect(onBob.data.iCalUID).toBe(ev.data.iCalUID);
    expect(onBob.data.attendees?.find((a) => a.self)?.responseStatus).toBe('needsAction');
    await bob.events.patch({ calendarId: 'primary', eventId: ev.data.id!, requestBody: { attendees: [{ email: `bob@${d}`, responseStatus: 'accepted' }] } });
    const back = await alice.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    expect(back.data.attendees?.find((a) => a.email === `bob@${d}`)?.responseStatus).toBe('accepted');
    expect((await failure(bob.events.patch({ calendarId: 'primary', eventId: ev.data.id!, requestBody: { summary: 'mine now' } }))).status).toBe(403);
    await alice.events.delete({ calendarId: 'primary', eventId: ev.data.id! });
    const gone = await bob.events.get({ calendarId: 'primary', eventId: ev.data.id! });
    expect(gone.data.status).toBe('cancelled');
    const listed = await bob.events.list({ calendarId: 'primary', timeMin: '2030-03-01T00:00:00Z', timeMax: '2030-03-10T00:00:00Z' });
    expect(listed.data.items).toEqual([]);
  });

  it('recurrence: singleEvents expands RRULE with EXDATE, instances lists them, an instance can be cancelled', async () => {
    const { creds } = await freshTenant(l);
    const carol = calFor(tok(creds, 'carol'));
    const ev = await carol.events.insert({ calendarId: 'primary', requestBody: { summary: 'Standup', start: { dateTime: '2030-01-07T09:00:00Z' }, end: { dateTime: '2030-01-07T09:15:00Z' }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6', 'EXDATE:20300109T090000Z'] } });
    const single = await carol.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime', timeMin: '2030-01-01T00:00:00Z', timeMax: '2030-02-01T00:00:00Z', q: 'standup' });
    // Mondays and Wednesdays from Monday 7 January, six in all (RFC 5545 counts before EXDATE removes the 9th).
    expect(single.data.items?.map((e) => e.start?.dateTime)).toEqual(['2030-01-07T09:00:00Z', '2030-01-14T09:00:00Z', '2030-01-16T09:00:00Z', '2030-01-21T09:00:00Z', '2030-01-23T09:00:00Z']);
    expect(single.data.items?.[0].recurringEventId).toBe(ev.data.id);
    const inst = await carol.events.instances({ calendarId: 'primary', eventId: ev.data.id! });
    expect(inst.data.items).toHaveLength(5);
    await carol.events.delete({ calendarId: 'primary', eventId: inst.data.items![1].id! });
    const after = await carol.events.instances({ calendarId: 'primary', eventId: ev.data.id! });
    expect(after.data.items).toHaveLength(4);
    expect((await failure(carol.events.list({ calendarId: 'primary', orderBy: 'startTime' }))).status).toBe(400);
  });

  it('freebusy merges meetings; ACL sharing puts the calendar on the colleague’s list', async () => {
    const { creds } = await freshTenant(l);
    const d = creds.domain;
    const dave = calFor(tok(creds, 'dave'));
    await dave.events.insert({ calendarId: 'primary', requestBody: { summary: 'A', start: { dateTime: '2030-05-01T10:00:00Z' }, end: { dateTime: '2030-05-01T11:00:00Z' } } });
    await dave.events.insert({ calendarId: 'primary', requestBody: { summary: 'B', start: { dateTime: '2030-05-01T10:30:00Z' }, end: { dateTime: '2030-05-01T12:00:00Z' } } });
    await dave.events.insert({ calendarId: 'primary', requestBody: { summary: 'Free', transparency: 'transparent', start: { dateTime: '2030-05-01T13:00:00Z' }, end: { dateTime: '2030-05-01T14:00:00Z' } } });
    const erin = calFor(tok(creds, 'erin'));
    const fb = await erin.freebusy.query({ requestBody: { timeMin: '2030-05-01T00:00:00Z', timeMax: '2030-05-02T00:00:00Z', items: [{ id: `dave@${d}` }] } });
    expect(fb.data.calendars?.[`dave@${d}`]?.busy).toEqual([{ start: '2030-05-01T10:00:00Z', end: '2030-05-01T12:00:00Z' }]);
    expect((await failure(erin.events.get({ calendarId: `dave@${d}`, eventId: 'abcdefg12345' }))).status).toBe(403);

    const team = await dave.calendars.insert({ requestBody: { summary: 'Sales team', timeZone: 'Europe/Paris' } });
    await dave.acl.insert({ calendarId: team.data.id!, requestBody: { role: 'writer', scope: { type: 'user', value: `erin@${d}` } } });
    const erinList = await erin.calendarList.list();
    expect(erinList.data.items?.find((c) => c.id === team.data.id)?.accessRole).toBe('writer');
    const added = await erin.events.insert({ calendarId: team.data.id!, requestBody: { summary: 'Quota planning', start: { date: '2030-06-01' }, end: { date: '2030-06-02' } } });
    expect(added.data.start?.date).toBe('2030-06-01');
    expect((await failure(erin.acl.list({ calendarId: team.data.id! }))).status).toBe(403);
  });

  it('incremental sync: nextSyncToken returns only changes (deletions as cancelled); a cleared calendar answers 410', async () => {
    const { creds } = await freshTenant(l);
    const frank = calFor(tok(creds, 'frank'));
    const cal = await frank.calendars.insert({ requestBody: { summary: 'Sync me' } });
    const a = await frank.events.insert({ calendarId: cal.data.id!, requestBody: { summary: 'one', start: { dateTime: '2030-01-01T10:00:00Z' }, end: { dateTime: '2030-01-01T11:00:00Z' } } });
    const full = await frank.events.list({ calendarId: cal.data.id! });
    expect(full.data.items).toHaveLength(1);
    await frank.events.insert({ calendarId: cal.data.id!, requestBody: { summary: 'two', start: { dateTime: '2030-01-02T10:00:00Z' }, end: { dateTime: '2030-01-02T11:00:00Z' } } });
    await frank.events.delete({ calendarId: cal.data.id!, eventId: a.data.id! });
    const delta = await frank.events.list({ calendarId: cal.data.id!, syncToken: full.data.nextSyncToken! });
    expect(delta.data.items?.map((e) => [e.summary ?? null, e.status])).toEqual([[null, 'cancelled'], ['two', 'confirmed']]);
    await frank.calendars.clear({ calendarId: cal.data.id! });
    const expired = await failure(frank.events.list({ calendarId: cal.data.id!, syncToken: delta.data.nextSyncToken! }));
    expect(expired.status).toBe(410);
    expect(expired.body.error.errors[0].reason).toBe('fullSyncRequired');
  });

  it('events.watch notifies the address with X-Goog-* headers: sync first, then exists; channels.stop ends it', async () => {
    const { creds } = await freshTenant(l);
    const got: IncomingHttpHeaders[] = [];
    const server: Server = createServer((req, res) => {
      got.push(req.headers);
      req.resume().on('end', () => res.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const grace = calFor(tok(creds, 'grace'));
      const ch = await grace.events.watch({ calendarId: 'primary', requestBody: { id: 'chan-1', type: 'web_hook', address: `http://127.0.0.1:${port}/hook`, token: 'tok-1' } });
      expect(ch.data.resourceId).toBeTruthy();
      await grace.events.insert({ calendarId: 'primary', requestBody: { summary: 'ping', start: { dateTime: '2030-01-01T10:00:00Z' }, end: { dateTime: '2030-01-01T10:30:00Z' } } });
      for (let i = 0; i < 50 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(got.map((h) => h['x-goog-resource-state'])).toEqual(['sync', 'exists']);
      expect(got[1]).toMatchObject({ 'x-goog-channel-id': 'chan-1', 'x-goog-channel-token': 'tok-1', 'x-goog-message-number': '2', 'x-goog-resource-id': ch.data.resourceId });
      await grace.channels.stop({ requestBody: { id: 'chan-1', resourceId: ch.data.resourceId! } });
      expect((await failure(grace.channels.stop({ requestBody: { id: 'chan-1', resourceId: ch.data.resourceId! } }))).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('seeded meetings are on organizers’ and attendees’ calendars; a readonly token cannot write', async () => {
    const { creds } = await freshTenant(l);
    const bob = calFor(tok(creds, 'bob'));
    const weekly = await bob.events.list({ calendarId: 'primary', q: 'Engineering weekly' });
    expect(weekly.data.items?.[0]?.recurrence?.[0]).toMatch(/^RRULE:FREQ=WEEKLY/);
    const ro = calFor(creds.tokens.aliceReadonly);
    expect((await ro.calendarList.list()).data.items?.some((c) => c.primary)).toBe(true);
    expect((await failure(ro.events.insert({ calendarId: 'primary', requestBody: { summary: 'x', start: { dateTime: '2030-01-01T10:00:00Z' }, end: { dateTime: '2030-01-01T11:00:00Z' } } }))).status).toBe(403);
  });
});
