/**
 * The auth negative matrix: every protected operation of a twin, called with a
 * missing, malformed, unknown, expired, revoked or under-scoped credential,
 * must refuse it exactly as the vendor does (status and body). Shared by the CI
 * test and scripts/reliability/auth-matrix.ts.
 */
import type { Vendor } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import type { OperationDigest } from '../../src/core/digest.js';
import { call, credentialsOf, freshTenant } from './helpers.js';
import { NO_AUTH, acceptedScopes } from '../../twins/slack/model/scopes.js';
import { loadFixture } from '../../src/core/fixtures.js';
import { requiredScopes } from '../../twins/okta/auth.js';
import { oktaServiceToken } from './okta-service-token.js';

export type AuthCase = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked' | 'under-scoped';

interface Answer {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

/** The vendor's refusal for each case (sources in the comments). */
const REFUSAL: Record<Vendor, (c: AuthCase, a: Answer, op: OperationDigest) => boolean> = {
  // Okta: no Authorization at all is an invalid session (403 E0000005); any bad token is 401 E0000011; an OAuth
  // access token without the operation's scope is 403 E0000006 with a `www-authenticate: Bearer … scope="<needed>",
  // error="insufficient_scope"` challenge (developer.okta.com/docs/reference/error-codes; Okta support article
  // "insufficient_scope Error when Making a Request to an OAuth or Management Endpoint").
  okta: (c, a, op) => {
    if (c === 'missing') return a.status === 403 && a.json?.errorCode === 'E0000005';
    if (c !== 'under-scoped') return a.status === 401 && a.json?.errorCode === 'E0000011';
    const challenge = a.headers.get('www-authenticate') ?? '';
    const path = new URL(`http://x${op.path.replace(/\{[^}]+\}/g, 'x')}`).pathname;
    return a.status === 403 && a.json?.errorCode === 'E0000006' && a.json.errorSummary === 'You do not have permission to perform the requested action' &&
      /^Bearer authorization_uri="[^"]+\/oauth2\/v1\/authorize", realm="[^"]+", scope="okta\.[A-Za-z]+\.(read|manage)(\.self)?", error="insufficient_scope", error_description="The access token provided does not contain the required scopes\.", resource="[^"]+"$/.test(challenge) &&
      challenge.endsWith(`resource="${path}"`);
  },
  // Slack: HTTP 200 with ok:false — not_authed without a token, invalid_auth for an unknown one, token_revoked once
  // revoked, missing_scope with needed/provided (api.slack.com/web#evaluating_responses).
  slack: (c, a) => {
    const want = { missing: 'not_authed', malformed: 'not_authed', unknown: 'invalid_auth', expired: 'token_expired', revoked: 'token_revoked', 'under-scoped': 'missing_scope' }[c];
    return a.status === 200 && a.json?.ok === false && a.json.error === want && (c !== 'under-scoped' || typeof a.json.needed === 'string');
  },
  // Jira Cloud: 401 with a bare sentence, whatever is wrong with the credential; an OAuth 2.0 (3LO) token without the
  // operation's scope is 401 `{"code":401,"message":"Unauthorized; scope does not match"}` (developer.atlassian.com,
  // "OAuth 2.0 (3LO) apps": scopes).
  jira: (c, a) =>
    c === 'under-scoped' ? a.status === 401 && a.json?.message === 'Unauthorized; scope does not match' : a.status === 401 && a.text.includes('Client must be authenticated'),
  // Google: 401 UNAUTHENTICATED for missing/bad tokens (Sheets, which serves public sheets by API key, asks for one: 403), 403
  // insufficient scopes (cloud.google.com/apis/design/errors).
  google: (c, a, op) => {
    if (c === 'under-scoped') return a.status === 403 && /insufficient (authentication )?scopes|Insufficient Permission/i.test(a.json?.error?.message ?? '');
    if (c === 'missing' && op.api === 'sheets') return a.status === 403 && /API key/.test(a.json?.error?.message ?? '');
    return a.status === 401 && a.json?.error?.code === 401;
  },
};

/**
 * Operations that take no credential by design, per vendor, each with the reason; they are left out of the
 * matrix instead of being counted as refusals.
 */
export const PUBLIC: Record<Vendor, Array<[RegExp, string]>> = {
  okta: [[/^authn/, 'the classic Authentication API (/api/v1/authn) signs users in with a password or stateToken, not an API token (developer.okta.com/docs/reference/api/authn)']],
  slack: [[new RegExp(`^(${[...NO_AUTH].map((m) => m.replace(/\./g, '\\.')).join('|')})$`), 'api.test, the OAuth exchanges and token rotation take no token (their method pages)']],
  jira: [],
  google: [[/^drive\.files\.(create|update)\.resumable$/, "a resumable session URI is authorized by its upload_id, not a token"]],
};

const isPublic = (v: Vendor, op: OperationDigest) => PUBLIC[v].some(([re]) => re.test(op.id));

