// Control routes for app configuration (event subscriptions with url_verification, Socket Mode, commands) and for inspecting deliveries.
import type { Hono } from 'hono';
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { apps } from '../store.js';
import { sendSigned } from '../realtime/http.js';
import { getApp, verificationToken, type RealtimeApp } from '../realtime/installed-apps.js';
import { deliveryView, realtime } from '../realtime/runtime.js';
import { disconnect } from '../realtime/socket-mode.js';
import { publishEvent } from '../realtime/bus.js';
import { controlTenant, jsonBody, problem, str } from './util.js';

/**
 * Slack verifies a new Events API request URL by POSTing `{token, challenge, type:'url_verification'}`
 * and expects the challenge back within 3 s (https://api.slack.com/events/url_verification);
 * the answer may be the bare value, JSON `{challenge}` or a form field.
 */
export async function verifyUrl(twin: Twin, tenant: Tenant, app: RealtimeApp, url: string): Promise<{ ok: boolean; status?: number; detail?: string }> {
  const challenge = tenant.random.chars(48);
  const body = JSON.stringify({ token: verificationToken(tenant, app), challenge, type: 'url_verification' });
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 3000);
  try {
    const res = await sendSigned({ url, body, contentType: 'application/json', signingSecret: app.signing_secret, timestampSec: twin.clock.seconds(), signal: ac.signal });
    if (res.outcome === 'aborted') return { ok: false, detail: 'http_timeout: no answer within 3 seconds' };
    if (res.outcome !== 'ok') return { ok: false, status: res.status, detail: res.outcome === 'http_error' ? `http_error: status ${res.status}` : `connection_failed: ${res.error ?? ''}` };
    const text = (res.body ?? '').trim();
    let echoed: unknown = text;
    if (/^\s*\{/.test(text)) {
      try {
        echoed = (JSON.parse(text) as { challenge?: unknown }).challenge;
      } catch {
        echoed = undefined;
      }
    } else if (text.startsWith('challenge=')) echoed = new URLSearchParams(text).get('challenge');
    return echoed === challenge ? { ok: true, status: res.status } : { ok: false, status: res.status, detail: "Your URL didn't respond with the value of the challenge parameter." };
  } finally {
    clearTimeout(timer);
  }
}

const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

function configView(app: RealtimeApp): Record<string, unknown> {
  return {
    app_id: app.id,
    socket_mode: !!app.socket_mode,
    event_subscriptions: app.event_subscriptions,
    interactivity: app.interactivity ?? { request_url: null },
    slash_commands: app.slash_commands ?? [],
    shortcuts: app.shortcuts ?? [],
    redirect_urls: app.redirect_urls ?? [],
    token_rotation_enabled: !!app.token_rotation_enabled,
  };
}

/**
 * Control routes (tenant by `/t/<name>` prefix or `?tenant=`):
 *   GET  /_dtu/slack/apps/:id/config     the app's realtime settings
 *   PUT  /_dtu/slack/apps/:id/config     {request_url?, bot_events?, user_events?, interactivity_url?, socket_mode?,
 *                                         slash_commands?, shortcuts?, redirect_urls?, token_rotation_enabled?, skip_verification?}
 *                                         a new request_url must pass url_verification first, as in Slack's app settings
 *   GET  /_dtu/slack/deliveries          ?app_id&state&kind — recent deliveries with attempts, acks and outcomes
 *   GET  /_dtu/slack/deliveries/:id      one delivery (by id or any of its envelope ids)
 *   GET  /_dtu/slack/events              published events and who received them (or why not)
 *   POST /_dtu/slack/events              {event, channel?, user?, app?} — publish an arbitrary workspace event
 */
