/** Okta SDK scenarios for custom authorization servers: servers, keys, scopes, claims, policies, rules, associations, refresh tokens. */
import okta from '@okta/okta-sdk-nodejs';
import { createHash, randomBytes } from 'node:crypto';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const sdkClient = (ctx: CompatContext) =>
  new okta.Client({ orgUrl: ctx.baseUrl, token: ctx.credentials.token, cacheMiddleware: null } as ConstructorParameters<typeof okta.Client>[0]);

const is404 = (e: any) => e?.status === 404 && e?.errorCode === 'E0000007';

async function collect<T>(c: AsyncIterable<T> | Promise<AsyncIterable<T>>): Promise<Array<NonNullable<T>>> {
  const out: Array<NonNullable<T>> = [];
  for await (const x of await c) if (x !== null && x !== undefined) out.push(x);
  return out;
}

async function serversLifecycle(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(sdkClient(ctx), '');
  const as = client.authorizationServerApi;

  const listed = await collect(as.listAuthorizationServers({}));
  t.check(listed.some((s) => s.name === 'default' && s.issuer === `${ctx.baseUrl}/oauth2/default`), 'the default server is listed with its issuer', listed.map((s) => s.issuer));

  const created = await as.createAuthorizationServer({ authorizationServer: { name: 'compat server', description: 'for SDK compat', audiences: ['api://compat'] } });
  const id = created.id!;
  t.check(created.status === 'ACTIVE' && created.issuer === `${ctx.baseUrl}/oauth2/${id}` && /^aus/.test(id), 'a new server is ACTIVE with an issuer on the caller origin', created);
  const got = await as.getAuthorizationServer({ authServerId: id });
  t.check(got.audiences?.[0] === 'api://compat', 'get returns the audiences');
  const replaced = await as.replaceAuthorizationServer({ authServerId: id, authorizationServer: { name: 'compat server', description: 'changed', audiences: ['api://compat', 'api://two'] } });
  t.check(replaced.description === 'changed' && replaced.audiences?.length === 2, 'replace updates description and audiences', replaced);

  const keys = await collect(as.listAuthorizationServerKeys({ authServerId: id }));
  t.check(keys.length === 1 && keys[0].status === 'ACTIVE' && keys[0].kty === 'RSA', 'one ACTIVE RSA key', keys);
  const key = await as.getAuthorizationServerKey({ authServerId: id, keyId: keys[0].kid! });
  t.check(key.kid === keys[0].kid, 'get key by kid');
  // SDK 8.1.0 returns the rotated key list as a Collection.
  const rotated = await collect(as.rotateAuthorizationServerKeys({ authServerId: id, use: { use: 'sig' } }));
  t.check(rotated.length === 2 && rotated[1].kid === keys[0].kid && rotated[1].status === 'EXPIRED', 'rotation keeps the old key as EXPIRED', rotated);

  const scopes = await collect(as.listOAuth2Scopes({ authServerId: id }));
  t.check(['openid', 'profile', 'email', 'address', 'phone', 'offline_access'].every((n) => scopes.some((s) => s.name === n && s.system)), 'system scopes exist', scopes.map((s) => s.name));
  const scope = await as.createOAuth2Scope({ authServerId: id, oAuth2Scope: { name: 'compat:read', description: 'Read', metadataPublish: 'ALL_CLIENTS' } });
  t.check(scope.system === false && /^scp/.test(scope.id!), 'custom scope created');
  t.check((await as.getOAuth2Scope({ authServerId: id, scopeId: scope.id! })).name === 'compat:read', 'get scope');
  const scope2 = await as.replaceOAuth2Scope({ authServerId: id, scopeId: scope.id!, oAuth2Scope: { name: 'compat:read', description: 'Read it all', _default: true } as any });
  t.check(scope2.description === 'Read it all' && scope2._default === true, 'replace scope', scope2);
  await as.deleteOAuth2Scope({ authServerId: id, scopeId: scope.id! });
  await t.expectError(() => as.getOAuth2Scope({ authServerId: id, scopeId: scope.id! }), is404, 'a deleted scope is 404 E0000007', { effect: true });

  const claims = await collect(as.listOAuth2Claims({ authServerId: id }));
  t.check(claims.some((c) => c.name === 'sub' && c.system), 'the system sub claim exists');
  const claim = await as.createOAuth2Claim({ authServerId: id, oAuth2Claim: { name: 'team', status: 'ACTIVE', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: '"compat"', conditions: { scopes: [] }, alwaysIncludeInToken: true } });
  t.check(/^ocl/.test(claim.id!) && claim.value === '"compat"', 'claim created', claim);
  t.check((await as.getOAuth2Claim({ authServerId: id, claimId: claim.id! })).name === 'team', 'get claim');
  const claim2 = await as.replaceOAuth2Claim({ authServerId: id, claimId: claim.id!, oAuth2Claim: { name: 'team2', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: '"compat"', conditions: { scopes: [] } } });
  t.check(claim2.name === 'team2', 'replace claim');
  await as.deleteOAuth2Claim({ authServerId: id, claimId: claim.id! });
  await t.expectError(() => as.getOAuth2Claim({ authServerId: id, claimId: claim.id! }), is404, 'a deleted claim is 404', { effect: true });

  const policy = await as.createAuthorizationServerPolicy({ authServerId: id, policy: { type: 'OAUTH_AUTHORIZATION_POLICY', name: 'compat policy', description: 'all clients', priority: 1, conditions: { clients: { include: ['ALL_CLIENTS'] } } } as any });
  t.check(policy.status === 'ACTIVE' && /^00p/.test(policy.id!), 'policy created');
  t.check((await collect(as.listAuthorizationServerPolicies({ authServerId: id }))).length === 1, 'one policy listed');
  t.check((await as.getAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! })).name === 'compat policy', 'get policy');
  const policy2 = await as.replaceAuthorizationServerPolicy({ authServerId: id, policyId: policy.id!, policy: { type: 'OAUTH_AUTHORIZATION_POLICY', name: 'compat policy 2', description: 'renamed', priority: 1, conditions: { clients: { include: ['ALL_CLIENTS'] } } } as any });
  t.check(policy2.name === 'compat policy 2', 'replace policy');
  await as.deactivateAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! });
  t.checkEffect((await as.getAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! })).status === 'INACTIVE', 'policy deactivated');
  await as.activateAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! });
  t.checkEffect((await as.getAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! })).status === 'ACTIVE', 'policy activated');

  const rule = await as.createAuthorizationServerPolicyRule({
    authServerId: id, policyId: policy.id!,
    policyRule: { type: 'RESOURCE_ACCESS', name: 'compat rule', priority: 1, conditions: { grantTypes: { include: ['authorization_code', 'client_credentials'] }, scopes: { include: ['*'] }, people: { groups: { include: ['EVERYONE'] } } }, actions: { token: { accessTokenLifetimeMinutes: 30, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 } } } as any,
  });
  t.check(/^0pr/.test(rule.id!) && rule.conditions?.grantTypes?.include?.[0] === 'client_credentials', 'rule created with Okta grant order', rule.conditions);
  t.check((await collect(as.listAuthorizationServerPolicyRules({ authServerId: id, policyId: policy.id! }))).length === 1, 'one rule listed');
  t.check((await as.getAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! })).name === 'compat rule', 'get rule');
  const rule2 = await as.replaceAuthorizationServerPolicyRule({
    authServerId: id, policyId: policy.id!, ruleId: rule.id!,
    policyRule: { type: 'RESOURCE_ACCESS', name: 'compat rule 2', priority: 2, conditions: { grantTypes: { include: ['client_credentials'] }, scopes: { include: ['*'] } } } as any,
  });
  t.check(rule2.name === 'compat rule 2' && rule2.priority === 1, 'replace rule keeps priorities dense', rule2);
  await as.deactivateAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! });
  t.checkEffect((await as.getAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! })).status === 'INACTIVE', 'rule deactivated');
  await as.activateAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! });
  t.checkEffect((await as.getAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! })).status === 'ACTIVE', 'rule activated');
  await as.deleteAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! });
  await t.expectError(() => as.deactivateAuthorizationServerPolicyRule({ authServerId: id, policyId: policy.id!, ruleId: rule.id! }), is404, 'a deleted rule is 404 (cassette test_policy_rules_lifecycle)', { effect: true });
  await as.deleteAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! });
  await t.expectError(() => as.getAuthorizationServerPolicy({ authServerId: id, policyId: policy.id! }), is404, 'a deleted policy is 404', { effect: true });

  const other = await as.createAuthorizationServer({ authorizationServer: { name: 'compat trusted', audiences: ['api://trusted'] } });
  // SDK 8.1.0 returns the association result as a Collection (the POST goes out when it is read).
  const assoc = await collect(as.createAssociatedServers({ authServerId: id, associatedServerMediated: { trusted: [other.id!] } }));
  t.check(assoc.length === 1 && assoc[0].id === other.id, 'association created');
  const trusted = await collect(as.listAssociatedServersByTrustedType({ authServerId: id, trusted: true }));
  t.check(trusted.map((s) => s.id).join() === other.id, 'trusted servers listed', trusted.map((s) => s.id));
  await as.deleteAssociatedServer({ authServerId: id, associatedServerId: other.id! });
  t.checkEffect((await collect(as.listAssociatedServersByTrustedType({ authServerId: id, trusted: true }))).length === 0, 'association removed');

  await as.deactivateAuthorizationServer({ authServerId: id });
  t.checkEffect((await as.getAuthorizationServer({ authServerId: id })).status === 'INACTIVE', 'server deactivated');
  await as.activateAuthorizationServer({ authServerId: id });
  t.checkEffect((await as.getAuthorizationServer({ authServerId: id })).status === 'ACTIVE', 'server activated');
  await as.deactivateAuthorizationServer({ authServerId: id });
  await as.deleteAuthorizationServer({ authServerId: id });
  await t.expectError(() => as.getAuthorizationServer({ authServerId: id }), is404, 'a deleted server is 404', { effect: true });
}

