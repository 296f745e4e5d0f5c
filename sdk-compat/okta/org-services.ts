/** Okta SDK scenarios for org-wide services: features, devices, email delivery, log streaming, behaviors, SSF receivers, realms, hook keys, rate-limit shares. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr } from './common.js';

/** Self-service features with dependencies (Features API, "Update a feature lifecycle": mode=force). */
async function features(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const f = client.featureApi;
  const all = await collect(f.listFeatures());
  t.check(all.length >= 2 && all.every((x) => x.type === 'self-service' && /^ftr/.test(x.id!)), 'the org lists its self-service features', all);
  const dependent = all.find((x) => x.name === 'FastPass on managed devices')!;
  const deps = await collect(f.listFeatureDependencies({ featureId: dependent.id! }));
  t.check(deps.length === 1 && deps[0].name === 'Okta FastPass', 'a feature depends on another', deps);
  const base = deps[0];
  t.check((await collect(f.listFeatureDependents({ featureId: base.id! }))).map((x) => x.id).join() === dependent.id, 'and is its dependent');
  t.check((await f.getFeature({ featureId: base.id! })).status === 'DISABLED', 'off by default');
  await t.expectError(() => f.updateFeatureLifecycle({ featureId: dependent.id!, lifecycle: 'enable' as any }), oktaErr(400, 'E0000001'), 'a feature whose dependency is off cannot be enabled');
  const forced = await f.updateFeatureLifecycle({ featureId: dependent.id!, lifecycle: 'enable' as any, mode: 'force' } as any);
  t.check(forced.status === 'ENABLED' && forced.id === dependent.id, 'mode=force enables it', forced);
  t.checkEffect((await f.getFeature({ featureId: base.id! })).status === 'ENABLED', 'and its dependency with it');
  await t.expectError(() => f.updateFeatureLifecycle({ featureId: base.id!, lifecycle: 'disable' as any }), oktaErr(400, 'E0000001'), 'a feature with an enabled dependent cannot be disabled');
  t.check((await f.updateFeatureLifecycle({ featureId: dependent.id!, lifecycle: 'disable' as any })).status === 'DISABLED', 'the dependent switched off first');
  await t.expectError(() => f.getFeature({ featureId: 'ftrNoSuchFeature00000' }), oktaErr(404, 'E0000007'), 'an unknown feature is 404');
}

/** Devices: lifecycle rules and their users (Devices API). */
async function devices(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const d = client.deviceApi;
  const list = await collect(d.listDevices({}));
  t.check(list.length >= 1 && list.every((x) => /^guo/.test(x.id!) && x.status === 'ACTIVE'), "the org's registered devices", list);
  const dev = list[0];
  t.check((await d.getDevice({ deviceId: dev.id! })).profile?.displayName === dev.profile?.displayName, 'read back');
  const owners = await collect(d.listDeviceUsers({ deviceId: dev.id! }));
  t.check(owners.length === 1 && !!owners[0].user?.id, 'the user who enrolled it', owners);
  t.check((await collect(client.userApi.listUserDevices({ userId: owners[0].user!.id! }))).some((x) => x.device?.id === dev.id), "the user's devices list it");
  await t.expectError(() => d.deleteDevice({ deviceId: dev.id! }), oktaErr(400, 'E0000001'), 'an active device cannot be deleted');
  await d.suspendDevice({ deviceId: dev.id! });
  t.checkEffect((await d.getDevice({ deviceId: dev.id! })).status === 'SUSPENDED', 'suspended');
  await t.expectError(() => d.activateDevice({ deviceId: dev.id! }), oktaErr(400, 'E0000001'), 'a suspended device is unsuspended, not activated');
  await d.unsuspendDevice({ deviceId: dev.id! });
  t.checkEffect((await d.getDevice({ deviceId: dev.id! })).status === 'ACTIVE', 'unsuspended');
  await d.deactivateDevice({ deviceId: dev.id! });
  t.checkEffect((await d.getDevice({ deviceId: dev.id! })).status === 'DEACTIVATED', 'deactivated');
  await d.activateDevice({ deviceId: dev.id! });
  t.checkEffect((await d.getDevice({ deviceId: dev.id! })).status === 'ACTIVE', 'activated again');
  await d.deactivateDevice({ deviceId: dev.id! });
  await d.deleteDevice({ deviceId: dev.id! });
  await t.expectError(() => d.getDevice({ deviceId: dev.id! }), oktaErr(404, 'E0000007'), 'a deleted device is 404', { effect: true });
}

