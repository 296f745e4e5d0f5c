/** Admin Directory resources and devices through googleapis: rooms, buildings, features; mobile and ChromeOS devices and commands. */
import { describe, expect, it } from 'vitest';
import { google } from 'googleapis';
import { directoryTenant, failure, oauth, useTwin } from './helpers.js';

const l = useTwin();

const directory = () => directoryTenant(l);
const C = { customer: 'my_customer' };

describe('calendar resources', () => {
  it('queries with =, !=, prefix, NOT and capacity comparisons; orders by several fields', async () => {
    const { admin } = await directory();
    const ids = async (query: string, orderBy?: string) => (await admin.resources.calendars.list({ ...C, query, orderBy })).data.items?.map((r) => r.resourceId) ?? [];
    expect(await ids('resourceCategory=OTHER')).toEqual(['projector-cart']);
    expect(await ids('buildingId!=hq')).toEqual(['projector-cart']);
    expect(await ids('name:Room*', 'resourceName desc')).toEqual(['room-2', 'room-1']);
    expect(await ids('capacity<5')).toEqual(['room-2']);
    expect(await ids('featureInstances.feature.name:Video conferencing AND NOT capacity>10')).toEqual(['room-1']);
    expect(await ids('', 'buildingId, capacity desc')).toEqual(['projector-cart', 'boardroom', 'room-1', 'room-2']);
    expect((await failure(admin.resources.calendars.list({ ...C, orderBy: 'color' }))).status).toBe(400);
  });

  it('unknown features and buildings are refused; the calendar address never changes', async () => {
    const { admin } = await directory();
    expect((await failure(admin.resources.calendars.insert({ ...C, requestBody: { resourceId: 'x', resourceName: 'X', featureInstances: [{ feature: { name: 'Jacuzzi' } }] } }))).status).toBe(400);
    expect((await failure(admin.resources.calendars.insert({ ...C, requestBody: { resourceId: 'x', resourceName: 'X', buildingId: 'mars' } }))).status).toBe(400);
    const missing = await failure(admin.resources.calendars.insert({ ...C, requestBody: { resourceId: 'x' } }));
    expect(missing.body.error.errors[0].reason).toBe('required');
    const before = await admin.resources.calendars.get({ ...C, calendarResourceId: 'room-1' });
    const after = await admin.resources.calendars.update({ ...C, calendarResourceId: 'room-1', requestBody: { resourceName: 'Room One' } });
    expect(after.data.resourceEmail).toBe(before.data.resourceEmail);
    expect(after.data.generatedResourceName).toBe('Room One');
    const gone = await failure(admin.resources.calendars.get({ ...C, calendarResourceId: 'nope' }));
    expect(gone.body.error).toEqual({ code: 404, message: 'Resource Not Found: calendarResourceId', errors: [{ message: 'Resource Not Found: calendarResourceId', domain: 'global', reason: 'notFound' }] });
  });

  it('feature rename to a taken name is 409; renamed features follow on every room', async () => {
    const { admin } = await directory();
    expect((await failure(admin.resources.features.rename({ ...C, oldName: 'Whiteboard', requestBody: { newName: 'Projector' } }))).status).toBe(409);
    await admin.resources.features.rename({ ...C, oldName: 'Whiteboard', requestBody: { newName: 'Writable wall' } });
    const rooms = await admin.resources.calendars.list({ ...C, query: 'featureInstances.feature.name:Writable wall' });
    expect(rooms.data.items!.map((r) => r.resourceId)).toEqual(['room-1', 'room-2']);
  });
});