export function appsControl(app: Hono<DtuEnv>, twin: Twin): void {
  app.get('/_dtu/slack/apps/:id/config', (c) => {
    const a = getApp(controlTenant(c, twin), c.req.param('id'));
    return a ? c.json(configView(a)) : problem(c, 404, `no app ${c.req.param('id')}`);
  });

  app.put('/_dtu/slack/apps/:id/config', async (c) => {
    const tenant = controlTenant(c, twin);
    const a = getApp(tenant, c.req.param('id'));
    if (!a) return problem(c, 404, `no app ${c.req.param('id')}`);
    const b = await jsonBody(c);
    if (!b) return problem(c, 400, 'expected a JSON object body');
    const patch: Partial<RealtimeApp> & Record<string, unknown> = {};
    const subs = { ...(a.event_subscriptions ?? { request_url: null, bot_events: [] }) };
    for (const k of ['bot_events', 'user_events'] as const) {
      if (b[k] === undefined) continue;
      const list = stringList(b[k]);
      if (!list) return problem(c, 400, `${k} must be an array of event names`);
      subs[k] = list;
    }
    if (b.request_url !== undefined) {
      if (b.request_url !== null && (typeof b.request_url !== 'string' || !/^https?:\/\//.test(b.request_url))) return problem(c, 400, 'request_url must be an http(s) URL or null');
      const url = b.request_url as string | null;
      if (url && url !== subs.request_url && b.skip_verification !== true) {
        const v = await verifyUrl(twin, tenant, a, url);
        if (!v.ok) return problem(c, 422, 'url_verification_failed', { detail: v.detail, status: v.status });
      }
      subs.request_url = url;
    }
    patch.event_subscriptions = subs;
    if (b.interactivity_url !== undefined) {
      if (b.interactivity_url !== null && typeof b.interactivity_url !== 'string') return problem(c, 400, 'interactivity_url must be a URL or null');
      patch.interactivity = { request_url: (b.interactivity_url as string | null) ?? null };
    }
    if (b.slash_commands !== undefined) {
      const ok = Array.isArray(b.slash_commands) && b.slash_commands.every((x) => x && typeof x === 'object' && typeof (x as { command?: unknown }).command === 'string' && (x as { command: string }).command.startsWith('/'));
      if (!ok) return problem(c, 400, 'slash_commands must be [{command:"/name", url?, description?}]');
      patch.slash_commands = b.slash_commands as RealtimeApp['slash_commands'];
    }
    if (b.shortcuts !== undefined) {
      const ok = Array.isArray(b.shortcuts) && b.shortcuts.every((x) => x && typeof x === 'object' && typeof (x as { callback_id?: unknown }).callback_id === 'string' && ['global', 'message'].includes(String((x as { type?: unknown }).type)));
      if (!ok) return problem(c, 400, 'shortcuts must be [{callback_id, type: global|message, name?}]');
      patch.shortcuts = b.shortcuts as RealtimeApp['shortcuts'];
    }
    if (b.redirect_urls !== undefined) {
      const list = stringList(b.redirect_urls);
      if (!list) return problem(c, 400, 'redirect_urls must be an array of URLs');
      patch.redirect_urls = list;
    }
    if (b.token_rotation_enabled !== undefined) patch.token_rotation_enabled = b.token_rotation_enabled === true;
    if (b.socket_mode !== undefined) {
      patch.socket_mode = b.socket_mode === true;
      patch.socket_mode_disabled = b.socket_mode !== true;
    }
    const wasSocketMode = !!a.socket_mode;
    apps(tenant).patch(a.id, patch as Partial<typeof a>);
    if (b.socket_mode === false && wasSocketMode) {
      // Turning Socket Mode off closes the app's connections with `link_disabled`.
      const rt = realtime(twin);
      for (const k of rt.socketsFor(tenant.name, a.id)) disconnect(rt, k, 'link_disabled');
    }
    return c.json({ ok: true, ...configView(getApp(tenant, a.id)!) });
  });

  app.get('/_dtu/slack/deliveries', (c) => {
    const tenant = controlTenant(c, twin);
    const q = c.req.query();
    const list = [...realtime(twin).deliveries.values()].filter((d) => d.tenant === tenant.name && (!q.app_id || d.appId === q.app_id) && (!q.state || d.state === q.state) && (!q.kind || d.kind === q.kind));
    return c.json({ deliveries: list.map(deliveryView) });
  });

  app.get('/_dtu/slack/deliveries/:id', (c) => {
    const tenant = controlTenant(c, twin);
    const rt = realtime(twin);
    const id = rt.byEnvelope.get(c.req.param('id')) ?? c.req.param('id');
    const d = rt.deliveries.get(id);
    return d && d.tenant === tenant.name ? c.json(deliveryView(d)) : problem(c, 404, `no delivery ${c.req.param('id')}`);
  });

  app.get('/_dtu/slack/events', (c) => {
    const tenant = controlTenant(c, twin);
    const type = c.req.query('type');
    return c.json({ events: realtime(twin).eventLog.filter((e) => e.tenant === tenant.name && (!type || e.type === type)) });
  });

  app.post('/_dtu/slack/events', async (c) => {
    const tenant = controlTenant(c, twin);
    const b = await jsonBody(c);
    const ev = b?.event;
    if (!ev || typeof ev !== 'object' || Array.isArray(ev) || typeof (ev as { type?: unknown }).type !== 'string') return problem(c, 400, 'expected { event: { type, … }, channel?, user?, app? }');
    const event = { event_ts: (twin.clock.ms() / 1000).toFixed(6), ...(ev as Record<string, unknown>) };
    const before = realtime(twin).eventLog.length;
    publishEvent(twin, tenant, event, { channel: str(b!.channel), user: str(b!.user), app: str(b!.app) });
    const entry = realtime(twin).eventLog.length > before ? realtime(twin).eventLog[realtime(twin).eventLog.length - 1] : undefined;
    return c.json({ ok: true, published: entry });
  });
}