/** Custom SMTP servers and email domains. */
async function emailDelivery(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const s = client.emailServerApi;
  const created = await s.createEmailServer({ emailServerPost: { alias: 'Compat relay', host: 'smtp.example.com', port: 587, username: 'relay', password: 'Secr3t!pass', enabled: false } });
  t.check(/^ces/.test(created.id!) && created.host === 'smtp.example.com' && !('password' in created), 'an SMTP server, its password never answered', created);
  t.check((await s.getEmailServer({ emailServerId: created.id! })).alias === 'Compat relay', 'read back');
  // Okta lists servers under `email-servers` (Email Servers API: EmailServerListResponse); SDK 8.1 passes the object through.
  const listed = (await s.listEmailServers({})) as unknown as { 'email-servers'?: Array<{ id: string; host: string }> };
  t.check(listed['email-servers']?.map((x) => x.id).join() === created.id, 'listed under email-servers', listed);
  const second = await s.createEmailServer({ emailServerPost: { alias: 'Compat backup', host: 'smtp2.example.com', port: 2525, username: 'backup', password: 'An0ther!pass', enabled: true } });
  t.check(second.enabled === true, 'a second, enabled server');
  t.check((await s.updateEmailServer({ emailServerId: created.id!, emailServerRequest: { enabled: true } })).enabled === true, 'the first enabled');
  t.checkEffect((await s.getEmailServer({ emailServerId: second.id! })).enabled === false, 'enabling one disables the other');
  await s.testEmailServer({ emailServerId: created.id!, emailTestAddresses: { fromAddress: 'noreply@example.com', toAddress: 'admin@example.com' } });
  await t.expectError(() => s.testEmailServer({ emailServerId: created.id!, emailTestAddresses: { fromAddress: 'not-an-address', toAddress: 'admin@example.com' } }), oktaErr(400, 'E0000001'), 'a test needs real addresses', { effect: true });
  await t.expectError(() => s.createEmailServer({ emailServerPost: { alias: 'x', host: 'h.example.com', port: 0, username: 'u', password: 'p' } }), oktaErr(400, 'E0000001'), 'a port is required');
  await s.deleteEmailServer({ emailServerId: second.id! });
  await t.expectError(() => s.getEmailServer({ emailServerId: second.id! }), oktaErr(404, 'E0000007'), 'a deleted server is 404', { effect: true });

  const brands = await collect(client.customizationApi.listBrands());
  const brandId = brands[0]?.id ?? (await client.customizationApi.createBrand({ CreateBrandRequest: { name: 'Compat brand' } } as any)).id!;
  const ed = client.emailDomainApi;
  const domain = await ed.createEmailDomain({ emailDomain: { brandId, domain: 'mail-compat.example.com', displayName: 'Compat', userName: 'noreply' } });
  t.check(domain.validationStatus === 'NOT_STARTED' && domain.dnsValidationRecords?.some((r) => r.fqdn === '_oktaverification.mail-compat.example.com'), 'an email domain with its DNS records', domain);
  await t.expectError(() => ed.createEmailDomain({ emailDomain: { brandId: 'bndNoSuchBrand000000', domain: 'x.example.com', displayName: 'x', userName: 'x' } }), oktaErr(404, 'E0000007'), 'the brand must exist');
  t.check((await ed.getEmailDomain({ emailDomainId: domain.id! })).domain === 'mail-compat.example.com', 'read back');
  t.check((await ed.replaceEmailDomain({ emailDomainId: domain.id!, updateEmailDomain: { displayName: 'Compat Mail', userName: 'hello' } })).userName === 'hello', 'sender replaced');
  t.check((await ed.verifyEmailDomain({ emailDomainId: domain.id! })).validationStatus === 'VERIFIED', 'verified');
  t.checkEffect((await collect(ed.listEmailDomains({}))).some((x) => x.id === domain.id && x.validationStatus === 'VERIFIED'), 'listed as verified');
  await ed.deleteEmailDomain({ emailDomainId: domain.id! });
  await t.expectError(() => ed.getEmailDomain({ emailDomainId: domain.id! }), oktaErr(404, 'E0000007'), 'a deleted domain is 404', { effect: true });
}

