// googleapis compat: endpoint management — mobile devices (approve, block, wipe), ChromeOS devices (annotate, move, disable, deprovision, commands).
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email } from './common.js';

const C = { customerId: 'my_customer' };

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: mobile and ChromeOS devices',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    const { mobiledevices, chromeosdevices } = admin;
    const devices = admin.customer.devices.chromeos;

    const phones = await mobiledevices.list({ ...C, orderBy: 'email' });
    t.check(phones.data.mobiledevices?.map((d) => d.email?.[0]).join() === [email(ctx, 'alice'), email(ctx, 'dave'), email(ctx, 'erin')].join(), 'seeded phones, ordered by owner', phones.data);
    const pending = phones.data.mobiledevices!.find((d) => d.status === 'PENDING')!;
    const androids = await mobiledevices.list({ ...C, query: 'type:ANDROID status:APPROVED' });
    t.check(androids.data.mobiledevices?.length === 1 && androids.data.mobiledevices[0].model === 'Pixel 8', 'search by type and status', androids.data);
    const full = await mobiledevices.get({ ...C, resourceId: androids.data.mobiledevices![0].resourceId!, projection: 'FULL' });
    t.check(Array.isArray(full.data.applications) && full.data.applications.length > 0, 'FULL projection carries the apps', full.data);

    await mobiledevices.action({ ...C, resourceId: pending.resourceId!, requestBody: { action: 'approve' } });
    t.checkEffect((await mobiledevices.get({ ...C, resourceId: pending.resourceId! })).data.status === 'APPROVED', 'approved');
    await t.expectError(() => mobiledevices.action({ ...C, resourceId: pending.resourceId!, requestBody: { action: 'cancel_remote_wipe_then_block' } }), classic(400, 'invalid'), 'nothing to cancel without a wipe');
    await t.expectError(() => mobiledevices.action({ ...C, resourceId: pending.resourceId!, requestBody: { action: 'explode' } }), classic(400, 'invalid'), 'unknown action → 400');
    await mobiledevices.delete({ ...C, resourceId: pending.resourceId! });
    await t.expectError(() => mobiledevices.get({ ...C, resourceId: pending.resourceId! }), classic(404, 'notFound'), 'removed device → 404', { effect: true });

    const chromebooks = await chromeosdevices.list({ ...C, orderBy: 'serialNumber', projection: 'FULL' });
    t.check(chromebooks.data.chromeosdevices?.length === 3 && chromebooks.data.chromeosdevices.every((d) => d.status === 'ACTIVE' && Array.isArray(d.recentUsers)), 'seeded Chromebooks', chromebooks.data);
    const eng = await chromeosdevices.list({ ...C, orgUnitPath: '/Engineering' });
    t.check(eng.data.chromeosdevices?.map((d) => d.serialNumber).join() === 'NXKLAA001', 'devices in one unit', eng.data);
    const byUser = await chromeosdevices.list({ ...C, query: `user:${email(ctx, 'frank')}` });
    t.check(byUser.data.chromeosdevices?.[0]?.serialNumber === '5CD2345ABC', 'search by user', byUser.data);
    const count = await devices.countChromeOsDevices({ ...C, orgUnitPath: '/', includeChildOrgunits: true });
    t.check(count.data.count === '3', 'count under the root, children included', count.data);
    const deviceId = eng.data.chromeosdevices![0].deviceId!;

    const annotated = await chromeosdevices.patch({ ...C, deviceId, requestBody: { annotatedLocation: 'HQ floor 3', notes: 'Loaner' } });
    t.check(annotated.data.annotatedLocation === 'HQ floor 3' && annotated.data.annotatedUser === email(ctx, 'bob'), 'patch keeps other annotations', annotated.data);
    const replaced = await chromeosdevices.update({ ...C, deviceId, requestBody: { annotatedUser: email(ctx, 'carol') } });
    t.check(replaced.data.annotatedUser === email(ctx, 'carol') && !replaced.data.notes, 'update replaces annotations', replaced.data);
    const one = await chromeosdevices.get({ ...C, deviceId });
    t.check(one.data.serialNumber === 'NXKLAA001' && one.data.orgUnitPath === '/Engineering', 'chromeosdevices.get', one.data);

    await chromeosdevices.moveDevicesToOu({ ...C, orgUnitPath: '/Sales', requestBody: { deviceIds: [deviceId] } });
    t.checkEffect((await devices.countChromeOsDevices({ ...C, orgUnitPath: '/Sales' })).data.count === '2', 'moved to Sales');

    const cmd = await devices.issueCommand({ ...C, deviceId, requestBody: { commandType: 'SET_VOLUME', payload: '{"volume": 40}' } });
    t.check(/^\d+$/.test(cmd.data.commandId ?? ''), 'command issued', cmd.data);
    const status = await devices.commands.get({ ...C, deviceId, commandId: cmd.data.commandId! });
    t.check(status.data.type === 'SET_VOLUME' && status.data.state === 'PENDING' && status.data.payload === '{"volume": 40}', 'command waits for the device', status.data);
    await t.expectError(() => devices.issueCommand({ ...C, deviceId, requestBody: { commandType: 'SET_VOLUME', payload: '{"volume": 400}' } }), classic(400, 'invalid'), 'volume out of range → 400');

    await chromeosdevices.action({ ...C, resourceId: deviceId, requestBody: { action: 'disable' } });
    t.checkEffect((await chromeosdevices.get({ ...C, deviceId })).data.status === 'DISABLED', 'disabled');
    await t.expectError(() => devices.issueCommand({ ...C, deviceId, requestBody: { commandType: 'REBOOT' } }), classic(400, 'conditionNotMet'), 'a disabled device takes no commands');

    const batch = await devices.batchChangeStatus({
      ...C,
      requestBody: { deviceIds: [deviceId, 'no-such-device'], changeChromeOsDeviceStatusAction: 'CHANGE_CHROME_OS_DEVICE_STATUS_ACTION_REENABLE' },
    });
    const results = batch.data.changeChromeOsDeviceStatusResults;
    t.check(results?.[0]?.response && results?.[1]?.error, 'one result per device, errors per device', batch.data);
    await chromeosdevices.action({ ...C, resourceId: deviceId, requestBody: { action: 'deprovision', deprovisionReason: 'retiring_device' } });
    const gone = await chromeosdevices.get({ ...C, deviceId });
    t.checkEffect(gone.data.status === 'DEPROVISIONED' && gone.data.deprovisionReason === 'DEPROVISION_REASON_RETIRING_DEVICE', 'deprovisioned for good', gone.data);
    await t.expectError(() => chromeosdevices.action({ ...C, resourceId: deviceId, requestBody: { action: 'reenable' } }), classic(400, 'conditionNotMet'), 'a deprovisioned device cannot come back');
  },
};

export default scenario;
