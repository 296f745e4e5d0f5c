/** Applications through the official SDK: bookmark, OIDC and SAML creation, lifecycle and delete rules, assignments, grants, secrets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import type { Listening } from '../../src/server/node.js';
import { all, newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const bookmark = (label: string) => ({ name: 'bookmark', label, signOnMode: 'BOOKMARK', settings: { app: { requestIntegration: false, url: 'https://example.com/bookmark.htm' } } }) as any;

describe('applications', () => {
  it('creates a bookmark app, refuses to delete it while ACTIVE (E0000056), deletes it once INACTIVE', async () => {
    const { client } = await org(server, 'app-bookmark');
    const app = await client.applicationApi.createApplication({ application: bookmark('Intranet') });
    expect(app.status).toBe('ACTIVE');
    expect(app.id).toMatch(/^0oa/);
    expect((app as any).settings.app.url).toBe('https://example.com/bookmark.htm');
    await expect(client.applicationApi.deleteApplication({ appId: app.id! })).rejects.toSatisfy((e: any) => {
      expect(e.status).toBe(403);
      expect(e.errorCode).toBe('E0000056');
      expect(e.errorSummary).toBe('Delete application forbidden.');
      expect(e.errorCauses).toEqual([{ errorSummary: 'The application must be deactivated before deletion.' }]);
      return true;
    });
    await client.applicationApi.deactivateApplication({ appId: app.id! });
    expect((await client.applicationApi.getApplication({ appId: app.id! })).status).toBe('INACTIVE');
    await client.applicationApi.deleteApplication({ appId: app.id! });
    await expect(client.applicationApi.getApplication({ appId: app.id! })).rejects.toSatisfy((e: any) => e.errorSummary === `Not found: Resource not found: ${app.id} (AppInstance)`);
  });

  it('creates OIDC web, browser and service apps with Okta client credentials', async () => {
    const { client } = await org(server, 'app-oidc');
    const web: any = await client.applicationApi.createApplication({
      application: {
        name: 'oidc_client', label: 'Web', signOnMode: 'OPENID_CONNECT',
        credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } },
        settings: { oauthClient: { application_type: 'web', redirect_uris: ['https://web.example.com/cb'], grant_types: ['authorization_code'], response_types: ['code'] } },
      } as any,
    });
    expect(web.credentials.oauthClient.client_id).toBe(web.id);
    expect(web.credentials.oauthClient.client_secret).toMatch(/^[\w-]{64}$/);
    const spa: any = await client.applicationApi.createApplication({
      application: { name: 'oidc_client', label: 'SPA', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'none' } }, settings: { oauthClient: { application_type: 'browser', redirect_uris: ['https://spa.example.com/cb'] } } } as any,
    });
    expect(spa.credentials.oauthClient.client_secret).toBeUndefined();
    const svc: any = await client.applicationApi.createApplication({
      application: { name: 'oidc_client', label: 'Worker', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'] } } } as any,
    });
    expect(svc.settings.oauthClient.grant_types).toEqual(['client_credentials']);
    await expect(
      client.applicationApi.createApplication({ application: { name: 'oidc_client', label: 'NoRedirect', signOnMode: 'OPENID_CONNECT', settings: { oauthClient: { application_type: 'web' } } } as any }),
    ).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001' && e.errorSummary === 'Api validation failed: redirect_uris');

    // Scope grants for the service app, and client secret rotation.
    const grant = await client.applicationApi.grantConsentToScope({ appId: svc.id, oAuth2ScopeConsentGrant: { issuer: 'https://example.okta.com', scopeId: 'okta.users.read' } as any });
    expect(grant.scopeId).toBe('okta.users.read');
    expect((await all(client.applicationApi.listScopeConsentGrants({ appId: svc.id }))).map((g) => g.scopeId)).toEqual(['okta.users.read']);
    await expect(client.applicationApi.grantConsentToScope({ appId: svc.id, oAuth2ScopeConsentGrant: { issuer: 'x', scopeId: 'openid' } as any })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');

    const secrets = await all(client.applicationSSOPublicKeysApi.listOAuth2ClientSecrets({ appId: svc.id }));
    expect(secrets.map((s) => s.client_secret)).toEqual([svc.credentials.oauthClient.client_secret]);
    const fresh = await client.applicationSSOPublicKeysApi.createOAuth2ClientSecret({ appId: svc.id, oAuth2ClientSecretRequestBody: {} as any });
    await client.applicationSSOPublicKeysApi.deactivateOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! });
    // Reads never carry the secret (terraform cassettes 2026); the secret list shows which one is in use.
    const after: any = await client.applicationApi.getApplication({ appId: svc.id });
    expect(after.credentials.oauthClient.client_secret).toBeUndefined();
    const active = (await all(client.applicationSSOPublicKeysApi.listOAuth2ClientSecrets({ appId: svc.id }))).filter((s) => s.status === 'ACTIVE');
    expect(active.map((s) => s.client_secret)).toEqual([fresh.client_secret]);
  });

  it('creates a custom SAML 2.0 app with a signing key id and requires its ACS URL', async () => {
    const { client } = await org(server, 'app-saml');
    const app: any = await client.applicationApi.createApplication({
      application: { label: 'Docs', signOnMode: 'SAML_2_0', settings: { signOn: { ssoAcsUrl: 'https://docs.example.com/acs', audience: 'https://docs.example.com' } } } as any,
    });
    expect(app.settings.signOn.recipient).toBe('https://docs.example.com/acs');
    expect(app.credentials.signing.kid).toMatch(/^[\w-]{43}$/);
    await expect(client.applicationApi.createApplication({ application: { label: 'Broken', signOnMode: 'SAML_2_0', settings: { signOn: { audience: 'x' } } } as any })).rejects.toSatisfy(
      (e: any) => e.errorCauses[0].errorSummary === 'ssoAcsUrl: The field cannot be left blank',
    );
  });

  it('assigns users directly and through groups, with app profiles and the group app list', async () => {
    const { client } = await org(server, 'app-assign');
    const app = await client.applicationApi.createApplication({ application: bookmark('Wiki') });
    const alice = await client.userApi.createUser({ body: newUser('alice@example.com') });
    const bob = await client.userApi.createUser({ body: newUser('bob@example.com') });
    const g = await client.groupApi.createGroup({ group: { profile: { name: 'Wiki users' } } });
    await client.groupApi.assignUserToGroup({ groupId: g.id!, userId: bob.id! });

    const au = await client.applicationApi.assignUserToApplication({ appId: app.id!, appUser: { id: alice.id, scope: 'USER', credentials: { userName: 'alice' }, profile: { role: 'editor' } } as any });
    expect(au.scope).toBe('USER');
    expect(au.credentials?.userName).toBe('alice');
    await client.applicationApi.assignGroupToApplication({ appId: app.id!, groupId: g.id!, applicationGroupAssignment: { priority: 0 } as any });

    const users = await all(client.applicationApi.listApplicationUsers({ appId: app.id! }));
    expect(users.map((u) => [u.id, u.scope])).toEqual([[alice.id, 'USER'], [bob.id, 'GROUP']]);
    expect((await all(client.groupApi.listAssignedApplicationsForGroup({ groupId: g.id! }))).map((a) => a.id)).toEqual([app.id]);
    expect((await all(client.userApi.listAppLinks({ userId: bob.id! }))).map((l) => l.label)).toEqual(['Wiki']);
    expect((await all(client.applicationApi.listApplications({ filter: `user.id eq "${bob.id}"` }))).map((a) => a.id)).toEqual([app.id]);

    const updated = await client.applicationApi.updateApplicationUser({ appId: app.id!, userId: alice.id!, appUser: { profile: { role: 'admin' } } as any });
    expect(updated.profile).toEqual({ role: 'admin' });
    await expect(client.applicationApi.unassignUserFromApplication({ appId: app.id!, userId: bob.id! })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000046');
    await client.applicationApi.unassignUserFromApplication({ appId: app.id!, userId: alice.id! });
    await client.applicationApi.unassignApplicationFromGroup({ appId: app.id!, groupId: g.id! });
    expect(await all(client.applicationApi.listApplicationUsers({ appId: app.id! }))).toEqual([]);
  });

  it('keeps private_key_jwt public keys in settings.oauthClient.jwks and refuses short RSA keys', async () => {
    const { client } = await org(server, 'app-jwks');
    const svc: any = await client.applicationApi.createApplication({
      application: { name: 'oidc_client', label: 'Signer', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'] } } } as any,
    });
    const jwk = (bits: number) => ({ ...(generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' }) as object), use: 'sig', alg: 'RS256' });
    await expect(client.applicationSSOPublicKeysApi.addJwk({ appId: svc.id, addJwkRequest: { ...jwk(1024), kid: 'short' } as any })).rejects.toSatisfy((e: any) => {
      expect(e.errorSummary).toBe('Api validation failed: JsonWebKey');
      expect(e.errorCauses).toEqual([{ errorSummary: "RSA key length in the 'jwks' is less than '2,048' bits for the given key." }]);
      return true;
    });
    const key: any = await client.applicationSSOPublicKeysApi.addJwk({ appId: svc.id, addJwkRequest: { ...jwk(2048), kid: 'k1' } as any });
    expect(key.status).toBe('ACTIVE');
    const app: any = await client.applicationApi.getApplication({ appId: svc.id });
    expect(app.settings.oauthClient.jwks.keys.map((k: any) => k.kid)).toEqual(['k1']);
  });

  it('lists with q and status filter, and replaces an app keeping its client credentials', async () => {
    const { client } = await org(server, 'app-list');
    const a = await client.applicationApi.createApplication({ application: bookmark('Alpha') });
    await client.applicationApi.createApplication({ application: bookmark('Beta'), activate: false });
    expect((await all(client.applicationApi.listApplications({ q: 'Al' }))).map((x) => x.label)).toEqual(['Alpha']);
    expect((await all(client.applicationApi.listApplications({ filter: 'status eq "INACTIVE"' }))).map((x) => x.label)).toEqual(['Beta']);
    const replaced: any = await client.applicationApi.replaceApplication({ appId: a.id!, application: { ...bookmark('Alpha 2'), settings: { app: { url: 'https://example.com/2' } } } });
    expect(replaced.label).toBe('Alpha 2');
    expect(replaced.settings.app.url).toBe('https://example.com/2');
    expect(replaced.created.getTime()).toBe(a.created!.getTime());
  });
});
