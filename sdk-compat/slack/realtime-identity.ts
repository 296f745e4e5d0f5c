/** @slack/web-api scenarios for identity: Sign in with Slack (openid.connect.*), classic oauth.access, app configuration tokens (tooling.tokens.rotate). */
import { WebClient } from '@slack/web-api';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const SDK = '@slack/web-api';
const CB = 'https://app.example.com/auth/callback';

const isSlackError = (code: string) => (e: any) => e?.data?.error === code;

function make(ctx: CompatContext, t: Tracker, token?: string): WebClient {
  return t.track(new WebClient(token, { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } }), '');
}

/** Approves on one of the authorize pages as the installer and returns the code from the redirect. */
async function code(ctx: CompatContext, t: Tracker, path: string, q: Record<string, string>): Promise<string> {
  const u = new URL(`${ctx.baseUrl}${path}`);
  for (const [k, v] of Object.entries({ client_id: ctx.credentials.clientId, redirect_uri: CB, state: 'compat', dtu_auto_approve: ctx.credentials.installerUserId, ...q })) u.searchParams.set(k, v);
  const res = await fetch(u, { redirect: 'manual' });
  const loc = res.headers.get('location');
  t.check(res.status === 302 && loc, `${path} redirects back with a code`, { status: res.status });
  return new URL(loc!).searchParams.get('code') ?? '';
}

async function signInScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const anon = make(ctx, t);
  const creds = { client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret };
  const c = await code(ctx, t, '/openid/connect/authorize', { scope: 'openid email profile', response_type: 'code', nonce: 'compat-nonce' });
  const tok = await anon.openid.connect.token({ ...creds, code: c, redirect_uri: CB });
  t.check(tok.token_type === 'Bearer' && String(tok.access_token).startsWith('xoxp-') && tok.id_token, 'a user token and an id_token', tok);
  const disco = (await (await fetch(`${ctx.baseUrl}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
  const clock = (await ctx.control('GET', 'clock')) as { epochMs: number };
  const { payload } = await jwtVerify(String(tok.id_token), createRemoteJWKSet(new URL(disco.jwks_uri)), { issuer: disco.issuer, audience: ctx.credentials.clientId, currentDate: new Date(clock.epochMs) });
  t.check(payload.sub === ctx.credentials.installerUserId && payload.nonce === 'compat-nonce' && payload['https://slack.com/team_id'] === ctx.credentials.teamId, 'the id_token verifies against the JWKS and names the person', payload);
  const info = await make(ctx, t, String(tok.access_token)).openid.connect.userInfo();
  t.check(info.sub === payload.sub && info.email === payload.email, 'userInfo returns the same claims', info);
  await t.expectError(() => anon.openid.connect.token({ ...creds, code: c, redirect_uri: CB }), isSlackError('invalid_grant'), 'a code works once');
  const v2 = await code(ctx, t, '/oauth/v2/authorize', { scope: 'chat:write' });
  await t.expectError(() => anon.openid.connect.token({ ...creds, code: v2, redirect_uri: CB }), isSlackError('oauth_authorization_url_mismatch'), 'OAuth v2 codes are not Sign in with Slack codes');
}

async function classicAndConfigScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const anon = make(ctx, t);
  const creds = { client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret };
  const c = await code(ctx, t, '/oauth/authorize', { scope: 'bot,channels:read' });
  const v1 = await anon.oauth.access({ ...creds, code: c, redirect_uri: CB });
  const bot = v1.bot as { bot_user_id?: string; bot_access_token?: string } | undefined;
  t.check(String(v1.access_token).startsWith('xoxp-') && bot?.bot_user_id === ctx.credentials.botUserId && bot?.bot_access_token?.startsWith('xoxb-'), 'oauth.access returns the user token and the bot', v1);
  await t.expectError(() => anon.oauth.access({ ...creds, code: c }), isSlackError('code_already_used'), 'a classic code works once');

  const pair = await ctx.control('POST', 'slack/config-tokens', { user: ctx.credentials.installerUserId });
  const rotated = await anon.tooling.tokens.rotate({ refresh_token: pair.refresh_token });
  t.check(String(rotated.token).startsWith('xoxe.xoxp-') && rotated.token !== pair.token && Number(rotated.exp) - Number(rotated.iat) === 43200, 'rotation issues a new 12-hour configuration token', rotated);
  await make(ctx, t, String(rotated.token)).apps.manifest.validate({ manifest: { display_information: { name: 'Rotated' } } } as never);
  await t.expectError(() => anon.tooling.tokens.rotate({ refresh_token: pair.refresh_token }), isSlackError('invalid_refresh_token'), 'a refresh token is used once');
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'realtime: Sign in with Slack — authorize, token, id_token against the JWKS, userInfo', run: signInScenario },
  { vendor: 'slack', sdk: SDK, name: 'realtime: classic oauth.access and app configuration token rotation', run: classicAndConfigScenario },
];
