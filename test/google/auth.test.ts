/** OAuth against the twin's token endpoint: refresh grants, service-account assertions, delegation, expiry, tokeninfo, revoke, API keys. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { google } from 'googleapis';
import { SignJWT, importPKCS8 } from 'jose';
import { SCOPES, clients, failure, freshTenant, startTwin, useTwin, type GoogleCreds } from './helpers.js';

const l = useTwin();

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

async function assertion(creds: GoogleCreds, claims: Record<string, unknown>, key = creds.serviceAccount.private_key) {
  const now = Math.floor(Date.now() / 1000);
  // The claims gtoken sends, each overridable by the test.
  const payload = { iss: creds.serviceAccount.client_email, aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 3600, scope: SCOPES.drive, ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256' }).sign(await importPKCS8(key, 'RS256'));
}

describe('refresh-token grant', () => {
  it('OAuth2Client refreshes through endpoints.oauth2TokenUrl and the new token works', async () => {
    const { creds } = await freshTenant(l);
    const oc = new google.auth.OAuth2({ clientId: creds.clientId, clientSecret: creds.clientSecret, endpoints: { oauth2TokenUrl: creds.tokenUrl } });
    oc.setCredentials({ refresh_token: creds.refreshToken });
    const drive = google.drive({ version: 'v3', auth: oc, rootUrl: `${l.url}/` });
    const about = await drive.about.get({ fields: 'user(emailAddress)' });
    expect(about.data.user!.emailAddress).toBe(creds.adminEmail);
    const token = oc.credentials.access_token!;
    expect(token).toMatch(/^ya29\./);
    const info = await fetch(`${creds.tokenUrl.replace(/token$/, 'tokeninfo')}?access_token=${token}`);
    const body = (await info.json()) as { email: string; azp: string; expires_in: string };
    expect(body).toMatchObject({ email: creds.adminEmail, azp: creds.clientId });
    expect(Number(body.expires_in)).toBeGreaterThan(3500);
  });

  it('rejects a wrong client secret (401 invalid_client) and an unknown refresh token (400 invalid_grant)', async () => {
    const { creds } = await freshTenant(l);
    const wrong = await fetch(creds.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });
    const unknown = await fetch(creds.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: '1//0bogus', client_id: creds.clientId, client_secret: creds.clientSecret }));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
    const grant = await fetch(creds.tokenUrl, form({ grant_type: 'password' }));
    expect(await grant.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' });
  });

  it('revoking the refresh token ends the grant', async () => {
    const { creds } = await freshTenant(l);
    const revoke = await fetch(`${creds.tokenUrl.replace(/token$/, 'revoke')}?token=${encodeURIComponent(creds.refreshToken)}`, { method: 'POST' });
    expect(revoke.status).toBe(200);
    const again = await fetch(creds.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret }));
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });
});

describe('JWT-bearer grant (service accounts)', () => {
  const grant = (a: string) => form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: a });

  it('verifies the RS256 signature against the account key', async () => {
    const { creds } = await freshTenant(l);
    const ok = await fetch(creds.tokenUrl, grant(await assertion(creds, {})));
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    // A key no tenant holds: keys come from a small committed pool, so another tenant's key may be this one.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const forged = await fetch(creds.tokenUrl, grant(await assertion(creds, {}, other)));
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  });

  it('domain-wide delegation: allowed scopes act as the user, others are unauthorized_client', async () => {
    const { creds } = await freshTenant(l);
    const res = await fetch(creds.tokenUrl, grant(await assertion(creds, { sub: `grace@${creds.domain}`, scope: `${SCOPES.drive} ${SCOPES.sheets}` })));
    const { access_token } = (await res.json()) as { access_token: string };
    const about = await clients(l, access_token).drive.about.get({ fields: 'user(emailAddress)' });
    expect(about.data.user!.emailAddress).toBe(`grace@${creds.domain}`);
    const denied = await fetch(creds.tokenUrl, grant(await assertion(creds, { sub: `grace@${creds.domain}`, scope: 'https://www.googleapis.com/auth/cloud-platform' })));
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: string }).error).toBe('unauthorized_client');
    const nobody = await fetch(creds.tokenUrl, grant(await assertion(creds, { sub: `ghost@${creds.domain}` })));
    expect(await nobody.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid email or User ID' });
  });

  it('a service account without delegation is not a Directory admin', async () => {
    const { creds } = await freshTenant(l);
    const res = await fetch(creds.tokenUrl, grant(await assertion(creds, { scope: SCOPES.adminUser })));
    const { access_token } = (await res.json()) as { access_token: string };
    const err = await failure(clients(l, access_token).admin.users.list({ customer: 'my_customer' }));
    expect(err.body.error.message).toBe('Not Authorized to access this resource/api');
  });

  it('requires a scope and the token audience', async () => {
    const { creds } = await freshTenant(l);
    const noScope = await fetch(creds.tokenUrl, grant(await assertion(creds, { scope: undefined })));
    expect(((await noScope.json()) as { error: string }).error).toBe('invalid_scope');
    const badAud = await fetch(creds.tokenUrl, grant(await assertion(creds, { aud: 'https://example.com/token' })));
    expect(((await badAud.json()) as { error_description: string }).error_description).toMatch(/audience/);
  });
});

describe('state', () => {
  it('the same seed gives the same tokens; a snapshot carries the service-account key to another twin', async () => {
    const other = await startTwin();
    try {
      const a = await (await fetch(`${l.url}/t/seeded-same/_dtu/credentials`)).json() as GoogleCreds;
      const b = await (await fetch(`${other.url}/t/seeded-same/_dtu/credentials`)).json() as GoogleCreds;
      expect(b.accessToken).toBe(a.accessToken);
      expect(b.customerId).toBe(a.customerId);
      const snap = await (await fetch(`${l.url}/t/seeded-same/_dtu/snapshot`)).json() as { tenants: unknown };
      await fetch(`${other.url}/_dtu/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(snap) });
      const restored = await (await fetch(`${other.url}/t/seeded-same/_dtu/credentials`)).json() as GoogleCreds;
      expect(restored.serviceAccount.private_key).toBe(a.serviceAccount.private_key);
      const res = await fetch(restored.tokenUrl, form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion(a, {}) }));
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('credentials on API calls', () => {
  it('accepts the token as the access_token query parameter', async () => {
    const { creds, base } = await freshTenant(l);
    const res = await fetch(`${base}/drive/v3/about?fields=user(emailAddress)&access_token=${creds.accessToken}`);
    expect(await res.json()).toEqual({ user: { emailAddress: creds.adminEmail } });
  });

  it('Sheets without any credential asks for an API key; Drive says Login Required', async () => {
    const { base } = await freshTenant(l);
    const s = await fetch(`${base}/v4/spreadsheets/x`);
    expect(await s.json()).toEqual({ error: { code: 403, message: 'The request is missing a valid API key.', status: 'PERMISSION_DENIED' } });
    const d = await fetch(`${base}/drive/v3/files`);
    expect(((await d.json()) as { error: { errors: Array<{ message: string; reason: string }> } }).error.errors[0]).toMatchObject({ message: 'Login Required.', reason: 'required' });
  });

  it('a token expires after 3599 s on the twin clock (own twin: the clock is shared)', async () => {
    const own = await startTwin();
    try {
      const { creds } = await freshTenant(own);
      const res = await fetch(creds.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret }));
      const { access_token } = (await res.json()) as { access_token: string };
      const drive = clients(own, access_token).drive;
      expect((await drive.files.list({})).status).toBe(200);
      await fetch(`${own.url}/_dtu/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 3600_000 }) });
      const err = await failure(drive.files.list({}));
      expect(err.status).toBe(401);
      expect(err.body.error.errors[0].reason).toBe('authError');
      expect((await clients(own, creds.accessToken).drive.files.list({})).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
