// jira.js compat: an admin lays out screens — tabs, fields on tabs and their order, the default screen, screen schemes, and where a field shows.
import type { Scenario } from '../types.js';
import { noCheckClient, overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'screens: tabs, fields and their order, default screen, screen schemes' },
  async (jira, ctx, t, version) => {
    // Bodiless POSTs (tab moves, add to default screen) need the XSRF opt-out.
    const noCheck = noCheckClient(ctx, t, version);
    // jira.js 5.4.0 types several screen answers as void; they answer JSON.
    const api = noCheck.screens as unknown as Record<string, (p?: any) => Promise<any>>;
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screens/
    const screen = await jira.screens.createScreen({ name: 'Bug triage', description: 'Fields for triage' });
    t.check(screen.name === 'Bug triage' && typeof screen.id === 'number', 'createScreen answers the screen', screen);
    await t.expectError(() => jira.screens.createScreen({ name: 'bug triage' }), (e) => e.status === 400 && !!e.response?.data?.errors?.name, 'screen names are unique');
    const renamed = await jira.screens.updateScreen({ screenId: screen.id!, name: 'Bug triage screen', description: 'Fields for triage' });
    t.check(renamed.name === 'Bug triage screen', 'updateScreen answers the renamed screen', renamed);
    const page = await jira.screens.getScreens({ queryString: 'triage' });
    t.check(page.values?.map((s) => s.id).join() === String(screen.id), 'getScreens finds it by name', page);

    const tabs = await jira.screenTabs.getAllScreenTabs({ screenId: screen.id! });
    t.check(tabs.length === 1 && tabs[0].name === 'Field Tab', 'a new screen has one tab', tabs);
    const details = await jira.screenTabs.addScreenTab({ screenId: screen.id!, name: 'Details' });
    t.check(details.name === 'Details' && Number(details.id) > 0, 'addScreenTab answers the tab', details);
    const more = await jira.screenTabs.renameScreenTab({ screenId: screen.id!, tabId: details.id!, name: 'More details' });
    t.check(more.name === 'More details', 'renameScreenTab answers the renamed tab', more);
    await noCheck.screenTabs.moveScreenTab({ screenId: screen.id!, tabId: details.id!, pos: 0 });
    const order = await jira.screenTabs.getAllScreenTabs({ screenId: screen.id! });
    t.checkEffect(order.map((x) => x.name).join() === 'More details,Field Tab', 'moveScreenTab puts it first', order);
    const bulk = await (jira.screenTabs as unknown as Record<string, (p?: any) => Promise<any>>).getBulkScreenTabs({ screenId: [screen.id!] });
    t.check(bulk.values?.length === 2 && bulk.values.every((x: { screenId: number }) => x.screenId === screen.id), 'tabs in bulk name their screen', bulk);

    const tabId = tabs[0].id!;
    const first = await jira.screenTabFields.addScreenTabField({ screenId: screen.id!, tabId, fieldId: 'summary' });
    t.check(first.id === 'summary' && first.name === 'Summary', 'addScreenTabField answers the field', first);
    await jira.screenTabFields.addScreenTabField({ screenId: screen.id!, tabId, fieldId: 'priority' });
    await jira.screenTabFields.addScreenTabField({ screenId: screen.id!, tabId, fieldId: 'labels' });
    const onTab = await jira.screenTabFields.getAllScreenTabFields({ screenId: screen.id!, tabId });
    t.checkEffect(onTab.map((f) => f.id).join() === 'summary,priority,labels', 'fields are kept in the order added', onTab);
    await t.expectError(() => jira.screenTabFields.addScreenTabField({ screenId: screen.id!, tabId: details.id!, fieldId: 'summary' }), (e) => e.status === 400, 'a field shows once per screen');
    await jira.screenTabFields.moveScreenTabField({ screenId: screen.id!, tabId, id: 'labels', position: 'First' });
    const moved = await jira.screenTabFields.getAllScreenTabFields({ screenId: screen.id!, tabId });
    t.checkEffect(moved.map((f) => f.id).join() === 'labels,summary,priority', 'moveScreenTabField to First', moved);
    await jira.screenTabFields.removeScreenTabField({ screenId: screen.id!, tabId, id: 'priority' });
    const available = await jira.screens.getAvailableScreenFields({ screenId: screen.id! });
    t.checkEffect(available.some((f) => f.id === 'priority') && !available.some((f) => f.id === 'summary'), 'a removed field is available again', available.map((f) => f.id));
    await jira.screenTabs.deleteScreenTab({ screenId: screen.id!, tabId: details.id! });
    const oneTab = await jira.screenTabs.getAllScreenTabs({ screenId: screen.id! });
    t.checkEffect(oneTab.map((x) => x.id).join() === String(tabId), 'deleteScreenTab removes the tab', oneTab);

    const field = await jira.issueFields.createCustomField({ name: 'Triage notes', type: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' });
    t.check(!!field.id, 'a custom field to place', field);
    await api.addFieldToDefaultScreen({ fieldId: field.id! });
    const where = await jira.screens.getScreensForField({ fieldId: field.id! } as any);
    t.checkEffect(where.values?.map((s: { name?: string }) => s.name).join() === 'Default Screen' && where.values?.[0]?.tab?.name === 'Field Tab', 'addFieldToDefaultScreen puts it on the Default Screen', where);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screen-schemes/
    const scheme = await jira.screenSchemes.createScreenScheme({ name: 'Bug screens', screens: { default: 1, create: screen.id! } });
    t.check(Number(scheme.id) > 0, 'createScreenScheme answers the id', scheme);
    await t.expectError(() => jira.screens.deleteScreen({ screenId: screen.id! }), (e) => e.status === 400, 'a screen a scheme uses cannot be deleted');
    await jira.screenSchemes.updateScreenScheme({ screenSchemeId: String(scheme.id), name: 'Bug screen scheme', screens: { create: '1' } });
    const schemes = await jira.screenSchemes.getScreenSchemes({ queryString: 'bug' });
    const got = schemes.values?.[0];
    t.checkEffect(got?.name === 'Bug screen scheme' && got.screens?.create === 1 && got.screens?.default === 1, 'updateScreenScheme renames and remaps', schemes);
    await jira.screenSchemes.deleteScreenScheme({ screenSchemeId: String(scheme.id) });
    await jira.screens.deleteScreen({ screenId: screen.id! });
    const gone = await jira.screens.getScreens({ id: [screen.id!] });
    t.checkEffect(gone.total === 0, 'with its scheme deleted the screen can go too', gone);
  },
);
