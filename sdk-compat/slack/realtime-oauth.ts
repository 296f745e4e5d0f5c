/** @slack/web-api scenarios for OAuth v2 and event authorizations: install, exchange, rotation, revocation. */
import { WebClient } from '@slack/web-api';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const SDK = '@slack/web-api';

const isSlackError = (code: string) => (e: any) => e?.data?.error === code;

function make(ctx: CompatContext, t: Tracker, token?: string): WebClient {
  return t.track(new WebClient(token, { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } }), '');
}

/** Runs the authorize step as a person (the twin's non-interactive approval) and returns the code. */
async function authorize(ctx: CompatContext, t: Tracker, q: Record<string, string>): Promise<string> {
  const u = new URL(`${ctx.baseUrl}/oauth/v2/authorize`);
  const params = { client_id: ctx.credentials.clientId, redirect_uri: 'https://app.example.com/slack/oauth_redirect', state: 'compat-state', dtu_auto_approve: ctx.credentials.installerUserId, ...q };
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const res = await fetch(u, { redirect: 'manual' });
  const loc = res.headers.get('location');
  t.check(res.status === 302 && loc, 'authorize redirects back to the app', { status: res.status });
  const back = new URL(loc!);
  t.check(back.searchParams.get('state') === 'compat-state', 'the redirect carries the state', back.href);
  return back.searchParams.get('code') ?? '';
}

async function installScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const anon = make(ctx, t);
  const { clientId, clientSecret } = ctx.credentials;
  const code = await authorize(ctx, t, { scope: 'chat:write,channels:read', user_scope: 'users:read' });
  const res = await anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code, redirect_uri: 'https://app.example.com/slack/oauth_redirect' });
  t.check(res.token_type === 'bot' && res.access_token?.startsWith('xoxb-') && res.bot_user_id === ctx.credentials.botUserId, 'the exchange returns the bot token', res);
  t.check(res.authed_user?.token_type === 'user' && res.authed_user.scope?.split(',').includes('users:read'), 'and the installing person’s user token, with granted scopes accumulated', res.authed_user);
  const who = await make(ctx, t, res.authed_user!.access_token).auth.test();
  t.check(who.user_id === ctx.credentials.installerUserId, 'the user token is the installer', who);
  const bot = await make(ctx, t, res.access_token).auth.test();
  t.check(bot.bot_id === ctx.credentials.botId, 'the bot token is the app’s bot', bot);
  await t.expectError(() => anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code }), isSlackError('invalid_code'), 'a code works once');
  const code2 = await authorize(ctx, t, { scope: 'chat:write' });
  await t.expectError(() => anon.oauth.v2.access({ client_id: clientId, client_secret: 'wrong', code: code2 }), isSlackError('bad_client_secret'), 'a wrong secret is bad_client_secret');

  // Token rotation: a long-lived token becomes an expiring one with a refresh token.
  const rotated = await anon.oauth.v2.exchange({ client_id: clientId, client_secret: clientSecret, token: res.authed_user!.access_token } as never);
  t.check(String(rotated.access_token).startsWith('xoxe.xoxp-') && String(rotated.refresh_token).startsWith('xoxe-') && rotated.expires_in === 43200, 'oauth.v2.exchange issues an expiring token', rotated);
  const refreshed = await anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: String(rotated.refresh_token) });
  t.check(refreshed.token_type === 'user' && refreshed.access_token !== rotated.access_token, 'the refresh token buys a new access token', refreshed);
  await t.expectError(
    () => anon.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: String(rotated.refresh_token) }),
    isSlackError('invalid_refresh_token'),
    'a refresh token is used once',
  );

  const person = make(ctx, t, String(refreshed.access_token));
  const dry = (await person.auth.revoke({ test: true })) as { revoked?: boolean };
  t.check(dry.revoked === false, 'auth.revoke test=true revokes nothing', dry);
  const gone = (await person.auth.revoke()) as { revoked?: boolean };
  t.check(gone.revoked === true, 'auth.revoke revokes', gone);
  await t.expectError(() => person.auth.test(), isSlackError('token_revoked'), 'a revoked token is token_revoked');
}

async function authorizationsScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const bot = make(ctx, t, ctx.credentials.botToken);
  const app = make(ctx, t, ctx.credentials.appToken);
  const lab = (await bot.conversations.list({ types: 'public_channel,private_channel' })).channels?.find((c) => c.name === 'bot-lab')?.id;
  t.check(lab, 'the fixture has #bot-lab');
  // A person posts; with no socket connected the event waits in the delivery queue with its envelope.
  await ctx.control('POST', 'slack/act/message', { user: ctx.credentials.installerUserId, channel: lab, text: 'who can see this?' });
  const { deliveries } = await ctx.control('GET', 'slack/deliveries?kind=events_api');
  const envelope = deliveries[0]?.payload;
  t.check(envelope?.type === 'event_callback' && envelope.event_context, 'the event has an event_context', deliveries[0]);
  const res = await app.apps.event.authorizations.list({ event_context: envelope.event_context });
  t.check(res.authorizations?.some((a) => a.user_id === ctx.credentials.botUserId && a.is_bot), 'the bot installation can see the event', res.authorizations);
  await t.expectError(() => app.apps.event.authorizations.list({ event_context: 'not-a-context' }), isSlackError('invalid_event_context'), 'a forged context is invalid_event_context');
  await t.expectError(() => bot.apps.event.authorizations.list({ event_context: envelope.event_context }), isSlackError('not_allowed_token_type'), 'only app-level tokens may ask');
  await t.expectError(() => bot.apps.connections.open(), isSlackError('not_allowed_token_type'), 'apps.connections.open needs an app-level token');
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'realtime: OAuth v2 install, token rotation and revocation', run: installScenario },
  { vendor: 'slack', sdk: SDK, name: 'realtime: apps.event.authorizations.list from a queued event', run: authorizationsScenario },
];
