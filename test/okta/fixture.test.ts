/** The seeded org: the default fixture's directory, groups, rules, apps and hook; the empty org; replay from the seed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { createTwin } from '../../src/core/twin.js';
import { definition } from '../../twins/okta/index.js';
import { all, sswsOrg as org, startOkta } from './helpers.js';

let seeded: Listening;
let empty: Listening;
beforeAll(async () => {
  seeded = await startOkta('default');
  empty = await startOkta('empty');
});
afterAll(async () => {
  await seeded.close();
  await empty.close();
});

describe('default fixture', () => {
  it('seeds a realistic org: people across departments and statuses, rule-made groups, apps, a hook', async () => {
    const { client, creds } = await org(seeded, 'acme');
    expect(creds.adminLogin).toBe('admin@acme.example');
    const everyone = await all(client.userApi.listUsers({ search: 'status pr' }));
    expect(everyone.length).toBe(41);
    const statuses = new Set(everyone.map((u) => u.status));
    for (const s of ['ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'LOCKED_OUT', 'STAGED', 'PASSWORD_EXPIRED']) expect(statuses).toContain(s);

    const groups = await all(client.groupApi.listGroups({}));
    const eng = groups.find((g) => g.profile?.name === 'Engineering')!;
    const engMembers = await all(client.groupApi.listGroupUsers({ groupId: eng.id! }));
    // Every Engineering-department user who is not deprovisioned got there by the active rule.
    const engPeople = everyone.filter((u) => u.profile?.department === 'Engineering' && u.status !== 'DEPROVISIONED');
    expect(engMembers.map((u) => u.id).sort()).toEqual(engPeople.map((u) => u.id).sort());
    expect(groups.find((g) => g.profile?.name === 'Domain Users')?.type).toBe('APP_GROUP');

    const rules = await all(client.groupApi.listGroupRules({}));
    expect(rules.filter((r) => r.status === 'INACTIVE').map((r) => r.name)).toEqual(['Legal (draft)']);
    const apps: any[] = await all(client.applicationApi.listApplications({}));
    expect(apps.map((a) => a.signOnMode)).toEqual(expect.arrayContaining(['BOOKMARK', 'OPENID_CONNECT', 'SAML_2_0']));
    const svc = apps.find((a) => a.label === 'HR Provisioning Service');
    expect(svc.settings.oauthClient.application_type).toBe('service');
    // A listed app never carries its client secret; the app's secret list does.
    expect(svc.credentials.oauthClient.client_secret).toBeUndefined();
    expect((await all(client.applicationSSOPublicKeysApi.listOAuth2ClientSecrets({ appId: svc.id })))[0].client_secret).toMatch(/^[\w-]{64}$/);
    const hooks = await all(client.eventHookApi.listEventHooks());
    expect(hooks.map((h) => [h.name, h.verificationStatus])).toEqual([['SIEM forwarder', 'UNVERIFIED']]);
  });

  it('the empty fixture holds only the built-ins: the admin, Everyone, the default type and policies, the SDK service app', async () => {
    const { client } = await org(empty, 'bare');
    expect((await all(client.userApi.listUsers({}))).length).toBe(1);
    expect((await all(client.groupApi.listGroups({}))).map((g) => g.profile?.name)).toEqual(['Everyone']);
    // Okta's built-in apps, then the OAuth half's service app for the SDK's PrivateKey mode.
    const apps = await all(client.applicationApi.listApplications({}));
    expect(apps.map((a) => [(a as { name?: string }).name, a.signOnMode])).toEqual([
      ['saasure', 'OPENID_CONNECT'], ['okta_enduser', 'OPENID_CONNECT'], ['okta_browser_plugin', 'OPENID_CONNECT'], ['oidc_client', 'OPENID_CONNECT'],
    ]);
    expect((await all(client.userTypeApi.listUserTypes())).length).toBe(1);
    expect((await all(client.policyApi.listPolicies({ type: 'OKTA_SIGN_ON' }))).length).toBe(1);
  });

  it('replays byte for byte from the same seed: ids, tokens and secrets', async () => {
    const snapshot = async () => {
      const twin = createTwin(definition(), { fixture: 'default', seed: 'replay' });
      const t = twin.tenant('acme');
      const data = t.toJSON();
      await twin.close();
      return data;
    };
    const [a, b] = await Promise.all([snapshot(), snapshot()]);
    const strip = (d: typeof a) => JSON.stringify(d.collections['/api/v1/users'].map((u) => [u.id, (u as any).profile.login])) + JSON.stringify(d.meta['okta:org']);
    expect(strip(a)).toBe(strip(b));
    expect(JSON.stringify(a.collections['/api/v1/apps'].map((x: any) => x.credentials?.oauthClient?.client_secret))).toBe(JSON.stringify(b.collections['/api/v1/apps'].map((x: any) => x.credentials?.oauthClient?.client_secret)));
  });
});