describe('rooms in Calendar', () => {
  it('a booked room holds the meeting on its calendar, visible to colleagues and in freebusy', async () => {
    const { admin, creds, email } = await directory();
    const room = (await admin.resources.calendars.get({ ...C, calendarResourceId: 'room-2' })).data;
    const cal = (who: string) => google.calendar({ version: 'v3', auth: oauth(creds.userTokens[email(who)]), rootUrl: `${l.url}/`, retry: false });
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const end = new Date(start.getTime() + 3600_000);
    const ev = await cal('alice').events.insert({ calendarId: 'primary', requestBody: { summary: 'Design review', start: { dateTime: start.toISOString() }, end: { dateTime: end.toISOString() }, attendees: [{ email: email('bob') }, { email: room.resourceEmail!, resource: true }] } });
    const onRoom = await cal('bob').events.list({ calendarId: room.resourceEmail! });
    expect(onRoom.data.items!.map((e) => e.id)).toEqual([ev.data.id]);
    expect(onRoom.data.summary).toBe('Room 2');
    const fb = await cal('carol').freebusy.query({ requestBody: { timeMin: start.toISOString(), timeMax: end.toISOString(), items: [{ id: room.resourceEmail! }] } });
    expect(fb.data.calendars![room.resourceEmail!].busy).toEqual([{ start: start.toISOString().replace('.000', ''), end: end.toISOString().replace('.000', '') }]);
  });
});

describe('devices', () => {
  it('mobile: wipe then cancel; paging and ordering', async () => {
    const { admin } = await directory();
    const all = await admin.mobiledevices.list({ customerId: 'my_customer', orderBy: 'model', sortOrder: 'DESCENDING' });
    expect(all.data.mobiledevices!.map((d) => d.model)).toEqual(['iPhone 15', 'Pixel 8', 'Galaxy S23']);
    expect(all.data.mobiledevices![0]).not.toHaveProperty('applications');
    const id = all.data.mobiledevices![0].resourceId!;
    await admin.mobiledevices.action({ customerId: 'my_customer', resourceId: id, requestBody: { action: 'admin_remote_wipe' } });
    expect((await admin.mobiledevices.get({ customerId: 'my_customer', resourceId: id })).data.status).toBe('WIPING');
    await admin.mobiledevices.action({ customerId: 'my_customer', resourceId: id, requestBody: { action: 'cancel_remote_wipe_then_block' } });
    expect((await admin.mobiledevices.get({ customerId: 'my_customer', resourceId: id })).data.status).toBe('BLOCKED');
    const p1 = await admin.mobiledevices.list({ customerId: 'my_customer', maxResults: 2 });
    const p2 = await admin.mobiledevices.list({ customerId: 'my_customer', maxResults: 2, pageToken: p1.data.nextPageToken! });
    expect(p2.data.mobiledevices).toHaveLength(1);
    expect(p2.data.nextPageToken).toBeUndefined();
  });

  it('ChromeOS: deprovision needs a reason; unknown units are refused; commands expire after a day', async () => {
    const { admin, base } = await directory();
    const d = (await admin.chromeosdevices.list({ customerId: 'my_customer', query: 'asset_id:ASSET-0003' })).data.chromeosdevices![0];
    expect(d.annotatedLocation).toBe('Lobby kiosk');
    expect((await failure(admin.chromeosdevices.action({ customerId: 'my_customer', resourceId: d.deviceId!, requestBody: { action: 'deprovision' } }))).status).toBe(400);
    expect((await failure(admin.chromeosdevices.moveDevicesToOu({ customerId: 'my_customer', orgUnitPath: '/Nowhere', requestBody: { deviceIds: [d.deviceId!] } }))).status).toBe(400);
    const cmd = await admin.customer.devices.chromeos.issueCommand({ customerId: 'my_customer', deviceId: d.deviceId!, requestBody: { commandType: 'REBOOT' } });
    await fetch(`${base}/_dtu/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 25 * 3600_000 }) });
    const later = await admin.customer.devices.chromeos.commands.get({ customerId: 'my_customer', deviceId: d.deviceId!, commandId: cmd.data.commandId! });
    expect(later.data.state).toBe('EXPIRED');
    const count = await admin.customer.devices.chromeos.countChromeOsDevices({ customerId: 'my_customer', filter: 'status:ACTIVE', orgUnitPath: '/Sales' });
    expect(count.data.count).toBe('1');
  });
});
