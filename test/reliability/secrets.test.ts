// The journal redacts passwords, tokens, secrets, keys, cookies and signatures by default; `redact: false` keeps them for debugging.
import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders, redactQuery, redactUrl, isSecretKey, isSecretParam } from '../../src/core/redact.js';
import { call, credentialsOf, freshTenant, twinOf } from './helpers.js';

const PASSWORD = 'Sup3r-Secret-Passw0rd!';

async function createOktaUser(redact: boolean) {
  const okta = await twinOf('okta', { redact });
  const tenant = freshTenant('secrets');
  const creds = await credentialsOf(okta, tenant);
  const res = await call(okta, 'POST', `/t/${tenant}/api/v1/users?activate=true`, {
    headers: { authorization: `SSWS ${creds.token}`, cookie: 'sid=abc123def456; theme=dark' },
    body: { profile: { firstName: 'Pat', lastName: 'Doe', email: 'pat@example.com', login: 'pat@example.com' }, credentials: { password: { value: PASSWORD }, recovery_question: { question: 'Pet?', answer: 'Rex the dog' } } },
  });
  expect(res.status).toBe(200);
  const journal = (await call(okta, 'GET', `/t/${tenant}/_dtu/journal?operationId=createUser`)).json;
  return { text: JSON.stringify(journal), entry: journal.entries.at(-1), token: creds.token as string };
}

describe('journal redaction', () => {
  it("never keeps an Okta user's password, recovery answer, API token or cookie", async () => {
    const { text, entry, token } = await createOktaUser(true);
    for (const secret of [PASSWORD, 'Rex the dog', token, 'abc123def456']) expect(text).not.toContain(secret);
    expect(entry.request.body.credentials.password.value).toBe('[redacted]');
    expect(entry.request.headers.authorization).toBe('SSWS [redacted]');
    expect(entry.request.headers.cookie).toBe('sid=[redacted]; theme=[redacted]');
    // What a reader needs stays: who was created and how.
    expect(entry.request.body.profile.login).toBe('pat@example.com');
    expect(entry.response.body.profile.login).toBe('pat@example.com');
  });

  it('keeps them verbatim when redaction is switched off', async () => {
    const { entry, token } = await createOktaUser(false);
    expect(entry.request.body.credentials.password.value).toBe(PASSWORD);
    expect(entry.request.headers.authorization).toBe(`SSWS ${token}`);
  });

  it('Slack tokens in a query string or form body, and OAuth secrets in replies, are redacted', async () => {
    const slack = await twinOf('slack');
    const tenant = freshTenant('secrets');
    const creds = await credentialsOf(slack, tenant);
    await call(slack, 'GET', `/t/${tenant}/api/auth.test?token=${creds.botToken}`);
    await call(slack, 'POST', `/t/${tenant}/api/auth.test`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${creds.userToken}` });
    await call(slack, 'POST', `/t/${tenant}/api/oauth.v2.access`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `client_id=${creds.clientId}&client_secret=${creds.clientSecret}&code=nope` });
    const text = (await call(slack, 'GET', `/t/${tenant}/_dtu/journal`)).text;
    for (const secret of [creds.botToken, creds.userToken, creds.clientSecret]) expect(text).not.toContain(secret);
    expect(text).toContain(creds.clientId);
  });
});

describe('redaction rules', () => {
  it('recognizes secrets by name and by shape, and leaves pagination tokens and keys alone', () => {
    for (const k of ['password', 'client_secret', 'access_token', 'refreshToken', 'id_token', 'private_key', 'privateKeyPem', 'x-slack-signature', 'signing_secret', 'api_key', 'apiToken', 'passCode', 'assertion', 'client_assertion', 'secretKey']) expect(isSecretKey(k), k).toBe(true);
    for (const k of ['pageToken', 'nextPageToken', 'next_cursor', 'key', 'code', 'token_type', 'tokenWindow', 'name', 'login']) expect(isSecretKey(k), k).toBe(false);
    expect(redactBody({ credentials: { password: { value: 'p' } }, key: 'PROJ' })).toEqual({ credentials: { password: { value: '[redacted]' } }, key: 'PROJ' });
    expect(redactBody('note: xoxb-123456-abcdef and eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig')).toBe('note: [redacted] and [redacted]');
    expect(redactBody('{"private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"}')).toBe('{"private_key":"[redacted]"}');
    expect(redactBody('grant_type=password&username=a&password=b')).toBe('grant_type=password&username=a&password=[redacted]');
    expect(redactQuery('?key=AIzaSyA0123456789abcdefghijklmnopqrstu&pageToken=abc')).toBe('?key=[redacted]&pageToken=abc');
    // OAuth codes are secrets as parameters (forms, queries, redirects), not as JSON fields (error codes).
    for (const k of ['code', 'code_verifier', 'id_token_hint', 'client_assertion', 'device_code', 'subject_token', 'refresh_token']) expect(isSecretParam(k), k).toBe(true);
    for (const k of ['code_verifier', 'id_token_hint']) expect(isSecretKey(k), k).toBe(true);
    expect(redactBody({ ok: false, error: { code: 404 } })).toEqual({ ok: false, error: { code: 404 } });
    expect(redactBody({ _links: { resetPassword: { href: 'https://o.example/api/v1/users/00u1/lifecycle/reset_password', method: 'POST' } } })).toEqual({ _links: { resetPassword: { href: 'https://o.example/api/v1/users/00u1/lifecycle/reset_password', method: 'POST' } } });
    expect(redactQuery('?code=abc&state=s')).toBe('?code=[redacted]&state=s');
    expect(redactUrl('https://app.example/cb#access_token=at1&token_type=Bearer&id_token_hint=x&state=s')).toBe('https://app.example/cb#access_token=[redacted]&token_type=Bearer&id_token_hint=[redacted]&state=s');
    expect(redactHeaders({ location: 'http://localhost/cb?code=c0de&state=s' })).toEqual({ location: 'http://localhost/cb?code=[redacted]&state=s' });
    expect(redactHeaders(new Headers({ authorization: 'Basic dXNlcjpwYXNz', 'set-cookie': 'sid=1; Path=/', 'x-slack-signature': 'v0=abc', accept: '*/*' }))).toEqual({
      authorization: 'Basic [redacted]', 'set-cookie': 'sid=[redacted]; Path=/', 'x-slack-signature': '[redacted]', accept: '*/*',
    });
  });
});
