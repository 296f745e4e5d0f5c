// googleapis compat: workplace resources — buildings, features and bookable rooms (calendar resources), with search, ordering and renames.
import type { Scenario } from '../types.js';
import { SDK, apis, classic } from './common.js';

const C = { customer: 'my_customer' };

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: buildings, features and rooms',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    const { buildings, features, calendars } = admin.resources;

    const seeded = await buildings.list(C);
    t.check(seeded.data.buildings?.map((b) => b.buildingId).join() === 'hq,annex', 'seeded buildings listed', seeded.data);
    const b = await buildings.insert({ ...C, requestBody: { buildingId: 'lab', buildingName: 'Lab', floorNames: ['B1', '1'], coordinates: { latitude: 51.5, longitude: -0.12 } } });
    t.check(b.data.buildingId === 'lab' && b.data.floorNames?.join() === 'B1,1' && b.data.etags, 'building created', b.data);
    await t.expectError(() => buildings.insert({ ...C, requestBody: { buildingId: 'lab', buildingName: 'Again', floorNames: ['1'] } }), classic(409, 'duplicate'), 'building ids are unique');
    const got = await buildings.get({ ...C, buildingId: 'lab' });
    t.check(got.data.coordinates?.latitude === 51.5, 'buildings.get', got.data);

    const f = await features.insert({ ...C, requestBody: { name: 'Standing desks' } });
    t.check(f.data.name === 'Standing desks' && f.data.kind === 'admin#directory#resources#features#Feature', 'feature created', f.data);
    const fget = await features.get({ ...C, featureKey: 'Standing desks' });
    t.check(fget.data.name === 'Standing desks', 'features.get', fget.data);
    const flist = await features.list(C);
    t.check(flist.data.features?.length === 4, 'three seeded features and the new one', flist.data);

    const room = await calendars.insert({
      ...C,
      requestBody: { resourceId: 'lab-war-room', resourceName: 'War room', resourceCategory: 'CONFERENCE_ROOM', buildingId: 'lab', floorName: 'B1', capacity: 6, featureInstances: [{ feature: { name: 'Standing desks' } }] },
    });
    // The generated name is "Building-Floor-Name (capacity) [features]" (CalendarResource reference).
    t.check(room.data.generatedResourceName === 'Lab-B1-War room (6) [Standing desks]' && /@resource\.calendar\.google\.com$/.test(room.data.resourceEmail ?? ''), 'room created with a calendar address', room.data);
    await t.expectError(() => calendars.insert({ ...C, requestBody: { resourceId: 'nowhere', resourceName: 'Nowhere', buildingId: 'lab', floorName: '99' } }), classic(400, 'invalid'), 'a floor the building lacks → 400');

    // Query language: field op value, AND, NOT, prefix with '*', comparisons (calendars.list reference).
    const big = await calendars.list({ ...C, query: 'buildingId=hq AND capacity>=5', orderBy: 'capacity desc' });
    t.check(big.data.items?.map((r) => r.resourceId).join() === 'boardroom,room-1', 'rooms of one building, big enough, biggest first', big.data.items?.map((r) => r.resourceId));
    const boards = await calendars.list({ ...C, query: 'featureInstances.feature.name:Whiteboard AND NOT resourceName:Room 2*' });
    t.check(boards.data.items?.map((r) => r.resourceId).join() === 'room-1', 'feature "has" match with NOT', boards.data.items?.map((r) => r.resourceId));
    const page1 = await calendars.list({ ...C, maxResults: 2, orderBy: 'resourceId' });
    const page2 = await calendars.list({ ...C, maxResults: 2, orderBy: 'resourceId', pageToken: page1.data.nextPageToken! });
    t.check(page1.data.items?.length === 2 && page2.data.items?.[0]?.resourceId === 'projector-cart', 'pages continue in order', { p1: page1.data.items?.map((r) => r.resourceId), p2: page2.data.items?.map((r) => r.resourceId) });

    const patched = await calendars.patch({ ...C, calendarResourceId: 'lab-war-room', requestBody: { capacity: 8, userVisibleDescription: 'Ask facilities for the key' } });
    t.check(patched.data.capacity === 8 && patched.data.floorName === 'B1' && patched.data.resourceEmail === room.data.resourceEmail, 'patch keeps the rest and the address', patched.data);
    const replaced = await calendars.update({ ...C, calendarResourceId: 'lab-war-room', requestBody: { resourceName: 'War room', buildingId: 'lab', floorName: '1' } });
    t.check(replaced.data.floorName === '1' && replaced.data.capacity === undefined && !replaced.data.featureInstances, 'update replaces the room', replaced.data);
    await calendars.patch({ ...C, calendarResourceId: 'lab-war-room', requestBody: { featureInstances: [{ feature: { name: 'Standing desks' } }] } });

    // Renaming a feature renames it on every room.
    await features.rename({ ...C, oldName: 'Standing desks', requestBody: { newName: 'Sit-stand desks' } });
    const renamed = await calendars.get({ ...C, calendarResourceId: 'lab-war-room' });
    t.checkEffect(renamed.data.featureInstances?.[0]?.feature?.name === 'Sit-stand desks', 'rooms follow a feature rename', renamed.data);
    const fpatched = await features.patch({ ...C, featureKey: 'Sit-stand desks', requestBody: { name: 'Height-adjustable desks' } });
    t.check(fpatched.data.name === 'Height-adjustable desks', 'features.patch renames', fpatched.data);
    const fupdated = await features.update({ ...C, featureKey: 'Height-adjustable desks', requestBody: { name: 'Standing desks' } });
    t.check(fupdated.data.name === 'Standing desks', 'features.update renames', fupdated.data);
    await t.expectError(() => features.delete({ ...C, featureKey: 'Standing desks' }), classic(400, 'invalid'), 'a feature in use cannot be deleted');

    const bpatched = await buildings.patch({ ...C, buildingId: 'lab', requestBody: { description: 'Research lab' } });
    t.check(bpatched.data.description === 'Research lab' && bpatched.data.floorNames?.length === 2, 'buildings.patch', bpatched.data);
    await t.expectError(() => buildings.update({ ...C, buildingId: 'lab', requestBody: { buildingName: 'Lab', floorNames: ['B1'] } }), classic(400, 'invalid'), 'a floor with rooms cannot be removed');
    await t.expectError(() => buildings.delete({ ...C, buildingId: 'lab' }), classic(400, 'invalid'), 'a building with rooms cannot be deleted');

    await calendars.delete({ ...C, calendarResourceId: 'lab-war-room' });
    await t.expectError(() => calendars.get({ ...C, calendarResourceId: 'lab-war-room' }), classic(404, 'notFound'), 'deleted room → 404', { effect: true });
    await features.delete({ ...C, featureKey: 'Standing desks' });
    await t.expectError(() => features.get({ ...C, featureKey: 'Standing desks' }), classic(404, 'notFound'), 'deleted feature → 404', { effect: true });
    const bupdated = await buildings.update({ ...C, buildingId: 'lab', requestBody: { buildingName: 'Old lab', floorNames: ['1'] } });
    t.check(bupdated.data.buildingName === 'Old lab' && !bupdated.data.description && !bupdated.data.coordinates, 'buildings.update replaces', bupdated.data);
    await buildings.delete({ ...C, buildingId: 'lab' });
    await t.expectError(() => buildings.get({ ...C, buildingId: 'lab' }), classic(404, 'notFound'), 'deleted building → 404', { effect: true });
  },
};

export default scenario;