/** Log streams and SSF receivers: resources with an ACTIVE/INACTIVE lifecycle. */
async function streams(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const ls = client.logStreamApi;
  const stream = await ls.createLogStream({ instance: { name: 'Compat EventBridge', type: 'aws_eventbridge', settings: { accountId: '123456789012', eventSourceName: 'compat', region: 'us-east-2' } } as any });
  t.check(stream.status === 'ACTIVE' && (stream as any).settings?.region === 'us-east-2', 'a log stream starts ACTIVE', stream);
  await t.expectError(() => ls.createLogStream({ instance: { name: 'x', type: 'kafka', settings: {} } as any }), oktaErr(400, 'E0000001'), 'an unknown stream type is refused');
  const schemas = await collect(client.schemaApi.listLogStreamSchemas());
  t.check(schemas.map((x) => x.title).sort().join() === 'AWS EventBridge,Splunk Cloud', 'a settings schema per stream type', schemas);
  const aws = await client.schemaApi.getLogStreamSchema({ logStreamType: 'aws_eventbridge' });
  t.check(aws.required?.join() === 'eventSourceName,accountId,region' && (aws.properties as any)?.accountId?.pattern === '^\\d{12}$', 'the EventBridge schema', aws);
  await t.expectError(() => ls.createLogStream({ instance: { name: 'x', type: 'aws_eventbridge', settings: { accountId: '12', eventSourceName: 'x', region: 'us-east-2' } } as any }), (e) => oktaErr(400, 'E0000001')(e) && /accountId/.test(JSON.stringify(e.errorCauses)), 'settings are checked against the schema');
  await t.expectError(() => ls.replaceLogStream({ logStreamId: stream.id!, instance: { name: 'Compat EventBridge', type: 'aws_eventbridge', settings: { accountId: '210987654321', eventSourceName: 'compat', region: 'us-east-2' } } as any }), oktaErr(400, 'E0000001'), 'write-once settings cannot change');
  t.check((await collect(ls.listLogStreams({}))).map((x) => x.id).join() === stream.id, 'listed');
  t.check((await ls.replaceLogStream({ logStreamId: stream.id!, instance: { name: 'Compat EventBridge 2', type: 'aws_eventbridge', settings: { accountId: '123456789012', eventSourceName: 'compat', region: 'us-east-2' } } as any })).name === 'Compat EventBridge 2', 'replaced');
  await ls.deactivateLogStream({ logStreamId: stream.id! });
  t.checkEffect((await ls.getLogStream({ logStreamId: stream.id! })).status === 'INACTIVE', 'deactivated');
  await ls.activateLogStream({ logStreamId: stream.id! });
  t.checkEffect((await ls.getLogStream({ logStreamId: stream.id! })).status === 'ACTIVE', 'activated');
  await ls.deleteLogStream({ logStreamId: stream.id! });
  await t.expectError(() => ls.getLogStream({ logStreamId: stream.id! }), oktaErr(404, 'E0000007'), 'a deleted stream is 404', { effect: true });

  const ssf = client.ssfReceiverApi;
  const p = await ssf.createSecurityEventsProviderInstance({ instance: { name: 'Compat transmitter', type: 'okta', settings: { well_known_url: 'https://transmitter.example.com/.well-known/ssf-configuration' } } as any });
  t.check(p.status === 'ACTIVE' && /^sse/.test(p.id!), 'an SSF receiver', p);
  await t.expectError(() => ssf.createSecurityEventsProviderInstance({ instance: { name: 'x', type: 'okta', settings: {} } as any }), oktaErr(400, 'E0000001'), 'a receiver needs a transmitter to read');
  t.check((await collect(ssf.listSecurityEventsProviderInstances())).length === 1, 'listed');
  t.check((await ssf.deactivateSecurityEventsProviderInstance({ securityEventProviderId: p.id! })).status === 'INACTIVE', 'deactivated');
  t.check((await ssf.activateSecurityEventsProviderInstance({ securityEventProviderId: p.id! })).status === 'ACTIVE', 'activated');
  t.check((await ssf.replaceSecurityEventsProviderInstance({ securityEventProviderId: p.id!, instance: { name: 'Compat transmitter 2', type: 'okta', settings: { issuer: 'https://t.example.com', jwks_url: 'https://t.example.com/jwks' } } as any })).name === 'Compat transmitter 2', 'replaced');
  t.check((await ssf.getSecurityEventsProviderInstance({ securityEventProviderId: p.id! })).name === 'Compat transmitter 2', 'read back');
  await ssf.deleteSecurityEventsProviderInstance({ securityEventProviderId: p.id! });
  await t.expectError(() => ssf.getSecurityEventsProviderInstance({ securityEventProviderId: p.id! }), oktaErr(404, 'E0000007'), 'a deleted receiver is 404', { effect: true });
}

