// jira.js compat: the site's apps calling as themselves — Connect app properties and dynamic modules (JWT with qsh), Forge app properties and UI modifications (app token), data policies — and the same calls refused to a user.
import type { Scenario } from '../types.js';
import { appClient, overBothClients, teammate } from './clients.js';

const isGone = (e: { status?: number }) => e.status === 404;

export const scenarios: Scenario[] = overBothClients(
  { name: 'apps: Connect app properties and dynamic modules, Forge app properties and UI modifications, data policies' },
  async (user, ctx, t, api) => {
    const connect = appClient(ctx, t, api, 'connect');
    const forge = appClient(ctx, t, api, 'forge');
    const key = (ctx.credentials.connectApp as { key: string }).key;

    // App-only operations refuse a user's API token. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-app-properties/
    await t.expectError(() => user.appProperties.getAddonProperties({ addonKey: key }), (e) => e.status === 403, 'a user cannot read app properties');

    // Connect app properties — only the app named by the key.
    const created = await connect.appProperties.putAddonProperty({ addonKey: key, propertyKey: 'settings', propertyValue: { theme: 'dark', limits: [1, 2] } });
    t.check(created.statusCode === 201 && created.message === 'Property created.', 'putAddonProperty creates (201)', created);
    const updated = await connect.appProperties.putAddonProperty({ addonKey: key, propertyKey: 'settings', propertyValue: { theme: 'light' } });
    t.check(updated.statusCode === 200 && updated.message === 'Property updated.', 'a second put updates (200)', updated);
    const prop = await connect.appProperties.getAddonProperty({ addonKey: key, propertyKey: 'settings' });
    t.check(JSON.stringify(prop.value) === '{"theme":"light"}' && prop.key === 'settings', 'getAddonProperty reads the value back whole', prop);
    const keys = await connect.appProperties.getAddonProperties({ addonKey: key });
    t.check(keys.keys?.map((k) => k.key).join() === 'settings' && keys.keys?.[0]?.self?.endsWith(`/rest/atlassian-connect/1/addons/${key}/properties/settings`), 'getAddonProperties lists the key', keys);
    await t.expectError(() => connect.appProperties.getAddonProperties({ addonKey: 'someone-elses-app' }), (e) => e.status === 401, "another app's properties are not this app's");
    await connect.appProperties.deleteAddonProperty({ addonKey: key, propertyKey: 'settings' });
    await t.expectError(() => connect.appProperties.getAddonProperty({ addonKey: key, propertyKey: 'settings' }), isGone, 'deleteAddonProperty removes it', { effect: true });

    // Forge app properties: the Forge app only (a Connect app is refused).
    await t.expectError(() => connect.appProperties.getForgeAppPropertyKeys(), (e) => e.status === 403, 'Forge properties refuse a Connect app');
    const forgeSet = await forge.appProperties.putAppProperty({ propertyKey: 'feature-x', propertyValue: { enabled: true } as never });
    t.check(forgeSet.statusCode === 201, 'putAppProperty creates the Forge property', forgeSet);
    const forgeGot = await forge.appProperties.getForgeAppProperty({ propertyKey: 'feature-x' });
    t.check((forgeGot.value as { enabled?: boolean }).enabled === true, 'getForgeAppProperty reads it back', forgeGot);
    const forgeKeys = await forge.appProperties.getForgeAppPropertyKeys();
    t.check(forgeKeys.keys?.map((k) => k.key).join() === 'feature-x', 'getForgeAppPropertyKeys lists it', forgeKeys);
    await forge.appProperties.deleteAppProperty({ propertyKey: 'feature-x' });
    const forgeNone = await forge.appProperties.getForgeAppPropertyKeys();
    t.checkEffect(forgeNone.keys?.length === 0, 'deleteAppProperty removes it', forgeNone);

    // Dynamic modules (Connect). https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dynamic-modules/
    await connect.dynamicModules.registerModules({ modules: [{ key: 'release-panel', name: { value: 'Releases' }, url: '/panel', location: 'atl.jira.view.issue.right.context' }, { key: 'release-page', name: { value: 'Release page' }, url: '/page' }] } as never);
    const modules = await connect.dynamicModules.getModules();
    t.checkEffect(modules.modules?.map((m) => (m as { key?: string }).key).join() === 'release-panel,release-page', 'registerModules registers both modules', modules);
    await t.expectError(() => connect.dynamicModules.registerModules({ modules: [{ key: 'release-panel' }] } as never), (e) => e.status === 400, 'a module key is registered once');
    await connect.dynamicModules.removeModules({ moduleKey: ['release-panel'] });
    const left = await connect.dynamicModules.getModules();
    t.checkEffect(left.modules?.map((m) => (m as { key?: string }).key).join() === 'release-page', 'removeModules removes the named module', left);

    // UI modifications (Forge). https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-ui-modifications--apps-/
    const project = await user.projects.getProject({ projectIdOrKey: 'ENG' });
    const story = project.issueTypes?.find((x) => x.name === 'Story');
    const made = await forge.uiModificationsApps.createUiModification({ name: 'Hide estimate', data: '{"hide":["timetracking"]}', contexts: [{ projectId: project.id, issueTypeId: story!.id!, viewType: 'GIC' }] });
    t.check(typeof made.id === 'string' && made.self?.endsWith(`/uiModifications/${made.id}`), 'createUiModification answers its id and self', made);
    await t.expectError(() => forge.uiModificationsApps.createUiModification({ name: 'Bad', contexts: [{ projectId: '999999', issueTypeId: story!.id!, viewType: 'GIC' }] }), isGone, 'a context on an unknown project is refused');
    await forge.uiModificationsApps.updateUiModification({ uiModificationId: made.id, name: 'Hide the estimate', description: 'On create' });
    const mods = await forge.uiModificationsApps.getUiModifications({ expand: 'contexts' });
    const mod = mods.values?.[0];
    t.checkEffect(mods.total === 1 && mod?.name === 'Hide the estimate' && mod.description === 'On create' && mod.contexts?.[0]?.viewType === 'GIC', 'updateUiModification renames; getUiModifications lists it with its contexts', mods);
    await forge.uiModificationsApps.deleteUiModification({ uiModificationId: made.id });
    const noMods = await forge.uiModificationsApps.getUiModifications({});
    t.checkEffect(noMods.total === 0, 'deleteUiModification removes it', noMods);

    // Data-security policies: nothing blocks apps on this site. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-app-data-policies/
    const policy = await connect.appDataPolicies.getPolicy();
    t.check(policy.anyContentBlocked === false, 'getPolicy: no content blocked', policy);
    const policies = await connect.appDataPolicies.getPolicies({ ids: [String(project.id), '999999'] });
    t.check(policies.projectDataPolicies?.length === 1 && policies.projectDataPolicies[0]?.id === Number(project.id), 'getPolicies answers for the known project', policies);

    // Email lookups are for apps; a user's credential gets 400. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-email-get
    const mate = teammate(ctx);
    await t.expectError(() => user.users.getUserEmail({ accountId: mate.accountId }), (e) => e.status === 400, 'a user cannot look up emails');
    const email = await connect.users.getUserEmail({ accountId: mate.accountId });
    t.check(email.accountId === mate.accountId && email.email === mate.email, 'getUserEmail answers the app', email);
  },
);
