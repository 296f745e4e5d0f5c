// jira.js compat: a team lead builds dashboards — create with sharing, gadgets on a grid, gadget properties, search, favourites through bulk edits, copy and delete.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

const pos = (row: number, column: number) => ({ 'The row position of the gadget.': row, 'The column position of the gadget.': column });

export const scenarios: Scenario[] = overBothClients(
  { name: 'dashboards: sharing, gadgets on a grid, item properties, search, bulk edit, copy, delete' },
  async (jira, ctx, t) => {
    const mate = teammate(ctx);
    const me = ctx.credentials.accountId as string;
    // jira.js 5.4.0 types the gadget and item-property calls as answering nothing and numeric dashboard ids; they answer JSON.
    const grid = jira.dashboards as unknown as Record<string, (p?: any) => Promise<any>>;
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/
    const ops = await jira.dashboards.createDashboard({ name: 'Ops overview', description: 'What is on fire', sharePermissions: [{ type: 'group', group: { name: 'jira-software-users' } }], editPermissions: [] });
    t.check(ops.owner?.accountId === me && ops.sharePermissions?.[0]?.type === 'group' && ops.isWritable === true && ops.view?.endsWith(`/jira/dashboards/${ops.id}`), 'createDashboard answers owner, sharing and view URL', ops);
    await t.expectError(() => jira.dashboards.createDashboard({ name: ' ', sharePermissions: [], editPermissions: [] }), (e) => e.status === 400 && !!e.response?.data?.errors?.name, 'a dashboard needs a name');
    const got = await jira.dashboards.getDashboard({ id: ops.id! });
    t.check(got.name === 'Ops overview' && got.isFavourite === false && got.systemDashboard === false, 'getDashboard reads it back', got);
    const renamed = await jira.dashboards.updateDashboard({ id: ops.id!, name: 'Ops board', description: 'Incidents and releases', sharePermissions: [{ type: 'global' }], editPermissions: [{ type: 'user', user: { accountId: mate.accountId } }] });
    t.check(renamed.name === 'Ops board' && renamed.sharePermissions?.[0]?.type === 'global' && renamed.editPermissions?.[0]?.user?.accountId === mate.accountId, 'updateDashboard replaces name and sharing', renamed);

    const catalogue = await jira.dashboards.getAllAvailableDashboardGadgets();
    const filterGadget = catalogue.gadgets?.find((g: any) => g.title === 'Filter Results');
    t.check(!!filterGadget?.moduleKey, 'the gadget catalogue lists Filter Results', catalogue);
    const g1 = await grid.addGadget({ dashboardId: ops.id!, moduleKey: filterGadget!.moduleKey, color: 'red', position: pos(0, 0) as any });
    t.check(g1.color === 'red' && g1.title === 'Filter Results' && (g1.position as any)['The column position of the gadget.'] === 0, 'addGadget places the gadget', g1);
    const g2 = await grid.addGadget({ dashboardId: ops.id!, moduleKey: 'com.atlassian.jira.gadgets:assigned-to-me-gadget', title: 'My work', color: 'green' });
    t.check((g2.position as any)['The row position of the gadget.'] === 1 && g2.title === 'My work', 'without a position a gadget goes below the last one', g2);
    await t.expectError(() => grid.addGadget({ dashboardId: ops.id!, moduleKey: 'no.such:gadget' }), (e) => e.status === 400, 'an unknown module key is refused');
    await t.expectError(() => grid.addGadget({ dashboardId: ops.id!, moduleKey: filterGadget!.moduleKey, position: pos(0, 0) as any }), (e) => e.status === 400, 'two gadgets cannot share a cell');
    await grid.updateGadget({ dashboardId: ops.id!, gadgetId: g2.id!, title: 'Assigned to me', color: 'purple', position: pos(0, 1) as any });
    const layout = await grid.getAllGadgets({ dashboardId: ops.id! });
    const moved = layout.gadgets?.find((g: any) => g.id === g2.id);
    t.checkEffect(moved?.title === 'Assigned to me' && moved.color === 'purple' && (moved.position as any)['The column position of the gadget.'] === 1, 'updateGadget moves and recolours', layout);
    const onlyFilter = await grid.getAllGadgets({ dashboardId: ops.id!, moduleKey: [filterGadget!.moduleKey!] });
    t.check(onlyFilter.gadgets?.map((g: any) => g.id).join() === String(g1.id), 'gadgets filtered by module key', onlyFilter);

    const itemId = String(g1.id);
    await grid.setDashboardItemProperty({ dashboardId: ops.id!, itemId, propertyKey: 'config', propertyValue: { filterId: 10000, columns: ['key', 'summary'] } });
    const prop = await grid.getDashboardItemProperty({ dashboardId: ops.id!, itemId, propertyKey: 'config' });
    t.checkEffect((prop.value as { filterId?: number }).filterId === 10000, 'gadget configuration round-trips as an item property', prop);
    const keys = await grid.getDashboardItemPropertyKeys({ dashboardId: ops.id!, itemId });
    t.check(keys.keys?.map((k: any) => k.key).join() === 'config', 'item property keys', keys);
    await grid.deleteDashboardItemProperty({ dashboardId: ops.id!, itemId, propertyKey: 'config' });
    await t.expectError(() => grid.getDashboardItemProperty({ dashboardId: ops.id!, itemId, propertyKey: 'config' }), (e) => e.status === 404, 'a deleted item property is gone', { effect: true });
    await grid.removeGadget({ dashboardId: ops.id!, gadgetId: g2.id! });
    const left = await grid.getAllGadgets({ dashboardId: ops.id! });
    t.checkEffect(left.gadgets?.map((g: any) => g.id).join() === String(g1.id), 'removeGadget takes it off the grid', left);

    const copy = await jira.dashboards.copyDashboard({ id: ops.id!, name: 'Ops board (copy)', sharePermissions: [], editPermissions: [] });
    t.check(copy.id !== ops.id && copy.owner?.accountId === me && copy.sharePermissions?.length === 0, 'copyDashboard makes a private copy', copy);
    const copiedGadgets = await grid.getAllGadgets({ dashboardId: copy.id! });
    t.check(copiedGadgets.gadgets?.length === 1 && copiedGadgets.gadgets[0].id !== g1.id && copiedGadgets.gadgets[0].title === 'Filter Results', 'the copy has its own gadgets', copiedGadgets);

    const search = await jira.dashboards.getDashboardsPaginated({ dashboardName: 'ops board', orderBy: '-name' });
    t.check(search.values?.map((d) => d.name).join() === 'Ops board (copy),Ops board', 'dashboard search by name, ordered', search);
    const all = await jira.dashboards.getAllDashboards({ filter: 'my' });
    t.check(all.total === 2 && all.dashboards?.every((d) => d.owner?.accountId === me), "getAllDashboards lists the caller's", all);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/#api-rest-api-3-dashboard-bulk-edit-put
    const bulk = await jira.dashboards.bulkEditDashboards({ action: 'changeOwner', entityIds: [Number(copy.id), 999999], changeOwnerDetails: { newOwner: mate.accountId, autofixName: false } });
    t.check(bulk.action === 'changeOwner' && Object.keys(bulk.entityErrors ?? {}).join() === '999999', 'bulk edit reports the entity it could not change', bulk);
    const handed = await jira.dashboards.getDashboard({ id: copy.id! });
    t.checkEffect(handed.owner?.accountId === mate.accountId, 'changeOwner handed the copy over', handed);
    const shared = (await jira.dashboards.bulkEditDashboards({ action: 'addPermission', entityIds: [Number(ops.id)], permissionDetails: { sharePermissions: [{ type: 'project', project: { id: '10000' } as any }], editPermissions: [] } })) as unknown as { entityErrors?: Record<string, unknown> };
    t.check(Object.keys(shared.entityErrors ?? {}).length === 0, 'addPermission succeeds', shared);
    const byProject = await jira.dashboards.getDashboardsPaginated({ projectId: 10000 });
    t.checkEffect(byProject.values?.map((d) => d.id).join() === ops.id, 'the added project share makes it findable by project', byProject);

    await jira.dashboards.deleteDashboard({ id: ops.id! });
    await t.expectError(() => jira.dashboards.getDashboard({ id: ops.id! }), (e) => e.status === 404, 'a deleted dashboard is gone', { effect: true });
  },
);