function request(twin: Twin, tenant: string | undefined, op: OperationDigest, headers: Record<string, string>) {
  const path = op.path.replace(/\{[^}]+\}/g, 'x');
  const body = op.method === 'get' || op.method === 'delete' ? undefined : '{}';
  return call(twin, op.method.toUpperCase(), `${tenant ? `/t/${tenant}` : ''}${path}`, { headers: { ...headers, 'x-atlassian-token': 'no-check', ...(body ? { 'content-type': 'application/json' } : {}) }, body });
}

export interface MatrixReport {
  tried: Record<AuthCase, number>;
  wrong: string[];
  skipped: string[];
}

/** Runs the cases a vendor has on every protected operation (`sample` limits how many per case). */
export async function authMatrix(vendor: Vendor, makeTwin: () => Promise<Twin>, opts: { sample?: number } = {}): Promise<MatrixReport> {
  const twin = await makeTwin();
  const report: MatrixReport = { tried: { missing: 0, malformed: 0, unknown: 0, expired: 0, revoked: 0, 'under-scoped': 0 }, wrong: [], skipped: [] };
  let ops = twin.def.digest.operations.filter((o) => !isPublic(vendor, o) && (vendor !== 'okta' || o.path.startsWith('/api/v1/')));
  if (opts.sample && ops.length > opts.sample) ops = ops.filter((_, i) => i % Math.ceil(ops.length / opts.sample!) === 0);
  const tenant = freshTenant(`auth-${vendor}`);
  const creds = await credentialsOf(twin, tenant);

  /** `also`: what this credential's refusal must carry beyond the case's (an OAuth challenge header). */
  const run = async (c: AuthCase, headers: Record<string, string>, which = ops, prefix: string | undefined = tenant, also?: (a: Answer) => boolean) => {
    for (const op of which) {
      const a = await request(twin, prefix, op, headers);
      report.tried[c]++;
      if (!REFUSAL[vendor](c, a, op) || (also && !also(a))) report.wrong.push(`${vendor} ${op.id} ${c}: ${a.status} ${a.text.slice(0, 160)} ${a.headers.get('www-authenticate') ?? ''}`);
    }
  };

  await run('missing', {});
  await run('malformed', { authorization: { okta: 'SSWS', slack: 'Bearer', jira: 'Basic !!!', google: 'Bearer' }[vendor] });
  await run('unknown', { authorization: { okta: 'SSWS 00notarealtokenatall000000000000000000000', slack: 'Bearer xoxb-1-2-notreal', jira: `Basic ${Buffer.from(`${creds.email}:wrong`).toString('base64')}`, google: 'Bearer ya29.not-a-real-token-at-all' }[vendor] });

  switch (vendor) {
    case 'okta': {
      // Under-scoped: a service app's access token granted okta.users.read only, on every operation whose scope
      // family is another (or that needs okta.users.manage); first proven alive on listUsers.
      const svc = await oktaServiceToken(twin, tenant, creds.token, ['okta.users.read']);
      const bearer = { authorization: `Bearer ${svc.token}` };
      const alive = await call(twin, 'GET', `/t/${tenant}/api/v1/users?limit=1`, { headers: bearer });
      if (alive.status !== 200) report.wrong.push(`okta service token refused on listUsers: ${alive.status} ${alive.text.slice(0, 120)}`);
      const lacking = ops.filter((o) => {
        const needed = requiredScopes(o);
        return needed.length > 0 && !needed.includes('okta.users.read');
      });
      await run('under-scoped', bearer, lacking);
      const unscoped = ops.filter((o) => !requiredScopes(o).length).length;
      const underScoped = { skipped: unscoped ? [`okta under-scoped: ${unscoped} operations whose OAuth scope the twin does not know (no scope is checked on them)`] : [] };
      // Expired: an API token unused for 30 days (the token window), an access token past its hour; revoked: DELETE
      // /api/v1/api-tokens/current, and /oauth2/v1/revoke for an access token. A refused access token also carries
      // Okta's `www-authenticate: Bearer … error="invalid_token"` challenge.
      const old = creds.token as string;
      const shortLived = await svc.another();
      await call(twin, 'POST', '/_dtu/clock', { body: { advanceMs: 31 * 86_400_000 } });
      await run('expired', { authorization: `SSWS ${old}` });
      const invalidToken = (a: Answer) => /^Bearer .*error="invalid_token"/.test(a.headers.get('www-authenticate') ?? '');
      await run('expired', { authorization: `Bearer ${shortLived}` }, ops, tenant, invalidToken);
      const fresh = (await credentialsOf(twin, tenant)).token as string;
      const revoked = await call(twin, 'DELETE', `/t/${tenant}/api/v1/api-tokens/current`, { headers: { authorization: `SSWS ${fresh}` } });
      if (revoked.status !== 204) report.wrong.push(`okta revokeCurrentApiToken: ${revoked.status} ${revoked.text.slice(0, 120)}`);
      await run('revoked', { authorization: `SSWS ${fresh}` });
      const toRevoke = await svc.another();
      const liveFirst = await call(twin, 'GET', `/t/${tenant}/api/v1/users?limit=1`, { headers: { authorization: `Bearer ${toRevoke}` } });
      const revokedAt = await svc.revoke(toRevoke);
      if (liveFirst.status !== 200 || revokedAt !== 200) report.wrong.push(`okta access token before revocation ${liveFirst.status}, revoke ${revokedAt}`);
      await run('revoked', { authorization: `Bearer ${toRevoke}` }, ops, tenant, invalidToken);
      report.skipped.push(...underScoped.skipped);
      break;
    }
    case 'slack': {
      // Under-scoped: a workspace whose app's bot was granted users:read alone, its bot token on every method a
      // bot may call that needs a scope (per each method's page) it was not granted.
      const narrow = freshTenant('auth-slack-narrow');
      const fixture = structuredClone(loadFixture('slack', 'default')) as { apps: Array<{ bot_scopes?: string[] }> };
      for (const app of fixture.apps) app.bot_scopes = ['users:read'];
      await call(twin, 'POST', `/t/${narrow}/_dtu/seed`, { body: { fixture } });
      const narrowBot = (await credentialsOf(twin, narrow)).botToken as string;
      const probe = await call(twin, 'POST', `/t/${narrow}/api/auth.test`, { headers: { authorization: `Bearer ${narrowBot}` } });
      const granted = new Set((probe.headers.get('x-oauth-scopes') ?? '').split(',').filter(Boolean));
      const lacking = ops.filter((o) => {
        const accepted = acceptedScopes(o.id, 'bot');
        return !!accepted?.length && accepted.every((s) => !granted.has(s));
      });
      if (granted.size) await run('under-scoped', { authorization: `Bearer ${narrowBot}` }, lacking, narrow);
      else report.skipped.push('slack under-scoped: auth.test sent no x-oauth-scopes');
      const revoke = await call(twin, 'POST', `/t/${tenant}/api/auth.revoke`, { headers: { authorization: `Bearer ${creds.userToken}` } });
      if (revoke.json?.ok !== true) report.wrong.push(`slack auth.revoke: ${revoke.text.slice(0, 120)}`);
      await run('revoked', { authorization: `Bearer ${creds.userToken}` });
      report.skipped.push('slack expired: classic tokens do not expire; rotating tokens are covered by the OAuth tests');
      break;
    }
    case 'jira': {
      // Under-scoped: an OAuth 2.0 (3LO) token granted read:jira-user alone, first proven alive on /myself, on every
      // operation none of whose OAuth scope sets it satisfies.
      const minted = await call(twin, 'POST', `/t/${tenant}/_dtu/jira/tokens`, { body: { kind: 'oauth_access_token', scopes: ['read:jira-user'] } });
      const narrow = { authorization: `Bearer ${minted.json?.token as string}` };
      const alive = await call(twin, 'GET', `/t/${tenant}/rest/api/3/myself`, { headers: narrow });
      if (alive.status !== 200) report.wrong.push(`jira read:jira-user token refused on /myself: ${alive.status} ${alive.text.slice(0, 120)}`);
      const lacking = ops.filter((o) => {
        const sets = (o.security ?? []).filter((r) => 'OAuth2' in r).map((r) => (r as { OAuth2: string[] }).OAuth2);
        return sets.length > 0 && !sets.some((need) => need.every((sc) => sc === 'read:jira-user'));
      });
      await run('under-scoped', narrow, lacking);
      report.skipped.push('jira expired, revoked: API tokens are managed in the Atlassian account, outside the REST API');
      break;
    }
    case 'google': {
      const ro = creds.tokens?.adminReadonly as string | undefined;
      if (ro) {
        // Write operations whose declared scopes are all beyond the read-only token's.
        const have = ['drive.readonly', 'spreadsheets.readonly', 'documents.readonly', 'admin.directory.user.readonly'].map((s) => `https://www.googleapis.com/auth/${s}`);
        const writes = ops.filter((o) => o.method !== 'get' && (o.security ?? []).flatMap((s) => Object.values(s).flat()).every((s) => !have.includes(s)));
        await run('under-scoped', { authorization: `Bearer ${ro}` }, writes);
      }
      // Expired: an access token from the refresh grant outlives its 3599 s; revoked: POST /revoke.
      const grant = async () =>
        (
          await call(twin, 'POST', `/t/${tenant}/token`, {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret }).toString(),
          })
        ).json?.access_token as string;
      const short = await grant();
      await call(twin, 'POST', '/_dtu/clock', { body: { advanceMs: 2 * 3600_000 } });
      await run('expired', { authorization: `Bearer ${short}` });
      const toRevoke = await grant();
      await call(twin, 'POST', `/t/${tenant}/revoke?token=${encodeURIComponent(toRevoke)}`);
      await run('revoked', { authorization: `Bearer ${toRevoke}` });
      break;
    }
  }
  await twin.close();
  return report;
}