/** Behavior detection rules (every org has Okta's defaults) and realms. */
async function behaviorsAndRealms(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const b = client.behaviorApi;
  const defaults = await collect(b.listBehaviorDetectionRules());
  t.check(['New City', 'New Country', 'New Device', 'New IP', 'Velocity'].every((n) => defaults.some((r) => r.name === n)), "Okta's default behaviors", defaults);
  const rule = await b.createBehaviorDetectionRule({ rule: { name: 'Compat velocity', type: 'VELOCITY', status: 'INACTIVE', settings: { velocityKph: 700 } } as any });
  t.check(rule.status === 'ACTIVE' && (rule as any).settings?.velocityKph === 700, 'a new rule starts ACTIVE whatever status is sent', rule);
  t.check((await b.replaceBehaviorDetectionRule({ behaviorId: rule.id!, rule: { name: 'Compat velocity', type: 'VELOCITY', settings: { velocityKph: 900 } } as any }) as any).settings.velocityKph === 900, 'replaced');
  t.check((await b.deactivateBehaviorDetectionRule({ behaviorId: rule.id! })).status === 'INACTIVE', 'deactivated');
  t.check((await b.activateBehaviorDetectionRule({ behaviorId: rule.id! })).status === 'ACTIVE', 'activated');
  t.check((await b.getBehaviorDetectionRule({ behaviorId: rule.id! })).name === 'Compat velocity', 'read back');
  await b.deleteBehaviorDetectionRule({ behaviorId: rule.id! });
  await t.expectError(() => b.getBehaviorDetectionRule({ behaviorId: rule.id! }), oktaErr(404, 'E0000007'), 'a deleted rule is 404', { effect: true });

  const r = client.realmApi;
  // Okta answers the realm type it was given (terraform cassettes: createRealm with and without realmType).
  const realm = await r.createRealm({ body: { profile: { name: 'Compat partners', realmType: 'PARTNER' } } as any });
  t.check(/^guo/.test(realm.id!) && realm.isDefault === false && realm.profile?.realmType === 'PARTNER', 'a partner realm', realm);
  await t.expectError(() => r.createRealm({ body: { profile: {} } as any }), oktaErr(400, 'E0000001'), 'a realm needs a name');
  t.check((await r.replaceRealm({ realmId: realm.id!, body: { profile: { name: 'Compat suppliers' } } as any })).profile?.name === 'Compat suppliers', 'renamed');
  t.check((await collect(r.listRealms({}))).some((x) => x.id === realm.id), 'listed');
  t.check((await r.getRealm({ realmId: realm.id! })).profile?.name === 'Compat suppliers', 'read back');
  await r.deleteRealm({ realmId: realm.id! });
  await t.expectError(() => r.getRealm({ realmId: realm.id! }), oktaErr(404, 'E0000007'), 'a deleted realm is 404', { effect: true });
}

/** Hook keys and per-principal rate limit shares. */
async function keysAndLimits(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const hk = client.hookKeyApi;
  const key = await hk.createHookKey({ keyRequest: { name: 'Compat hook key' } });
  t.check(key.isUsed === false && !!key.keyId && key._embedded?.kty === 'RSA' && !('d' in (key._embedded as object)), 'a hook key with its public JWK only', key);
  await t.expectError(() => hk.createHookKey({ keyRequest: { name: 'Compat hook key' } }), oktaErr(400, 'E0000001'), 'key names are unique');
  const pub = await hk.getPublicKey({ keyId: key.keyId! });
  t.check(pub.kid === key.keyId && pub.n === key._embedded?.n && pub.alg === 'RS256', 'the public key by keyId', pub);
  t.check((await collect(hk.listHookKeys())).map((k) => k.id).join() === key.id, 'listed');
  t.check((await hk.replaceHookKey({ hookKeyId: key.id!, keyRequest: { name: 'Compat hook key 2' } })).name === 'Compat hook key 2', 'renamed');
  t.check((await hk.getHookKey({ hookKeyId: key.id! })).name === 'Compat hook key 2', 'read back');
  await hk.deleteHookKey({ hookKeyId: key.id! });
  await t.expectError(() => hk.getPublicKey({ keyId: key.keyId! }), oktaErr(404, 'E0000007'), 'a deleted key publishes nothing', { effect: true });

  const prl = client.principalRateLimitApi;
  const token = (await collect(client.apiTokenApi.listApiTokens()))[0];
  const entity = await prl.createPrincipalRateLimitEntity({ entity: { principalId: token.id!, principalType: 'SSWS_TOKEN', defaultPercentage: 80, defaultConcurrencyPercentage: 90 } });
  t.check(entity.principalId === token.id && entity.defaultPercentage === 80 && !!entity.orgId, 'a rate-limit share for the API token', entity);
  await t.expectError(() => prl.createPrincipalRateLimitEntity({ entity: { principalId: token.id!, principalType: 'SSWS_TOKEN' } }), (e) => oktaErr(400, 'E0000001')(e) && /principalRateLimitMediated/.test(e.errorSummary), 'one entity per principal');
  const found = await collect(prl.listPrincipalRateLimitEntities({ filter: `principalType eq "SSWS_TOKEN" and principalId eq "${token.id}"` }));
  t.check(found.map((x) => x.id).join() === entity.id, 'found by filter');
  t.check((await prl.replacePrincipalRateLimitEntity({ principalRateLimitId: entity.id!, entity: { ...entity, defaultConcurrencyPercentage: 95 } })).defaultConcurrencyPercentage === 95, 'replaced');
  t.check((await prl.getPrincipalRateLimitEntity({ principalRateLimitId: entity.id! })).defaultConcurrencyPercentage === 95, 'read back');
  t.check((await collect(client.agentPoolsApi.listAgentPools({}))).length === 0, 'no agent pools without on-premises agents');
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'features: self-service features and their dependencies', run: features },
  { vendor: 'okta', sdk: SDK, name: 'devices: lifecycle and enrolled users', run: devices },
  { vendor: 'okta', sdk: SDK, name: 'email delivery: SMTP servers and email domains', run: emailDelivery },
  { vendor: 'okta', sdk: SDK, name: 'streams: log streams and SSF receivers', run: streams },
  { vendor: 'okta', sdk: SDK, name: 'behavior rules and realms', run: behaviorsAndRealms },
  { vendor: 'okta', sdk: SDK, name: 'hook keys, principal rate limits and agent pools', run: keysAndLimits },
  { vendor: 'okta', sdk: SDK, name: 'device configuration: push providers, device assurance, UI schemas, realm assignments', run: deviceConfiguration },
  { vendor: 'okta', sdk: SDK, name: 'security settings documents: rate limits, lockout, Desktop MFA, personal apps, CAPTCHA', run: securityDocuments },
];

