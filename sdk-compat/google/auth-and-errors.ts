// googleapis compat: how integrations authenticate (refresh tokens, service accounts with and without delegation) and the errors they must handle.
import { google } from 'googleapis';
import type { Scenario } from '../types.js';
import { SCOPE, SDK, apis, classic, email, gerr, onePlatform, redirectTokenEndpoint } from './common.js';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Auth: refresh token, service-account JWT grant with delegation, self-signed JWT, scope and credential errors',
  async run(ctx, t) {
    const c = ctx.credentials;
    const rootUrl = `${ctx.origin}/`;

    // An installed app with a refresh token: the client fetches an access token from the twin's token endpoint.
    const user = new google.auth.OAuth2({ clientId: c.clientId, clientSecret: c.clientSecret, endpoints: { oauth2TokenUrl: c.tokenUrl } });
    user.setCredentials({ refresh_token: c.refreshToken });
    const asUser = t.track(google.drive({ version: 'v3', auth: user, rootUrl, retry: false }), 'drive');
    const me = await asUser.about.get({ fields: 'user(emailAddress)' });
    t.check(me.data.user?.emailAddress === c.adminEmail, 'refresh-token client acts as the admin', me.data);

    // A service account impersonating a user (domain-wide delegation), token through the JWT-bearer grant.
    const delegated = new google.auth.JWT({ email: c.serviceAccount.client_email, key: c.serviceAccount.private_key, scopes: [SCOPE.drive, SCOPE.adminUser], subject: c.adminEmail });
    redirectTokenEndpoint(delegated, ctx);
    const adminApi = t.track(google.admin({ version: 'directory_v1', auth: delegated, rootUrl, retry: false }), 'admin');
    const people = await adminApi.users.list({ customer: 'my_customer', query: 'isAdmin=true', fields: 'users(primaryEmail)' });
    t.check(people.data.users?.[0]?.primaryEmail === c.adminEmail, 'delegated service account reads the directory', people.data);

    // The same account without a subject is only itself: its own Drive, no directory rights.
    const self = new google.auth.JWT({ email: c.serviceAccount.client_email, key: c.serviceAccount.private_key, keyId: c.serviceAccount.private_key_id, scopes: [SCOPE.drive, SCOPE.adminUser] });
    self.useJWTAccessWithScope = true;
    const robotDrive = t.track(google.drive({ version: 'v3', auth: self, rootUrl, retry: false }), 'drive');
    const robotFile = await robotDrive.files.create({ requestBody: { name: 'robot-log.txt' }, fields: 'id,owners(emailAddress)' });
    t.check(robotFile.data.owners?.[0]?.emailAddress === c.serviceAccount.client_email, 'self-signed JWT: the account owns what it creates', robotFile.data);
    const robotAdmin = t.track(google.admin({ version: 'directory_v1', auth: self, rootUrl, retry: false }), 'admin');
    await t.expectError(() => robotAdmin.users.list({ customer: 'my_customer' }), classic(403, 'forbidden', 'Not Authorized to access this resource/api'), 'service account itself is no admin');

    // Delegation the admin never granted is refused at the token endpoint.
    const greedy = new google.auth.JWT({ email: c.serviceAccount.client_email, key: c.serviceAccount.private_key, scopes: ['https://www.googleapis.com/auth/cloud-platform'], subject: c.adminEmail });
    redirectTokenEndpoint(greedy, ctx);
    await t.expectError(() => greedy.authorize(), (e) => e?.response?.data?.error === 'unauthorized_client', 'ungranted delegation scope → unauthorized_client');

    // Scopes are checked per API, and a read-only token cannot write.
    const ro = apis(ctx, c.tokens.adminReadonly);
    const roDrive = t.track(ro.drive, 'drive');
    const listed = await roDrive.files.list({ pageSize: 1 });
    t.check(Array.isArray(listed.data.files), 'read-only token lists files', listed.data);
    await t.expectError(
      () => roDrive.files.create({ requestBody: { name: 'nope' } }),
      gerr(403, (b) => b?.status === 'PERMISSION_DENIED' && b?.errors?.[0]?.reason === 'insufficientPermissions'),
      'drive.readonly cannot create (front-end error: has status even on Drive)',
    );
    const roSheets = t.track(ro.sheets, 'sheets');
    await t.expectError(() => roSheets.spreadsheets.create({ requestBody: {} }), onePlatform(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.'), 'spreadsheets.readonly cannot create');

    // A bad token: 401 with Google's front-end body on every API.
    const bad = apis(ctx, 'ya29.revoked-or-made-up');
    await t.expectError(() => t.track(bad.drive, 'drive').files.list({}), gerr(401, (b) => b?.status === 'UNAUTHENTICATED' && b?.errors?.[0]?.reason === 'authError'), 'bad token → 401 on Drive');
    await t.expectError(() => t.track(bad.docs, 'docs').documents.get({ documentId: 'x' }), onePlatform(401, 'UNAUTHENTICATED'), 'bad token → 401 on Docs');
    await t.expectError(() => t.track(bad.admin, 'admin').users.get({ userKey: email(ctx, 'alice') }), gerr(401), 'bad token → 401 on Admin');

    // An API key reaches public data only.
    const keyed = t.track(google.drive({ version: 'v3', auth: c.apiKey, rootUrl, retry: false }), 'drive');
    const launch = await apis(ctx, c.userTokens[email(ctx, 'carol')]).drive.files.list({ q: "name = 'Launch announcement.txt'", fields: 'files(id)' });
    const pub = await keyed.files.get({ fileId: launch.data.files![0].id!, fields: 'name' });
    t.check(pub.data.name === 'Launch announcement.txt', 'API key reads a link-shared file', pub.data);
    await t.expectError(() => keyed.files.create({ requestBody: { name: 'x' } }), gerr(401), 'API key cannot write');
  },
};

export default scenario;
