/** Okta SDK scenarios for volume and failure: paging over hundreds of users, rate-limit backoff, and the errors clients must handle. */
import okta from '@okta/okta-sdk-nodejs';
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function bulkDirectory(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const before = (await collect(client.userApi.listUsers({}))).length;
  const ids: string[] = [];
  for (let i = 0; i < 300; i++) {
    const u = await client.userApi.createUser({ body: userBody(`bulk${String(i).padStart(3, '0')}@example.com`, { department: i % 3 === 0 ? 'Bulk A' : 'Bulk B' }), activate: i % 10 !== 0 });
    ids.push(u.id!);
  }
  const all = await collect(client.userApi.listUsers({ limit: 200 }));
  t.check(all.length === before + 300 && new Set(all.map((u) => u.id)).size === all.length, 'listing follows Link next across pages with no duplicates', all.length);
  const small = await collect(client.userApi.listUsers({ limit: 37, search: 'profile.department eq "Bulk A"' }));
  t.check(small.length === 100, 'a search pages through in small pages', small.length);
  const staged = await collect(client.userApi.listUsers({ filter: 'status eq "STAGED"' }));
  t.check(staged.filter((u) => u.profile?.login?.startsWith('bulk')).length === 30, 'the 30 staged users filter out', staged.length);
  const everyone = (await collect(client.groupApi.listGroups({ q: 'Everyone' })))[0];
  const members = await collect(client.groupApi.listGroupUsers({ groupId: everyone.id!, limit: 150 }));
  t.check(members.length >= 300, 'Everyone pages through all members', members.length);
}

async function rateLimitBackoff(ctx: CompatContext, t: Tracker): Promise<void> {
  // One injected 429 on the next user read: the SDK must wait for x-rate-limit-reset and retry.
  await ctx.control('POST', 'faults', { kind: 'rate_limit', operation: 'getUser', count: 1, retryAfterSec: 1 });
  const client = t.track(oktaClient(ctx), '');
  const me = await client.userApi.getUser({ userId: 'me' });
  t.check(me.id === ctx.credentials.adminUserId, 'the call succeeds after backing off');
  const journal = (await ctx.control('GET', 'journal?operationId=getUser')).entries as Array<{ status: number; request: { headers: Record<string, string> } }>;
  const statuses = journal.slice(-2).map((e) => e.status);
  t.check(statuses.join() === '429,200' && journal.at(-1)!.request.headers['x-okta-retry-count'] === '1', 'a 429 then a retry marked X-Okta-Retry-Count', statuses);

  // Spend the logs bucket (120/min scaled to 2) and see Okta's 429 without retries.
  await ctx.control('PUT', 'ratelimits', { enforce: true, scale: 2 / 120 });
  const noRetry = t.track(oktaClient(ctx, { requestExecutor: new okta.DefaultRequestExecutor({ maxRetries: 0, requestTimeout: 0 }) }), '');
  const window = { since: '2000-01-01T00:00:00.000Z', until: '2100-01-01T00:00:00.000Z', limit: 1000 };
  await collect(noRetry.systemLogApi.listLogEvents(window));
  await collect(noRetry.systemLogApi.listLogEvents(window));
  await t.expectError(
    () => collect(noRetry.systemLogApi.listLogEvents(window)),
    (e: any) => e.status === 429 && e.errorCode === 'E0000047' && e.errorSummary === 'API call exceeded rate limit due to too many requests.',
    'a spent bucket answers 429 E0000047',
  );
  await ctx.control('PUT', 'ratelimits', { enforce: false });
}

