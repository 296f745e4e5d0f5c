/** Okta SDK scenarios for org surfaces: custom domains with DNS verification, IdP keys and CSRs, app provisioning connections, federated claims and group push, hosted pages and theme images. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr } from './common.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A real X.509 certificate (one of a new app's signing certificates), as base64 DER and as PEM. */
async function someCertificate(client: ReturnType<typeof oktaClient>): Promise<{ der: string; pem: string }> {
  const app = await client.applicationApi.createApplication({ application: { label: 'Compat Cert Source', signOnMode: 'SAML_2_0', settings: { signOn: { ssoAcsUrl: 'https://sp.example.com/acs', audience: 'https://sp.example.com', recipient: 'https://sp.example.com/acs', destination: 'https://sp.example.com/acs', subjectNameIdTemplate: '${user.userName}', subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', signatureAlgorithm: 'RSA_SHA256', digestAlgorithm: 'SHA256', authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' } } } as any });
  const der = (await collect(client.applicationApi.listApplicationKeys({ appId: app.id! })))[0].x5c![0];
  const pem = `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  return { der, pem };
}

/** Custom domains: DNS records shown at creation, verification against published records, then a certificate (Custom Domains API). */
async function customDomains(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const d = client.customDomainApi;
  const created = await d.createCustomDomain({ domain: { domain: 'login.compat-example.com', certificateSourceType: 'MANUAL' } as any });
  const txt = created.dnsRecords?.find((r) => r.recordType === 'TXT');
  const cname = created.dnsRecords?.find((r) => r.recordType === 'CNAME');
  t.check(created.validationStatus === 'NOT_STARTED' && txt?.fqdn === '_oktaverification.login.compat-example.com' && cname?.fqdn === 'login.compat-example.com' && !!created.brandId, 'a domain shows the DNS records that prove it, on a brand of its own', created);
  await t.expectError(() => d.createCustomDomain({ domain: { domain: 'login.compat-example.com', certificateSourceType: 'MANUAL' } as any }), oktaErr(400, 'E0000001'), 'a domain is registered once');
  t.check((await d.listCustomDomains()).domains?.some((x) => x.id === created.id) === true, 'listed');
  t.check((await d.getCustomDomain({ domainId: created.id! })).domain === 'login.compat-example.com', 'read back');
  // Before the records exist, verification fails; a certificate is refused until the domain is verified.
  t.check(((await d.verifyDomain({ domainId: created.id! })).validationStatus as string) === 'FAILED_TO_VERIFY', 'verification fails while the DNS records are missing');
  const cert = await someCertificate(client);
  await t.expectError(() => d.upsertCertificate({ domainId: created.id!, certificate: { type: 'PEM', certificate: cert.pem, privateKey: 'compat-private-key', certificateChain: cert.pem } as any }), oktaErr(403, 'E0000006'), 'no certificate for an unverified domain');
  await ctx.control('PUT', 'okta/dns', { type: 'TXT', fqdn: txt!.fqdn, values: txt!.values });
  await ctx.control('PUT', 'okta/dns', { type: 'CNAME', fqdn: cname!.fqdn, values: cname!.values });
  t.check((await d.verifyDomain({ domainId: created.id! })).validationStatus === 'VERIFIED', 'verified once the records are published');
  await d.upsertCertificate({ domainId: created.id!, certificate: { type: 'PEM', certificate: cert.pem, privateKey: 'compat-private-key', certificateChain: cert.pem } as any });
  const withCert = await d.getCustomDomain({ domainId: created.id! });
  t.checkEffect(withCert.validationStatus === 'COMPLETED' && !!withCert.publicCertificate?.fingerprint && !!withCert.publicCertificate?.expiration, 'the certificate completes the domain', withCert);
  const brand = await client.customizationApi.createBrand({ CreateBrandRequest: { name: 'Compat Domain Brand' } } as any);
  t.check((await d.replaceCustomDomain({ domainId: created.id!, UpdateDomain: { brandId: brand.id! } })).brandId === brand.id, 'moved to another brand');
  t.check((await client.customizationApi.listBrandDomains({ brandId: brand.id! })).domains?.map((x) => x.id).join() === created.id, "listed among the brand's domains");
  await d.deleteCustomDomain({ domainId: created.id! });
  await t.expectError(() => d.getCustomDomain({ domainId: created.id! }), oktaErr(404, 'E0000007'), 'a deleted domain is 404', { effect: true });
}

/** IdP keys: the org's trusted certificates, an IdP's own signing keys and its CSRs (Identity Provider Keys / Signing Keys APIs). */
async function idpKeys(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const idps = client.identityProviderApi;
  const cert = await someCertificate(client);
  const trusted = await idps.createIdentityProviderKey({ jsonWebKey: { x5c: [cert.der] } as any });
  t.check(trusted.x5c?.[0] === cert.der && trusted.kty === 'RSA' && !!trusted.kid && !!trusted.expiresAt, 'a trusted certificate with its kid and expiry', trusted);
  await t.expectError(() => idps.createIdentityProviderKey({ jsonWebKey: { x5c: ['bm90IGEgY2VydGlmaWNhdGU='] } as any }), oktaErr(400, 'E0000001'), 'a certificate must parse');
  t.check((await idps.getIdentityProviderKey({ keyId: trusted.kid! })).x5c?.[0] === cert.der, 'read back');
  t.check((await idps.replaceIdentityProviderKey({ keyId: trusted.kid!, idPKeyCredential: { x5c: [cert.der] } as any })).kid === trusted.kid, 'replaced, keeping its kid');
  await idps.deleteIdentityProviderKey({ keyId: trusted.kid! });
  await t.expectError(() => idps.getIdentityProviderKey({ keyId: trusted.kid! }), oktaErr(404, 'E0000007'), 'a deleted certificate is 404', { effect: true });

  const mk = (name: string) => idps.createIdentityProvider({ identityProvider: { type: 'SAML2', name, protocol: { type: 'SAML2', endpoints: { sso: { url: 'https://partner.example.com/sso', binding: 'HTTP-POST' } } } } as any });
  const a = await mk('Compat Keys A');
  const b = await mk('Compat Keys B');
  const gen = await idps.generateIdentityProviderSigningKey({ idpId: a.id!, validityYears: 2 });
  const years = (Date.parse(gen.expiresAt as any) - Date.parse(gen.created as any)) / (365.25 * 86400_000);
  t.check(!!gen.kid && gen.x5c?.length === 1 && Math.round(years) === 2, 'a signing key valid for the years asked', gen);
  t.check((await collect(idps.listIdentityProviderSigningKeys({ idpId: a.id! }))).some((k) => k.kid === gen.kid), "listed among the IdP's keys");
  t.check((await idps.getIdentityProviderSigningKey({ idpId: a.id!, keyId: gen.kid! })).kid === gen.kid, 'read back');
  // Okta gives a new SAML IdP the key it signs AuthnRequests with (`protocol.credentials.signing.kid`): that is its active key.
  const active = await collect(idps.listActiveIdentityProviderSigningKey({ idpId: b.id! }));
  t.check(active.length === 1 && active[0].kid === (b.protocol as any)?.credentials?.signing?.kid, "a SAML IdP's active key is the one it signs requests with", active);
  const cloned = await idps.cloneIdentityProviderKey({ idpId: a.id!, keyId: gen.kid!, targetIdpId: b.id! });
  t.check(cloned.kid === gen.kid && cloned.x5c?.[0] === gen.x5c?.[0], 'cloned with its kid and certificate', cloned);
  t.check((await collect(idps.listIdentityProviderSigningKeys({ idpId: b.id! }))).some((k) => k.kid === gen.kid), 'listed on the other IdP');
  await t.expectError(() => idps.cloneIdentityProviderKey({ idpId: a.id!, keyId: gen.kid!, targetIdpId: b.id! }), oktaErr(400, 'E0000001'), 'a key is cloned to an IdP once');

  const csr: any = await idps.generateCsrForIdentityProvider({ idpId: a.id!, metadata: { subject: { countryName: 'US', organizationName: 'Compat', commonName: 'idp.example.com' } } as any });
  t.check(typeof csr.csr === 'string' && Buffer.from(csr.csr, 'base64')[0] === 0x30 && csr.kty === 'RSA', 'a CSR is a DER request', csr);
  t.check((await collect(idps.listCsrsForIdentityProvider({ idpId: a.id! }))).map((x) => x.id).join() === csr.id, 'the CSR is listed');
  t.check((await idps.getCsrForIdentityProvider({ idpId: a.id!, csrId: csr.id } as any)).csr === csr.csr, 'the CSR reads back');
  // A certificate for another key does not answer this CSR: refused, and the CSR stays pending.
  await t.expectError(() => idps.publishCsrForIdentityProvider({ idpId: a.id!, csrId: csr.id, body: { data: Buffer.from(cert.der, 'base64'), name: 'cert.cer' } } as any), oktaErr(400, 'E0000001'), 'a certificate for another key is refused', { effect: true });
  t.checkEffect((await collect(idps.listCsrsForIdentityProvider({ idpId: a.id! }))).length === 1, 'the CSR is still pending');
  await idps.revokeCsrForIdentityProvider({ idpId: a.id!, csrId: csr.id } as any);
  await t.expectError(() => idps.getCsrForIdentityProvider({ idpId: a.id!, csrId: csr.id } as any), oktaErr(404, 'E0000007'), 'a revoked CSR is gone', { effect: true });
}

/** App provisioning connections (Application Connections API) and federated claims (Federated Claims API). */
async function appConnections(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const apps = client.applicationApi;
  const org2org = await apps.createApplication({ application: { name: 'okta_org2org', label: 'Compat Org2Org', signOnMode: 'SAML_2_0', settings: { app: { acsUrl: 'https://partner.example.com/sso/saml2/x', audRestriction: 'https://www.okta.com/saml2/service-provider/x', baseUrl: 'https://partner.example.com' } } } as any });
  const conn = await apps.getDefaultProvisioningConnectionForApplication({ appId: org2org.id! });
  t.check(conn.status === 'DISABLED' && conn.authScheme === 'TOKEN' && !!(conn._links as any)?.activate, 'a new Org2Org app has a disabled token connection', conn);
  await t.expectError(() => apps.activateDefaultProvisioningConnectionForApplication({ appId: org2org.id! }), oktaErr(400, 'E0000001'), 'no connection is enabled without a verified credential');
  const oauth = await apps.updateDefaultProvisioningConnectionForApplication({ appId: org2org.id!, ProvisioningConnectionRequest: { profile: { authScheme: 'OAUTH2', clientId: 'compat-client' } } as any });
  t.check((oauth.authScheme as string) === 'OAUTH2' && oauth.status === 'DISABLED', 'an OAuth 2.0 connection waits for consent', oauth);
  await t.expectError(() => apps.verifyProvisioningConnectionForApplication({ appName: 'okta_org2org' as any, appId: org2org.id! }), oktaErr(400, 'E0000001'), 'the consent callback needs its code');
  await apps.verifyProvisioningConnectionForApplication({ appName: 'okta_org2org' as any, appId: org2org.id!, code: 'compat-code' });
  await apps.activateDefaultProvisioningConnectionForApplication({ appId: org2org.id! });
  t.checkEffect((await apps.getDefaultProvisioningConnectionForApplication({ appId: org2org.id! })).status === 'ENABLED', 'consent given, the connection is enabled');
  await apps.deactivateDefaultProvisioningConnectionForApplication({ appId: org2org.id! });
  t.checkEffect((await apps.getDefaultProvisioningConnectionForApplication({ appId: org2org.id! })).status === 'DISABLED', 'and disabled again');
  const bookmark = await apps.createApplication({ application: { name: 'bookmark', label: 'Compat No Provisioning', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } } as any });
  // okta-sdk-python cassettes (test_application_connections_it): a bookmark app answers a connection of unknown scheme and status.
  const unknown = await apps.getDefaultProvisioningConnectionForApplication({ appId: bookmark.id! });
  t.check((unknown.status as string) === 'UNKNOWN' && (unknown.profile?.authScheme as string) === 'UNKNOWN' && !unknown._links, 'an app without provisioning has a connection of unknown scheme', unknown);

  const claim = await apps.createFederatedClaim({ appId: org2org.id!, federatedClaimRequestBody: { name: 'department', expression: 'user.profile.department' } });
  t.check(claim.name === 'department' && claim.expression === 'user.profile.department' && !!claim.id && !!claim.created, 'a federated claim', claim);
  await t.expectError(() => apps.createFederatedClaim({ appId: org2org.id!, federatedClaimRequestBody: { name: 'department', expression: 'x' } }), oktaErr(400, 'E0000001'), 'claim names are unique per app');
  t.check((await collect(apps.listFederatedClaims({ appId: org2org.id! }))).map((c) => c.id).join() === claim.id, 'listed');
  t.check((await apps.getFederatedClaim({ appId: org2org.id!, claimId: claim.id! })).expression === 'user.profile.department', 'read back');
  t.check((await apps.replaceFederatedClaim({ appId: org2org.id!, claimId: claim.id!, federatedClaim: { name: 'department', expression: 'user.profile.division' } })).expression === 'user.profile.division', 'replaced');
  await apps.deleteFederatedClaim({ appId: org2org.id!, claimId: claim.id! });
  await t.expectError(() => apps.getFederatedClaim({ appId: org2org.id!, claimId: claim.id! }), oktaErr(404, 'E0000007'), 'a deleted claim is 404', { effect: true });
}

/**
 * Group push: an Okta group pushed to a new group in a provisioning app's directory, read, listed by source group,
 * deactivated and deleted (Group Push Mapping API; terraform cassettes TestAccDataSourceOktaPushGroup_read and
 * TestAccResourceOktaPushGroup: created ACTIVE with a target group id of its own, PATCH status, DELETE ?deleteTargetGroup).
 */
async function groupPush(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const push = client.groupPushMappingApi;
  const app = await client.applicationApi.createApplication({ application: { name: 'okta_org2org', label: 'Compat Push Target', signOnMode: 'SAML_2_0', settings: { app: { acsUrl: 'https://partner.example.com/sso/saml2/p', audRestriction: 'https://www.okta.com/saml2/service-provider/p', baseUrl: 'https://partner.example.com' } } } as any });
  const source = await client.groupApi.createGroup({ group: { profile: { name: 'Compat Pushed Engineers' } } });
  const other = await client.groupApi.createGroup({ group: { profile: { name: 'Compat Pushed Sales' } } });
  const m = await push.createGroupPushMapping({ appId: app.id!, body: { sourceGroupId: source.id!, targetGroupName: 'engineers' } as any });
  t.check(m.status === 'ACTIVE' && m.sourceGroupId === source.id && !!m.targetGroupId && m.targetGroupId !== source.id && !!m.id, 'a push to a new target group starts ACTIVE, the target group an id of its own', m);
  await t.expectError(() => push.createGroupPushMapping({ appId: app.id!, body: { sourceGroupId: other.id! } as any }), oktaErr(400, 'E0000001'), 'a push names its target group');
  const second = await push.createGroupPushMapping({ appId: app.id!, body: { sourceGroupId: other.id!, targetGroupName: 'sales' } as any });
  t.check((await push.getGroupPushMapping({ appId: app.id!, mappingId: m.id! })).targetGroupId === m.targetGroupId, 'read back');
  const bySource = await collect(push.listGroupPushMappings({ appId: app.id!, sourceGroupId: source.id! }));
  t.check(bySource.map((x) => x.id).join() === m.id, 'the list filtered by source group has that mapping only', bySource);
  t.check((await collect(push.listGroupPushMappings({ appId: app.id! }))).map((x) => x.id).sort().join() === [m.id, second.id].sort().join(), 'the app lists both mappings');
  const off = await push.updateGroupPushMapping({ appId: app.id!, mappingId: m.id!, body: { status: 'INACTIVE' } as any });
  t.check(off.status === 'INACTIVE' && off.id === m.id, 'deactivated', off);
  await push.deleteGroupPushMapping({ appId: app.id!, mappingId: m.id!, deleteTargetGroup: true });
  await t.expectError(() => push.getGroupPushMapping({ appId: app.id!, mappingId: m.id! }), oktaErr(404, 'E0000007'), 'a deleted mapping is 404', { effect: true });
}

/** Hosted pages, theme images, widget versions, the org logo and the Admin Console's session limits. */
async function pagesAndImages(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const c = client.customizationApi;
  const brand = await c.createBrand({ CreateBrandRequest: { name: 'Compat Pages' } } as any);
  const brandId = brand.id!;
  t.check(brand.name === 'Compat Pages' && brand.isDefault === false, 'a second brand', brand);
  const root = await c.getErrorPage({ brandId, expand: ['default', 'customized'] } as any);
  t.check(String(root._embedded?._default?.pageContent ?? '').includes('{{errorSummary}}') && root._embedded?.customized === undefined, 'the error page root embeds the default and no customization yet', root);
  t.check(String((await c.getDefaultErrorPage({ brandId })).pageContent).includes('<html>'), "Okta's default error page");
  await t.expectError(() => c.getCustomizedErrorPage({ brandId }), oktaErr(404, 'E0000007'), 'no customized error page yet');
  t.check((await c.replaceCustomizedErrorPage({ brandId, ErrorPage: { pageContent: '<html><body>Compat error</body></html>' } })).pageContent === '<html><body>Compat error</body></html>', 'error page customized');
  t.check(String((await c.getErrorPage({ brandId, expand: ['customized'] } as any))._embedded?.customized?.pageContent).includes('Compat error'), 'the root embeds the customization');
  await c.deleteCustomizedErrorPage({ brandId });
  await t.expectError(() => c.getCustomizedErrorPage({ brandId }), oktaErr(404, 'E0000007'), 'customization removed', { effect: true });
  await c.replacePreviewErrorPage({ brandId, ErrorPage: { pageContent: '<html>preview</html>' } });
  await c.deletePreviewErrorPage({ brandId });
  await t.expectError(() => c.getPreviewErrorPage({ brandId }), oktaErr(404, 'E0000007'), 'preview error page removed', { effect: true });

  const signIn = await c.getSignInPage({ brandId, expand: ['default'] } as any);
  t.check(String(signIn._embedded?._default?.pageContent ?? '').includes('{{{SignInWidgetResources}}}'), 'the sign-in root embeds the default page', signIn);
  const preview = await c.replacePreviewSignInPage({ brandId, SignInPage: { pageContent: '<html>compat preview</html>', widgetVersion: '7.38' } as any });
  t.check(preview.widgetVersion === '7.38', 'a preview sign-in page on a pinned widget', preview);
  t.check((await c.getPreviewSignInPage({ brandId })).pageContent === '<html>compat preview</html>', 'preview read back');
  await c.deletePreviewSignInPage({ brandId });
  await t.expectError(() => c.getPreviewSignInPage({ brandId }), oktaErr(404, 'E0000007'), 'preview sign-in page removed', { effect: true });
  const versions = await collect(c.listAllSignInWidgetVersions({ brandId }));
  t.check(versions.includes('^7') && versions.includes('7.0') && versions[versions.length - 1] === '*', 'the widget versions a page can pin', versions);
  t.check((await c.replaceSignOutPageSettings({ brandId, HostedPage: { type: 'EXTERNALLY_HOSTED', url: 'https://example.com/bye' } as any })).url === 'https://example.com/bye', 'sign-out goes to an external page');
  await t.expectError(() => c.replaceSignOutPageSettings({ brandId, HostedPage: { type: 'EXTERNALLY_HOSTED' } as any }), oktaErr(400, 'E0000001'), 'an external sign-out page needs its URL');

  const themeId = (await collect(c.listBrandThemes({ brandId })))[0].id!;
  const replaced = await c.replaceBrandTheme({ brandId, themeId, theme: { primaryColorHex: '#112233', secondaryColorHex: '#445566', signInPageTouchPointVariant: 'BACKGROUND_IMAGE' } as any });
  t.check(replaced.primaryColorHex === '#112233' && replaced.signInPageTouchPointVariant === 'BACKGROUND_IMAGE', 'theme replaced', replaced);
  for (const [up, del, field] of [['uploadBrandThemeLogo', 'deleteBrandThemeLogo', 'logo'], ['uploadBrandThemeFavicon', 'deleteBrandThemeFavicon', 'favicon'], ['uploadBrandThemeBackgroundImage', 'deleteBrandThemeBackgroundImage', 'backgroundImage']] as const) {
    const res: any = await (c as any)[up]({ brandId, themeId, file: { data: PNG, name: 'image.png' } });
    t.checkEffect(typeof res?.url === 'string' && (await c.getBrandTheme({ brandId, themeId }) as any)[field] === res.url, `the ${field} uploaded is the theme's`);
    await (c as any)[del]({ brandId, themeId });
    // "The theme will use the default Okta logo" (Customizations API, deleteBrandThemeLogo): the upload is no longer named.
    t.checkEffect((await c.getBrandTheme({ brandId, themeId }) as any)[field] !== res.url, `the ${field} removed`);
  }

  await client.orgSettingApi.uploadOrgLogo({ file: { data: PNG, name: 'logo.png' } as any });
  // The SDK's OrgSetting model drops `_links`, so the org is read over plain HTTP; its `logo` link is one object (Org API reference example).
  const org = (await (await fetch(`${ctx.baseUrl}/api/v1/org`, { headers: { authorization: `SSWS ${ctx.credentials.token}`, accept: 'application/json' } })).json()) as { _links?: { logo?: { href: string } } };
  t.checkEffect(/fileStoreRecord/.test(org._links?.logo?.href ?? ''), "the org logo link names the uploaded file, not Okta's", org._links);

  const s = client.oktaApplicationSettingsApi;
  const console = await s.getFirstPartyAppSettings({ appName: 'admin-console' });
  t.check(console.sessionIdleTimeoutMinutes === 15 && console.sessionMaxLifetimeMinutes === 720, "the Admin Console's default session limits", console);
  t.check((await s.replaceFirstPartyAppSettings({ appName: 'admin-console', adminConsoleSettings: { sessionIdleTimeoutMinutes: 30, sessionMaxLifetimeMinutes: 240 } })).sessionIdleTimeoutMinutes === 30, 'limits replaced');
  await t.expectError(() => s.replaceFirstPartyAppSettings({ appName: 'admin-console', adminConsoleSettings: { sessionIdleTimeoutMinutes: 1, sessionMaxLifetimeMinutes: 240 } }), oktaErr(400, 'E0000001'), 'an idle timeout under 5 minutes is refused');
  t.checkEffect((await s.getFirstPartyAppSettings({ appName: 'admin-console' })).sessionMaxLifetimeMinutes === 240, 'the accepted limits are kept');
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'custom domains: DNS verification and a certificate', run: customDomains },
  { vendor: 'okta', sdk: SDK, name: 'identity provider keys: trusted certificates, signing keys and CSRs', run: idpKeys },
  { vendor: 'okta', sdk: SDK, name: 'apps: provisioning connections and federated claims', run: appConnections },
  { vendor: 'okta', sdk: SDK, name: 'apps: pushing groups to a provisioning app', run: groupPush },
  { vendor: 'okta', sdk: SDK, name: 'customization: hosted pages, theme images, widget versions, org logo, Admin Console limits', run: pagesAndImages },
];