/** A person signs in (headless form POST), the app refreshes, and an admin lists and revokes the refresh tokens. */
async function refreshTokens(ctx: CompatContext, t: Tracker): Promise<void> {
  const raw = sdkClient(ctx);
  const client = t.track(sdkClient(ctx), '');
  const as = client.authorizationServerApi;
  const redirect = 'http://localhost:8080/callback';
  const app: any = await raw.applicationApi.createApplication({
    application: {
      name: 'oidc_client', label: 'compat web', signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } },
      settings: { oauthClient: { application_type: 'web', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: [redirect] } },
    } as any,
  });
  const everyone = (await collect(raw.groupApi.listGroups({ q: 'Everyone' })))[0];
  await raw.applicationApi.assignGroupToApplication({ appId: app.id, groupId: everyone.id!, applicationGroupAssignment: {} });
  const clientId = app.credentials.oauthClient.client_id;
  const secret = app.credentials.oauthClient.client_secret;

  const issuer = `${ctx.baseUrl}/oauth2/default`;
  const form = (p: Record<string, string>, auth?: string) => ({
    method: 'POST', redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    body: new URLSearchParams(p).toString(),
  });
  /** Sign in as the admin through the headless form POST and redeem the code: one refresh token per call. */
  const grant = async (): Promise<string | undefined> => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authz = await fetch(`${issuer}/v1/authorize`, form({
      client_id: clientId, redirect_uri: redirect, response_type: 'code', scope: 'openid offline_access', state: 's', nonce: 'n',
      code_challenge: challenge, code_challenge_method: 'S256', username: ctx.credentials.adminLogin, password: ctx.credentials.adminPassword,
    }));
    const code = new URL(authz.headers.get('location') ?? 'http://x/').searchParams.get('code');
    t.check(authz.status === 302 && !!code, 'headless sign-in redirects with a code', authz.headers.get('location'));
    const res = await fetch(`${issuer}/v1/token`, form({ grant_type: 'authorization_code', code: code ?? '', redirect_uri: redirect, code_verifier: verifier }, `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`));
    const tokens = await res.json();
    t.check(typeof tokens.refresh_token === 'string', 'the code redeems for a refresh token', tokens);
    return tokens.refresh_token;
  };
  await grant();

  const clients = await collect(as.listOAuth2ClientsForAuthorizationServer({ authServerId: 'default' }));
  t.check(clients.some((c) => c.client_id === clientId), 'the app is a client of the default server', clients);
  const list = await collect(as.listRefreshTokensForAuthorizationServerAndClient({ authServerId: 'default', clientId, expand: 'scope' }));
  t.check(list.length === 1 && list[0].status === 'ACTIVE', 'one active refresh token', list);
  const one = await as.getRefreshTokenForAuthorizationServerAndClient({ authServerId: 'default', clientId, tokenId: list[0].id! });
  t.check(one.userId === ctx.credentials.adminUserId, 'the token belongs to the signed-in user', one);
  await as.revokeRefreshTokenForAuthorizationServerAndClient({ authServerId: 'default', clientId, tokenId: list[0].id! });
  t.checkEffect((await collect(as.listRefreshTokensForAuthorizationServerAndClient({ authServerId: 'default', clientId }))).length === 0, 'revoked tokens leave the list');
  await grant();
  await as.revokeRefreshTokensForAuthorizationServerAndClient({ authServerId: 'default', clientId });
  t.checkEffect((await collect(as.listRefreshTokensForAuthorizationServerAndClient({ authServerId: 'default', clientId }))).length === 0, "every token of the client revoked");
  await t.expectError(() => as.listRefreshTokensForAuthorizationServerAndClient({ authServerId: 'default', clientId: '0oa_dummy_client_id' }).then(collect),
    (e) => e?.status === 404 && /PublicClientApp/.test(e?.errorSummary ?? ''), 'an unknown client is 404 (PublicClientApp)');

  // The same tokens seen from the app (Application API) and from the user (User API).
  await grant();
  await grant();
  const appTokens = await collect(client.applicationApi.listOAuth2TokensForApplication({ appId: app.id }));
  t.check(appTokens.length === 2, 'the app lists two tokens', appTokens);
  const appToken = await client.applicationApi.getOAuth2TokenForApplication({ appId: app.id, tokenId: appTokens[0].id! });
  t.check(appToken.clientId === clientId, 'get an app token');
  await client.applicationApi.revokeOAuth2TokenForApplication({ appId: app.id, tokenId: appTokens[0].id! });
  t.checkEffect((await collect(client.applicationApi.listOAuth2TokensForApplication({ appId: app.id }))).map((x) => x.id).join() === appTokens[1].id, 'the app revoked one token');
  const userId = ctx.credentials.adminUserId;
  const userClients = await collect(client.userApi.listUserClients({ userId }));
  t.check(userClients.length === 1 && userClients[0].client_id === clientId, 'the user has one client', userClients);
  const userTokens = await collect(client.userApi.listRefreshTokensForUserAndClient({ userId, clientId }));
  t.check(userTokens.length === 1 && userTokens[0].id === appTokens[1].id, 'one token left for the user', userTokens);
  t.check((await client.userApi.getRefreshTokenForUserAndClient({ userId, clientId, tokenId: userTokens[0].id! })).status === 'ACTIVE', 'get a user token');
  await client.userApi.revokeTokenForUserAndClient({ userId, clientId, tokenId: userTokens[0].id! });
  await grant();
  await client.userApi.revokeTokensForUserAndClient({ userId, clientId });
  t.checkEffect((await collect(client.userApi.listRefreshTokensForUserAndClient({ userId, clientId }))).length === 0, "the user's tokens for the client revoked");
  await grant();
  await client.applicationApi.revokeOAuth2TokensForApplication({ appId: app.id });
  t.checkEffect((await collect(client.userApi.listUserClients({ userId }))).length === 0, 'no clients once every token is revoked');

  // Consent: signing in to an app that asks for a REQUIRED-consent scope leaves the user's grant (Okta API reference, User Grants).
  const scope = await raw.authorizationServerApi.createOAuth2Scope({ authServerId: 'default', oAuth2Scope: { name: 'compat.photos', consent: 'REQUIRED' } as any });
  const consent = async (): Promise<void> => {
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    await fetch(`${issuer}/v1/authorize`, form({
      client_id: clientId, redirect_uri: redirect, response_type: 'code', scope: 'openid compat.photos', state: 's',
      code_challenge: challenge, code_challenge_method: 'S256', username: ctx.credentials.adminLogin, password: ctx.credentials.adminPassword,
    }));
  };
  await consent();
  const grants = await collect(client.userApi.listUserGrants({ userId, expand: 'scope' }));
  t.check(grants.length === 1 && grants[0].scopeId === scope.id && grants[0].clientId === clientId && grants[0].source === 'END_USER', 'the consent is one END_USER grant', grants);
  t.check((await client.userApi.getUserGrant({ userId, grantId: grants[0].id! })).userId === userId, 'get a user grant');
  t.check((await collect(client.userApi.listGrantsForUserAndClient({ userId, clientId }))).map((g) => g.id).join() === grants[0].id, "the grant listed under its client");
  await client.userApi.revokeUserGrant({ userId, grantId: grants[0].id! });
  t.checkEffect((await collect(client.userApi.listUserGrants({ userId }))).length === 0, 'a revoked grant leaves the list');
  await consent();
  await client.userApi.revokeGrantsForUserAndClient({ userId, clientId });
  t.checkEffect((await collect(client.userApi.listGrantsForUserAndClient({ userId, clientId }))).length === 0, "the client's grants revoked");
  await consent();
  await client.userApi.revokeUserGrants({ userId });
  t.checkEffect((await collect(client.userApi.listUserGrants({ userId }))).length === 0, 'every grant of the user revoked');
  await t.expectError(() => client.userApi.getUserGrant({ userId, grantId: grants[0].id! }), (e) => e?.status === 404 && e?.errorCode === 'E0000007', 'a revoked grant is 404', { effect: true });
}

