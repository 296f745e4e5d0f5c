// googleapis compat: account security and the customer — app grants (tokens), ASPs, backup codes, 2SV, photos, domains, domain aliases, customer profile.
import { google } from 'googleapis';
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, userToken } from './common.js';

const C = { customer: 'my_customer' };
/** The first bytes of a PNG: what the photos resource sniffs. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const webSafe = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: app grants, ASPs, backup codes, 2SV, photos, domains and the customer',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    const bob = email(ctx, 'bob');

    // Tokens are the OAuth grants a user gave apps; revoking one ends that app's access for the user at once.
    const grants = await admin.tokens.list({ userKey: bob });
    const expenses = grants.data.items?.find((g) => g.displayText === 'Acme Expenses');
    t.check(expenses?.scopes?.includes('https://www.googleapis.com/auth/calendar.readonly') && grants.data.items?.length === 2, 'bob authorized the workspace client and Acme Expenses', grants.data);
    const workspace = grants.data.items!.find((g) => g.displayText !== 'Acme Expenses')!;
    const one = await admin.tokens.get({ userKey: bob, clientId: expenses!.clientId! });
    t.check(one.data.userKey && one.data.anonymous === false && one.data.clientId === expenses!.clientId, 'tokens.get', one.data);
    const bobDrive = google.drive({ version: 'v3', auth: (() => { const a = new google.auth.OAuth2(); a.setCredentials({ access_token: userToken(ctx, 'bob') }); return a; })(), rootUrl: `${ctx.origin}/`, retry: false });
    await bobDrive.about.get({ fields: 'user' });
    await admin.tokens.delete({ userKey: bob, clientId: workspace.clientId! });
    await t.expectError(() => bobDrive.about.get({ fields: 'user' }), (e) => e?.status === 401, 'a revoked grant takes the access token with it', { effect: true });
    await t.expectError(() => admin.tokens.get({ userKey: bob, clientId: workspace.clientId! }), classic(404, 'notFound'), 'revoked grant no longer listed');

    // App-specific passwords: listed, read, revoked.
    const carol = email(ctx, 'carol');
    const asps = await admin.asps.list({ userKey: carol });
    t.check(asps.data.items?.map((a) => a.name).join() === 'Thunderbird,Old phone mail', 'carol has two ASPs', asps.data);
    const codeId = asps.data.items![1].codeId!;
    const asp = await admin.asps.get({ userKey: carol, codeId });
    t.check(asp.data.name === 'Old phone mail' && /^\d+$/.test(asp.data.creationTime ?? ''), 'asps.get (times in epoch ms)', asp.data);
    await admin.asps.delete({ userKey: carol, codeId });
    await t.expectError(() => admin.asps.get({ userKey: carol, codeId }), classic(404, 'notFound'), 'revoked ASP → 404', { effect: true });

    // Backup verification codes: ten per generation, a new set replaces the old, invalidate clears.
    await admin.verificationCodes.generate({ userKey: carol });
    const codes = await admin.verificationCodes.list({ userKey: carol });
    t.checkEffect(codes.data.items?.length === 10 && codes.data.items.every((c) => /^\d{8}$/.test(c.verificationCode ?? '')), 'ten 8-digit codes', codes.data);
    await admin.verificationCodes.generate({ userKey: carol });
    const fresh = await admin.verificationCodes.list({ userKey: carol });
    t.checkEffect(fresh.data.items?.length === 10 && fresh.data.items[0].verificationCode !== codes.data.items![0].verificationCode, 'a new set replaces the old one', fresh.data);
    await admin.verificationCodes.invalidate({ userKey: carol });
    t.checkEffect(!(await admin.verificationCodes.list({ userKey: carol })).data.items, 'invalidated');

    // 2-Step Verification: an admin can only turn it off.
    const enrolled = await admin.users.list({ customer: 'my_customer', query: 'isEnrolledIn2Sv=true', fields: 'users(primaryEmail)' });
    t.check(enrolled.data.users?.some((u) => u.primaryEmail === carol), 'carol is enrolled', enrolled.data);
    await admin.twoStepVerification.turnOff({ userKey: carol });
    t.checkEffect((await admin.users.get({ userKey: carol })).data.isEnrolledIn2Sv === false, '2SV turned off');
    await t.expectError(() => admin.twoStepVerification.turnOff({ userKey: carol }), classic(400, 'invalid'), 'not enrolled → 400');
    await t.expectError(() => admin.users.signOut({ userKey: email(ctx, 'nobody') }), classic(404, 'notFound'), 'signOut of an unknown user → 404');

    // Photos: web-safe base64 image bytes in, the user points at the thumbnail.
    await t.expectError(() => admin.users.photos.get({ userKey: carol }), classic(404, 'notFound'), 'no photo yet');
    const up = await admin.users.photos.update({ userKey: carol, requestBody: { photoData: webSafe(PNG), mimeType: 'PNG', width: 96, height: 96 } });
    t.check(up.data.mimeType === 'PNG' && up.data.primaryEmail === carol && up.data.photoData === webSafe(PNG), 'photo uploaded', up.data);
    const photo = await admin.users.photos.get({ userKey: carol });
    t.check(photo.data.photoData === webSafe(PNG) && photo.data.etag === up.data.etag, 'photos.get', photo.data);
    const withThumb = await admin.users.get({ userKey: carol });
    t.check(withThumb.data.thumbnailPhotoEtag === up.data.etag && /^https:\/\//.test(withThumb.data.thumbnailPhotoUrl ?? ''), 'the user links the thumbnail', withThumb.data);
    const resized = await admin.users.photos.patch({ userKey: carol, requestBody: { width: 48, height: 48 } });
    t.check(resized.data.width === 48 && resized.data.photoData === webSafe(PNG), 'patch keeps the image', resized.data);
    await t.expectError(() => admin.users.photos.update({ userKey: carol, requestBody: { photoData: webSafe(Buffer.from('not an image')) } }), classic(400, 'invalid'), 'bytes that are no image → 400');
    await admin.users.photos.delete({ userKey: carol });
    await t.expectError(() => admin.users.photos.get({ userKey: carol }), classic(404, 'notFound'), 'photo removed', { effect: true });

    // Domains: a new domain is unverified; a domain alias lets users take aliases there.
    const added = await admin.domains.insert({ ...C, requestBody: { domainName: 'example-labs.com' } });
    t.check(added.data.domainName === 'example-labs.com' && added.data.verified === false && added.data.isPrimary === false, 'secondary domain added, unverified', added.data);
    await t.expectError(() => admin.domains.insert({ ...C, requestBody: { domainName: ctx.credentials.domain } }), classic(409, 'duplicate'), 'a domain the customer has → 409');
    const alias = await admin.domainAliases.insert({ ...C, requestBody: { domainAliasName: 'example.co', parentDomainName: ctx.credentials.domain } });
    t.check(alias.data.domainAliasName === 'example.co' && alias.data.parentDomainName === ctx.credentials.domain, 'domain alias added', alias.data);
    const aliasGet = await admin.domainAliases.get({ ...C, domainAliasName: 'example.co' });
    t.check(aliasGet.data.verified === false, 'domainAliases.get', aliasGet.data);
    const aliases = await admin.domainAliases.list({ ...C, parentDomainName: ctx.credentials.domain });
    t.check(aliases.data.domainAliases?.map((a) => a.domainAliasName).join() === 'example.co', 'aliases of the primary domain', aliases.data);
    const inAlias = await admin.users.aliases.insert({ userKey: carol, requestBody: { alias: 'carol@example.co' } });
    t.check(inAlias.data.alias === 'carol@example.co', 'a user alias in the domain alias', inAlias.data);
    await t.expectError(() => admin.domainAliases.delete({ ...C, domainAliasName: 'example.co' }), classic(400, 'invalid'), 'a domain alias in use cannot be removed');
    await admin.users.aliases.delete({ userKey: carol, alias: 'carol@example.co' });
    await admin.domainAliases.delete({ ...C, domainAliasName: 'example.co' });
    await t.expectError(() => admin.domainAliases.get({ ...C, domainAliasName: 'example.co' }), classic(404, 'notFound'), 'domain alias removed', { effect: true });
    await t.expectError(() => admin.domains.delete({ ...C, domainName: ctx.credentials.domain }), classic(400, 'invalid'), 'the primary domain cannot be removed');
    await admin.domains.delete({ ...C, domainName: 'example-labs.com' });
    await t.expectError(() => admin.domains.get({ ...C, domainName: 'example-labs.com' }), classic(404, 'notFound'), 'domain removed', { effect: true });

    // The customer profile.
    const before = await admin.customers.get({ customerKey: ctx.credentials.customerId });
    t.check(before.data.id === ctx.credentials.customerId && before.data.alternateEmail, 'customers.get by id', before.data);
    const patched = await admin.customers.patch({ customerKey: 'my_customer', requestBody: { phoneNumber: '+1 650 555 0100' } });
    t.check(patched.data.phoneNumber === '+1 650 555 0100' && patched.data.alternateEmail === before.data.alternateEmail, 'customers.patch keeps the rest', patched.data);
    await t.expectError(() => admin.customers.update({ customerKey: 'my_customer', requestBody: { alternateEmail: `it@${ctx.credentials.domain}` } }), classic(400, 'invalid'), 'the alternate email must be outside the domain');
    const replaced = await admin.customers.update({ customerKey: 'my_customer', requestBody: { alternateEmail: 'ops@example.net', postalAddress: { organizationName: 'Example Corp', countryCode: 'GB', locality: 'London' } } });
    t.check(replaced.data.alternateEmail === 'ops@example.net' && replaced.data.postalAddress?.locality === 'London' && !replaced.data.phoneNumber, 'customers.update replaces the profile', replaced.data);
  },
};

export default scenario;