/** Push providers, device assurance policies, UI schemas and realm assignments. */
async function deviceConfiguration(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const pp = client.pushProviderApi;
  const apns = await pp.createPushProvider({ pushProvider: { name: 'Compat APNs', providerType: 'APNS', configuration: { keyId: 'ABC123DEFG', teamId: 'TEAM123456', tokenSigningKey: '-----BEGIN PRIVATE KEY-----\nMIGT\n-----END PRIVATE KEY-----', fileName: 'AuthKey.p8' } } as any });
  t.check(/^ppc/.test(apns.id!) && (apns as any).configuration?.keyId === 'ABC123DEFG' && !(apns as any).configuration?.tokenSigningKey, 'an APNs provider, its signing key never answered', apns);
  const fcm = await pp.createPushProvider({ pushProvider: { name: 'Compat FCM', providerType: 'FCM', configuration: { serviceAccountJson: { type: 'service_account', project_id: 'compat-project', private_key: 'x' }, fileName: 'sa.json' } } as any });
  t.check((fcm as any).configuration?.projectId === 'compat-project' && !(fcm as any).configuration?.serviceAccountJson, 'an FCM provider keeps only the project id', fcm);
  t.check((await collect(pp.listPushProviders({ type: 'FCM' }))).map((p) => p.id).join() === fcm.id, 'listed by type');
  await t.expectError(() => pp.createPushProvider({ pushProvider: { name: 'Compat APNs', providerType: 'APNS', configuration: { keyId: 'k', teamId: 't', tokenSigningKey: 's' } } as any }), oktaErr(400, 'E0000001'), 'provider names are unique');
  t.check((await pp.replacePushProvider({ pushProviderId: apns.id!, pushProvider: { name: 'Compat APNs 2', providerType: 'APNS', configuration: { keyId: 'XYZ', teamId: 'TEAM123456', tokenSigningKey: 'k' } } as any })).name === 'Compat APNs 2', 'replaced');
  t.check(((await pp.getPushProvider({ pushProviderId: apns.id! })) as any).configuration?.keyId === 'XYZ', 'read back');
  await pp.deletePushProvider({ pushProviderId: fcm.id! });
  await t.expectError(() => pp.getPushProvider({ pushProviderId: fcm.id! }), oktaErr(404, 'E0000007'), 'a deleted provider is 404', { effect: true });

  const da = client.deviceAssuranceApi;
  const policy = await da.createDeviceAssurancePolicy({ deviceAssurance: { name: 'Compat macOS', platform: 'MACOS', osVersion: { minimum: '14.0.0' }, diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] }, screenLockType: { include: ['BIOMETRIC'] } } as any });
  t.check(/^dae/.test(policy.id!) && policy.platform === 'MACOS' && !!policy.createdDate && policy.createdBy === ctx.credentials.adminUserId, 'a device assurance policy', policy);
  await t.expectError(() => da.createDeviceAssurancePolicy({ deviceAssurance: { name: 'Compat bad', platform: 'AMIGA' } as any }), oktaErr(400, 'E0000001'), 'an unknown platform is refused');
  t.check((await collect(da.listDeviceAssurancePolicies())).map((p) => p.id).join() === policy.id, 'listed');
  t.check(((await da.replaceDeviceAssurancePolicy({ deviceAssuranceId: policy.id!, deviceAssurance: { name: 'Compat macOS 15', platform: 'MACOS', osVersion: { minimum: '15.0.0' } } as any })) as any).osVersion?.minimum === '15.0.0', 'replaced');
  await t.expectError(() => da.replaceDeviceAssurancePolicy({ deviceAssuranceId: policy.id!, deviceAssurance: { name: 'Compat macOS 15', platform: 'WINDOWS' } as any }), oktaErr(400, 'E0000001'), 'the platform is fixed');
  t.check((await da.getDeviceAssurancePolicy({ deviceAssuranceId: policy.id! })).name === 'Compat macOS 15', 'read back');
  await da.deleteDeviceAssurancePolicy({ deviceAssuranceId: policy.id! });
  await t.expectError(() => da.getDeviceAssurancePolicy({ deviceAssuranceId: policy.id! }), oktaErr(404, 'E0000007'), 'a deleted policy is 404', { effect: true });

  const ui = client.uiSchemaApi;
  const form = { type: 'Group', label: 'Sign up', buttonLabel: 'Register', elements: [{ type: 'Control', scope: '#/properties/firstName', label: 'First name', options: { format: 'text' } }] };
  const schema = await ui.createUISchema({ uischemabody: { uiSchema: form } as any });
  t.check(/^uis/.test(schema.id!) && schema.uiSchema?.buttonLabel === 'Register', 'a profile enrollment form', schema);
  await t.expectError(() => ui.createUISchema({ uischemabody: { uiSchema: { type: 'Group', elements: [{ type: 'Control', scope: 'firstName' }] } } as any }), oktaErr(400, 'E0000001'), 'an element must point into the profile');
  t.check((await collect(ui.listUISchemas())).map((s) => s.id).join() === schema.id, 'listed');
  t.check((await ui.replaceUISchemas({ id: schema.id!, updateUISchemaBody: { uiSchema: { ...form, buttonLabel: 'Join' } } as any })).uiSchema?.buttonLabel === 'Join', 'replaced');
  t.check((await ui.getUISchema({ id: schema.id! })).uiSchema?.buttonLabel === 'Join', 'read back');
  await ui.deleteUISchemas({ id: schema.id! });
  await t.expectError(() => ui.getUISchema({ id: schema.id! }), oktaErr(404, 'E0000007'), 'a deleted form is 404', { effect: true });

  const realm = await client.realmApi.createRealm({ body: { profile: { name: 'Compat contractors' } } as any });
  const ra = client.realmAssignmentApi;
  const rule = await ra.createRealmAssignment({ body: { name: 'Compat sales into the realm', priority: 0, conditions: { expression: { value: 'user.department == "Sales"' } }, actions: { assignUserToRealm: { realmId: realm.id } } } as any });
  t.check(/^rul/.test(rule.id!) && rule.status === 'INACTIVE' && rule.actions?.assignUserToRealm?.realmId === realm.id, 'a realm assignment, created INACTIVE', rule);
  await t.expectError(() => ra.createRealmAssignment({ body: { name: 'x', conditions: { expression: { value: 'user.department ==' } }, actions: { assignUserToRealm: { realmId: realm.id } } } as any }), oktaErr(400, 'E0000001'), 'an invalid expression is refused');
  await t.expectError(() => ra.executeRealmAssignment({ body: { assignmentId: rule.id } }), oktaErr(400, 'E0000001'), 'an INACTIVE assignment does not run');
  await ra.activateRealmAssignment({ assignmentId: rule.id! });
  t.checkEffect((await ra.getRealmAssignment({ assignmentId: rule.id! })).status === 'ACTIVE', 'activated');
  const sales = (await collect(client.userApi.listUsers({ search: 'profile.department eq "Sales"' }))).length;
  const op = await ra.executeRealmAssignment({ body: { assignmentId: rule.id } });
  t.check(op.status === 'COMPLETED' && op.numUserMoved === sales && op.realmId === realm.id, 'running it moves every Sales user', op);
  t.check((await collect(ra.listRealmAssignmentOperations({}))).map((o) => o.id).join() === op.id, 'the operation is listed');
  t.check((await ra.replaceRealmAssignment({ assignmentId: rule.id!, body: { name: 'Compat sales', priority: 0, conditions: { expression: { value: 'user.department == "Sales"' } }, actions: { assignUserToRealm: { realmId: realm.id } } } as any })).name === 'Compat sales', 'replaced');
  t.check((await collect(ra.listRealmAssignments({}))).map((r) => r.id).join() === rule.id, 'listed');
  await t.expectError(() => ra.deleteRealmAssignment({ assignmentId: rule.id! }), oktaErr(400, 'E0000001'), 'an ACTIVE assignment cannot be deleted');
  await ra.deactivateRealmAssignment({ assignmentId: rule.id! });
  t.checkEffect((await ra.getRealmAssignment({ assignmentId: rule.id! })).status === 'INACTIVE', 'deactivated');
  await ra.deleteRealmAssignment({ assignmentId: rule.id! });
  await t.expectError(() => ra.getRealmAssignment({ assignmentId: rule.id! }), oktaErr(404, 'E0000007'), 'a deleted assignment is 404', { effect: true });
}