async function errorHandling(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  await t.expectError(() => client.userApi.getUser({ userId: '00unobody' }), oktaErr(404, 'E0000007', 'Not found: Resource not found: 00unobody (User)'), 'an unknown user is 404 E0000007');
  await t.expectError(() => client.groupApi.getGroup({ groupId: '00gnobody' }), oktaErr(404, 'E0000007', 'Not found: Resource not found: 00gnobody (UserGroup)'), 'an unknown group is 404 E0000007');
  await t.expectError(() => client.applicationApi.getApplication({ appId: '0oanobody' }), oktaErr(404, 'E0000007'), 'an unknown app is 404 E0000007');
  await t.expectError(() => client.sessionApi.getSession({ sessionId: '102nosession' }), oktaErr(404, 'E0000007', 'Not found: Resource not found: 102nosession (AppSession)'), 'an unknown session is 404 (AppSession)');
  await t.expectError(() => client.sessionApi.revokeSession({ sessionId: '102nosession' }), oktaErr(404, 'E0000007'), 'revoking an unknown session is 404');
  await t.expectError(
    () => client.userApi.createUser({ body: userBody('weak@example.com', {}, 'weak') }),
    (e: any) => e.status === 400 && e.errorCode === 'E0000001' && /^password: Password requirements were not met/.test(e.errorCauses?.[0]?.errorSummary ?? ''),
    'a weak password lists the policy requirements',
  );
  await t.expectError(() => client.userApi.createUser({ body: { profile: { login: 'half@example.com' } } as any }), oktaErr(400, 'E0000001'), 'missing profile fields are E0000001');
  await t.expectError(() => client.userApi.listUsers({ filter: 'status eq' }).then(collect), oktaErr(400, 'E0000031', 'Invalid search criteria.'), 'a broken filter is E0000031');
  const wrong = t.track(oktaClient(ctx, { token: '00notavalidtokenatall000000000000000000000' }), '');
  await t.expectError(() => wrong.userApi.getUser({ userId: 'me' }), oktaErr(401, 'E0000011', 'Invalid token provided'), 'a bad SSWS token is 401 E0000011');
  // Wire-level failures the SDK cannot produce: still Okta's format, never a 500.
  const post = (body: string, type = 'application/json') =>
    fetch(`${ctx.baseUrl}/api/v1/groups`, { method: 'POST', headers: { authorization: `SSWS ${ctx.credentials.token}`, 'content-type': type, accept: 'application/json' }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const malformed = await post('{"profile": ');
  t.check(malformed.status === 400 && malformed.body.errorCode === 'E0000003', 'malformed JSON is E0000003', malformed);
  const wrongType = await post('name=x', 'application/x-www-form-urlencoded');
  t.check(wrongType.status === 400 && ['E0000021', 'E0000001'].includes(wrongType.body.errorCode), 'a form body is refused in Okta format', wrongType);
  const method = await fetch(`${ctx.baseUrl}/api/v1/users/me/lifecycle/activate`, { headers: { authorization: `SSWS ${ctx.credentials.token}` } });
  t.check(method.status === 405 && (await method.json()).errorCode === 'E0000022', 'a wrong method is 405 E0000022');
  const missing = await fetch(`${ctx.baseUrl}/api/v1/users`);
  t.check(missing.status === 403 && (await missing.json()).errorCode === 'E0000005', 'no token is 403 E0000005');
}

async function apiTokens(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const tokens = await collect(client.apiTokenApi.listApiTokens());
  t.check(tokens.length === 1 && tokens[0].userId === ctx.credentials.adminUserId && !('hash' in tokens[0]), "the admin's token is listed without its value", tokens);
  const got = await client.apiTokenApi.getApiToken({ apiTokenId: tokens[0].id! });
  t.check(got.name === tokens[0].name && got.tokenWindow === 'P30D', 'read back');
  await t.expectError(() => client.apiTokenApi.revokeApiToken({ apiTokenId: '00Tnotatoken' }), oktaErr(404, 'E0000007', 'Not found: Resource not found: 00Tnotatoken (Token)'), 'an unknown token is 404 (Token)');
  // Revoking the token in use ends this client's access on the spot.
  await client.apiTokenApi.revokeCurrentApiToken();
  await t.expectError(() => client.userApi.getUser({ userId: 'me' }), oktaErr(401, 'E0000011', 'Invalid token provided'), 'the revoked token no longer works', { effect: true });
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'api tokens: listing and revoking the token in use', run: apiTokens },
  { vendor: 'okta', sdk: SDK, name: 'scale: paging over hundreds of users', run: bulkDirectory },
  { vendor: 'okta', sdk: SDK, name: 'scale: rate-limit backoff and a spent bucket', run: rateLimitBackoff },
  { vendor: 'okta', sdk: SDK, name: 'errors: what a client must handle', run: errorHandling },
];