/** The SDK in PrivateKey mode: private_key_jwt, the DPoP nonce round, DPoP-bound API calls. */
async function privateKeyMode(ctx: CompatContext, t: Tracker): Promise<void> {
  const svc = ctx.credentials.serviceApp;
  t.check(svc && svc.clientId && svc.privateKey, 'credentials hand out a service app', Object.keys(ctx.credentials));
  const client = t.track(new okta.Client({
    orgUrl: ctx.baseUrl, authorizationMode: 'PrivateKey', clientId: svc.clientId, scopes: ['okta.users.read', 'okta.authorizationServers.read'],
    privateKey: svc.privateKey, keyId: svc.keyId, cacheMiddleware: null,
  } as ConstructorParameters<typeof okta.Client>[0]), '');
  const users = await collect(client.userApi.listUsers({}));
  t.check(users.some((u) => u.id === ctx.credentials.adminUserId), 'the admin is listed through an OAuth token');
  const servers = await collect(client.authorizationServerApi.listAuthorizationServers({}));
  t.check(servers.some((s) => s.name === 'default'), 'authorization servers readable with okta.authorizationServers.read');
  await t.expectError(() => client.groupApi.listGroups({}).then(collect), (e) => e?.status === 403, 'a scope the token lacks is 403');
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: '@okta/okta-sdk-nodejs', name: 'oauth: authorization server lifecycle, keys, scopes, claims, policies, rules', run: serversLifecycle },
  { vendor: 'okta', sdk: '@okta/okta-sdk-nodejs', name: 'oauth: refresh tokens of a signed-in user, listed and revoked by an admin', run: refreshTokens },
  { vendor: 'okta', sdk: '@okta/okta-sdk-nodejs', name: 'oauth: PrivateKey mode with DPoP against the org server', run: privateKeyMode },
];