/** Org-wide security settings read and replaced whole, with a new org's defaults, and CAPTCHA instances. */
async function securityDocuments(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const rl = client.rateLimitSettingsApi;
  t.check((await rl.getRateLimitSettingsWarningThreshold()).warningThreshold === 90, 'rate-limit warnings at 90% by default');
  await t.expectError(() => rl.replaceRateLimitSettingsWarningThreshold({ rateLimitWarningThreshold: { warningThreshold: 10 } }), oktaErr(400, 'E0000001'), 'a threshold under 30% is refused');
  await rl.replaceRateLimitSettingsWarningThreshold({ rateLimitWarningThreshold: { warningThreshold: 60 } });
  t.checkEffect((await rl.getRateLimitSettingsWarningThreshold()).warningThreshold === 60, 'threshold replaced');
  t.check((await rl.getRateLimitSettingsAdminNotifications()).notificationsEnabled === false, 'admin notifications off by default');
  await rl.replaceRateLimitSettingsAdminNotifications({ RateLimitAdminNotifications: { notificationsEnabled: true } });
  t.checkEffect((await rl.getRateLimitSettingsAdminNotifications()).notificationsEnabled === true, 'admin notifications on');
  t.check((await rl.getRateLimitSettingsPerClient()).defaultMode === 'ENFORCE', 'per-client limits enforced by default');
  await t.expectError(() => rl.replaceRateLimitSettingsPerClient({ perClientRateLimitSettings: { defaultMode: 'SOMETIMES' } as any }), oktaErr(400, 'E0000001'), 'an unknown mode is refused');
  await rl.replaceRateLimitSettingsPerClient({ perClientRateLimitSettings: { defaultMode: 'PREVIEW' } as any });
  t.checkEffect((await rl.getRateLimitSettingsPerClient()).defaultMode === 'PREVIEW', 'per-client mode replaced');

  const ap = client.attackProtectionApi;
  t.check((await ap.getUserLockoutSettings() as any).preventBruteForceLockoutFromUnknownDevices === false, 'lockout from unknown devices is not prevented by default');
  await ap.replaceUserLockoutSettings({ lockoutSettings: { preventBruteForceLockoutFromUnknownDevices: true } });
  t.checkEffect((await ap.getUserLockoutSettings() as any).preventBruteForceLockoutFromUnknownDevices === true, 'lockout setting replaced');
  t.check((await ap.getAuthenticatorSettings()).verifyKnowledgeSecondWhen2faRequired === false, 'a knowledge factor may come first by default');
  await t.expectError(() => ap.replaceAuthenticatorSettings({ authenticatorSettings: {} }), oktaErr(400, 'E0000001'), 'the setting is required');
  t.check((await ap.replaceAuthenticatorSettings({ authenticatorSettings: { verifyKnowledgeSecondWhen2faRequired: true } })).verifyKnowledgeSecondWhen2faRequired === true, 'knowledge second');
  t.check((await ap.getAuthenticatorSettings()).verifyKnowledgeSecondWhen2faRequired === true, 'read back');

  const da = client.deviceAccessApi;
  t.check((await da.getDesktopMFARecoveryPinOrgSetting()).desktopMFARecoveryPinEnabled === false, 'Desktop MFA recovery PIN off by default');
  await da.replaceDesktopMFARecoveryPinOrgSetting({ desktopMFARecoveryPinOrgSetting: { desktopMFARecoveryPinEnabled: true } });
  t.checkEffect((await da.getDesktopMFARecoveryPinOrgSetting()).desktopMFARecoveryPinEnabled === true, 'recovery PIN on');
  t.check((await da.getDesktopMFAEnforceNumberMatchingChallengeOrgSetting()).desktopMFAEnforceNumberMatchingChallengeEnabled === false, 'number matching off by default');
  await da.replaceDesktopMFAEnforceNumberMatchingChallengeOrgSetting({ desktopMFAEnforceNumberMatchingChallengeOrgSetting: { desktopMFAEnforceNumberMatchingChallengeEnabled: true } });
  t.checkEffect((await da.getDesktopMFAEnforceNumberMatchingChallengeOrgSetting()).desktopMFAEnforceNumberMatchingChallengeEnabled === true, 'number matching on');

  const ps = client.oktaPersonalSettingsApi;
  t.check((await ps.listPersonalAppsExportBlockList()).domains?.length === 0, 'no blocked personal-app domains');
  await ps.replaceBlockedEmailDomains({ personalAppsBlockList: { domains: ['rival.example'] } });
  t.checkEffect((await ps.listPersonalAppsExportBlockList()).domains?.join() === 'rival.example', 'a domain blocked');
  t.check((await client.orgSettingApi.getAutoAssignAdminAppSetting()).autoAssignAdminAppSetting === true, 'admins get the Admin Console app by default');
  await client.orgSettingApi.updateAutoAssignAdminAppSetting({ autoAssignAdminAppSetting: { autoAssignAdminAppSetting: false } });
  t.checkEffect((await client.orgSettingApi.getAutoAssignAdminAppSetting()).autoAssignAdminAppSetting === false, 'auto-assignment off');

  const cap = client.captchaApi;
  const inst = await cap.createCaptchaInstance({ instance: { name: 'Compat hCaptcha', type: 'HCAPTCHA', siteKey: 'site-key', secretKey: 'secret-key' } });
  t.check(!!inst.id && inst.type === 'HCAPTCHA', 'a CAPTCHA instance', inst);
  t.check((await collect(cap.listCaptchaInstances())).some((c) => c.id === inst.id), 'listed');
  t.check((await cap.getOrgCaptchaSettings()).captchaId == null, 'no org CAPTCHA yet');
  await cap.replacesOrgCaptchaSettings({ orgCAPTCHASettings: { captchaId: inst.id, enabledPages: ['SIGN_IN'] } } as any);
  t.checkEffect((await cap.getOrgCaptchaSettings()).captchaId === inst.id, 'the org uses it');
  await t.expectError(() => cap.replacesOrgCaptchaSettings({ orgCAPTCHASettings: { captchaId: 'capNoSuchInstance000', enabledPages: ['SIGN_IN'] } } as any), oktaErr(404, 'E0000007'), 'an unknown CAPTCHA is 404');
  await cap.deleteOrgCaptchaSettings();
  t.checkEffect((await cap.getOrgCaptchaSettings()).captchaId == null, 'org CAPTCHA removed');
  t.check((await cap.getCaptchaInstance({ captchaId: inst.id! })).name === 'Compat hCaptcha', 'instance read back');

  const svc: any = await client.applicationApi.createApplication({
    application: { name: 'oidc_client', label: 'Compat risk feed', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'] } } } as any,
  });
  const rp = client.riskProviderApi;
  const provider = await rp.createRiskProvider({ instance: { name: 'Compat risk', action: 'log_only', clientId: svc.credentials.oauthClient.client_id } as any });
  t.check(/^rkp/.test(provider.id!) && provider.action === 'log_only', 'a risk provider feeding through a service app', provider);
  await t.expectError(() => rp.createRiskProvider({ instance: { name: 'Compat risk 2', action: 'log_only', clientId: 'not-a-client' } as any }), oktaErr(400, 'E0000001'), 'the client must be a service app');
  t.check((await collect(rp.listRiskProviders())).map((p) => p.id).join() === provider.id, 'listed');
  t.check((await rp.replaceRiskProvider({ riskProviderId: provider.id!, instance: { name: 'Compat risk', action: 'enforce_and_log', clientId: svc.credentials.oauthClient.client_id } as any })).action === 'enforce_and_log', 'now enforced');
  t.check((await rp.getRiskProvider({ riskProviderId: provider.id! })).action === 'enforce_and_log', 'read back');
  await rp.deleteRiskProvider({ riskProviderId: provider.id! });
  await t.expectError(() => rp.getRiskProvider({ riskProviderId: provider.id! }), oktaErr(404, 'E0000007'), 'a deleted provider is 404', { effect: true });

  const me = ctx.credentials.adminUserId as string;
  t.check((await client.userApi.getUserRisk({ userId: me })).riskLevel === 'NONE', 'a user has no risk level until one is set');
  await t.expectError(() => client.userApi.upsertUserRisk({ userId: me, userRiskRequest: { riskLevel: 'MEDIUM' } as any }), oktaErr(400, 'E0000001'), 'only HIGH or LOW can be set');
  const high = await client.userApi.upsertUserRisk({ userId: me, userRiskRequest: { riskLevel: 'HIGH' } });
  t.check(high.riskLevel === 'HIGH' && (high as any).reason === 'Admin override risk', 'an admin raises the risk', high);
  t.check((await client.userApi.getUserRisk({ userId: me })).riskLevel === 'HIGH', 'read back');
}
