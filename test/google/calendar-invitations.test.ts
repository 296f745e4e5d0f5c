// Calendar's guest mail through googleapis: sendUpdates=all mails invitations, updates and cancellations with an iCalendar part into guests' Gmail; none and the default mail nothing.
import { describe, expect, it } from 'vitest';
import { freshTenant, useTwin } from './helpers.js';

const twin = useTwin();
const slot = (from: string, to: string) => ({ start: { dateTime: `2031-03-01T${from}:00Z` }, end: { dateTime: `2031-03-01T${to}:00Z` } });

describe('Calendar invitation mail', () => {
  it('invites, updates and cancels by mail only when asked; guests added or dropped get an invitation or a cancellation', async () => {
    const { creds } = await freshTenant(twin);
    const at = (w: string) => `${w}@${creds.domain}`;
    const alice = twin.calendar(creds.userTokens[at('alice')]);
    const [bobMail, carolMail, aliceMail] = ['bob', 'carol', 'alice'].map((w) => twin.gmail(creds.userTokens[at(w)]));
    const subjects = async (mail: typeof bobMail, q: string) => {
      const ids = (await mail.users.messages.list({ userId: 'me', q })).data.messages ?? [];
      const out: string[] = [];
      for (const m of ids) out.push((await mail.users.messages.get({ userId: 'me', id: m.id!, format: 'metadata', metadataHeaders: ['Subject'] })).data.payload!.headers![0].value!);
      return out.sort();
    };

    await alice.events.insert({ calendarId: 'primary', requestBody: { summary: 'Quiet', ...slot('08:00', '09:00'), attendees: [{ email: at('bob') }] } });
    await alice.events.insert({ calendarId: 'primary', sendUpdates: 'none', requestBody: { summary: 'Quiet', ...slot('08:00', '09:00'), attendees: [{ email: at('bob') }] } });
    expect(await subjects(bobMail, 'subject:quiet')).toEqual([]);

    const ev = (await alice.events.insert({ calendarId: 'primary', sendUpdates: 'all', requestBody: { summary: 'Roadmap', location: 'Room 2', ...slot('10:00', '11:00'), attendees: [{ email: at('bob') }] } })).data;
    expect(await subjects(bobMail, 'subject:roadmap')).toEqual([`Invitation: Roadmap @ Sat Mar 1, 2031 10am - 11am (UTC) (${at('bob')})`]);
    expect(await subjects(aliceMail, 'subject:roadmap in:inbox')).toEqual([]);
    const invite = (await bobMail.users.messages.list({ userId: 'me', q: 'subject:roadmap' })).data.messages![0];
    const full = (await bobMail.users.messages.get({ userId: 'me', id: invite.id!, format: 'full' })).data;
    const cal = full.payload!.parts!.find((p) => p.mimeType === 'text/calendar')!;
    const ics = Buffer.from(cal.body!.data!, 'base64url').toString();
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${ev.iCalUID}`);
    expect(ics).toContain('DTSTART:20310301T100000Z');
    expect(ics).toContain(`ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=${at('bob')}:mailto:${at('bob')}`);
    expect(full.payload!.headers!.find((h) => h.name === 'Sender')?.value).toBe('Google Calendar <calendar-notification@google.com>');

    await alice.events.patch({ calendarId: 'primary', eventId: ev.id!, sendUpdates: 'all', requestBody: { ...slot('12:00', '13:00'), attendees: [{ email: at('carol') }] } });
    expect(await subjects(bobMail, 'subject:roadmap')).toEqual([`Canceled event: Roadmap @ Sat Mar 1, 2031 12pm - 1pm (UTC) (${at('bob')})`, `Invitation: Roadmap @ Sat Mar 1, 2031 10am - 11am (UTC) (${at('bob')})`]);
    expect(await subjects(carolMail, 'subject:roadmap')).toEqual([`Invitation: Roadmap @ Sat Mar 1, 2031 12pm - 1pm (UTC) (${at('carol')})`]);
    await alice.events.patch({ calendarId: 'primary', eventId: ev.id!, sendNotifications: true, requestBody: { location: 'Room 3' } });
    expect(await subjects(carolMail, 'subject:"updated invitation"')).toHaveLength(1);
    await alice.events.delete({ calendarId: 'primary', eventId: ev.id!, sendUpdates: 'externalOnly' });
    expect(await subjects(carolMail, 'subject:canceled')).toEqual([]);
    const ev2 = (await alice.events.insert({ calendarId: 'primary', requestBody: { summary: 'Offsite', start: { date: '2031-04-02' }, end: { date: '2031-04-03' }, attendees: [{ email: at('carol') }] } })).data;
    await alice.events.delete({ calendarId: 'primary', eventId: ev2.id!, sendUpdates: 'all' });
    const cancel = await subjects(carolMail, 'subject:offsite');
    expect(cancel).toEqual([`Canceled event: Offsite @ Wed Apr 2, 2031 (${at('carol')})`]);
  });
});
