/**
 * The mail Calendar sends guests when the organizer asks for it (`sendUpdates=all`, or the older
 * `sendNotifications=true`): an invitation, an update or a cancellation, each with the event as an iCalendar
 * (RFC 5545) REQUEST or CANCEL part beside the text, delivered to guests with a mailbox in the domain.
 */
import type { Tenant } from '../../../../src/core/tenant.js';
import { findUserByEmail } from '../../store.js';
import { deliver, hasMailbox } from '../../gmail/model/mailbox.js';
import { allDay, startMs, type EventRec, type When } from './events.js';

export type Notice = 'Invitation' | 'Updated invitation' | 'Canceled event';

const nameOf = (t: Tenant, email: string) => {
  const u = findUserByEmail(t, email);
  return u ? `${u.name.givenName} ${u.name.familyName}` : email;
};

/** 20310301T100000Z, or 20310301 for an all-day date. */
const icalTime = (w: When) => (allDay(w) ? w.date!.replace(/-/g, '') : new Date(startMs(w)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
const prop = (name: string, w: When) => (allDay(w) ? `${name};VALUE=DATE:${icalTime(w)}` : `${name}:${icalTime(w)}`);
const PARTSTAT: Record<string, string> = { needsAction: 'NEEDS-ACTION', accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE' };

function icalendar(t: Tenant, e: EventRec, method: 'REQUEST' | 'CANCEL'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    prop('DTSTART', e.start),
    prop('DTEND', e.end),
    `DTSTAMP:${icalTime({ dateTime: t.now().toISOString() })}`,
    `ORGANIZER;CN=${nameOf(t, e.organizer)}:mailto:${e.organizer}`,
    `UID:${e.iCalUID}`,
    ...e.attendees.map((a) => `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=${a.optional ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT'};PARTSTAT=${PARTSTAT[a.responseStatus] ?? 'NEEDS-ACTION'};CN=${a.email}:mailto:${a.email}`),
    ...(e.recurrence ?? []),
    ...(e.location ? [`LOCATION:${e.location}`] : []),
    `SEQUENCE:${e.sequence}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${e.summary ?? ''}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.join('\r\n');
}

/** "Sat Mar 1, 2031 10am - 11am (UTC)", as Calendar's subjects read (UTC: the twin keeps no per-guest zone). */
function span(e: EventRec): string {
  const s = new Date(startMs(e.start));
  const day = s.toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).replace(/,(?= \w{3} )/, '');
  if (allDay(e.start)) return day;
  const hour = (d: Date) => d.toLocaleTimeString('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).replace(':00', '').replace(' ', '').toLowerCase();
  return `${day} ${hour(s)} - ${hour(new Date(startMs(e.end)))} (UTC)`;
}

/** Mails each guest (never the organizer) that has a mailbox; rooms and outside addresses get nothing here. */
export function mailGuests(t: Tenant, e: EventRec, notice: Notice, guests: string[]): void {
  const method = notice === 'Canceled event' ? 'CANCEL' : 'REQUEST';
  const ics = icalendar(t, e, method);
  const boundary = `0000000000${t.random.hex(16)}`;
  for (const guest of guests) {
    if (guest === e.organizer || !hasMailbox(t, guest)) continue;
    const head = [
      `From: ${nameOf(t, e.organizer)} <${e.organizer}>`,
      'Sender: Google Calendar <calendar-notification@google.com>',
      `Reply-To: ${e.organizer}`,
      `To: ${guest}`,
      `Subject: ${notice}: ${e.summary ?? '(No title)'} @ ${span(e)} (${guest})`,
      `Date: ${t.now().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <calendar-${t.random.hex(24)}@google.com>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
    ];
    const text = `${notice === 'Canceled event' ? 'This event has been canceled.' : 'You have been invited to the following event.'}\r\n\r\n${e.summary ?? ''}\r\nWhen: ${span(e)}\r\n${e.location ? `Where: ${e.location}\r\n` : ''}Organizer: ${e.organizer}\r\n`;
    const body = [
      `--${boundary}`,
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      text,
      `--${boundary}`,
      `Content-Type: text/calendar; charset="UTF-8"; method=${method}`,
      '',
      ics,
      `--${boundary}--`,
      '',
    ];
    deliver(t, guest, new TextEncoder().encode(`${head.join('\r\n')}\r\n\r\n${body.join('\r\n')}`));
  }
}
