// Interactive payloads exactly as Slack sends them (block_actions, view_submission, view_closed, shortcuts, slash commands).
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { team, triggers } from '../store.js';
import { triggerId } from './ids.js';
import { payloadTeam, payloadUser, verificationToken, type RealtimeApp } from './installed-apps.js';

/** Trigger ids are good for 3 seconds (https://api.slack.com/interactivity/handling#modal_responses). */
export const TRIGGER_TTL_SEC = 3;

/** Creates the trigger views.open will accept for this person and app. */
export function newTrigger(twin: Twin, tenant: Tenant, userId: string, appId: string): string {
  const id = triggerId(tenant);
  triggers(tenant).put({ id, user: userId, app_id: appId, expires: twin.clock.seconds() + TRIGGER_TTL_SEC });
  return id;
}

type Block = Record<string, unknown>;
export type Element = Record<string, unknown>;

/** Finds an interactive element by action_id in blocks (actions elements, section accessories, input elements). */
export function findElement(blocks: unknown, actionId: string, blockId?: string): { element: Element; block_id: string } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const b of blocks as Block[]) {
    if (!b || typeof b !== 'object') continue;
    const bid = typeof b.block_id === 'string' ? b.block_id : '';
    if (blockId && bid !== blockId) continue;
    const candidates: unknown[] = [];
    if (Array.isArray(b.elements)) candidates.push(...b.elements);
    if (b.accessory) candidates.push(b.accessory);
    if (b.element) candidates.push(b.element);
    for (const e of candidates as Element[]) if (e && typeof e === 'object' && e.action_id === actionId) return { element: e, block_id: bid };
  }
  return undefined;
}

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

/** The option object of a select for a value (with its display text when the element lists it). */
function optionFor(el: Element, value: string): Record<string, unknown> {
  const groups = Array.isArray(el.option_groups) ? (el.option_groups as Array<{ options?: unknown[] }>).flatMap((g) => g.options ?? []) : [];
  const options = [...(Array.isArray(el.options) ? el.options : []), ...groups] as Array<{ value?: string; text?: unknown }>;
  const hit = options.find((o) => o.value === value);
  return hit ? { ...hit } : { text: plain(value), value };
}

/** What a person's choice looks like in `actions[]` and in `state.values`, by element type. */
export function elementValue(el: Element, input: unknown): Record<string, unknown> {
  const type = String(el.type ?? 'button');
  if (input && typeof input === 'object' && !Array.isArray(input)) return { type, ...(input as Record<string, unknown>) };
  const s = input === undefined ? undefined : Array.isArray(input) ? input.map(String) : String(input);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: s ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: s === undefined ? null : optionFor(el, Array.isArray(s) ? s[0] : s) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: (Array.isArray(s) ? s : s ? [s] : []).map((v) => optionFor(el, v)) };
    case 'users_select':
      return { type, selected_user: s ?? null };
    case 'multi_users_select':
      return { type, selected_users: Array.isArray(s) ? s : s ? [s] : [] };
    case 'conversations_select':
      return { type, selected_conversation: s ?? null };
    case 'channels_select':
      return { type, selected_channel: s ?? null };
    case 'datepicker':
      return { type, selected_date: s ?? null };
    case 'timepicker':
      return { type, selected_time: s ?? null };
    default:
      return { type, value: s ?? el.value };
  }
}

/**
 * `view.state.values` for a submission: `{block_id: {action_id: value}}` where each value is either
 * a full Slack value object or a plain string/array that is shaped after the view's input elements.
 */
export function stateValues(blocks: unknown, values: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    if (!actions || typeof actions !== 'object') continue;
    out[blockId] = {};
    for (const [actionId, v] of Object.entries(actions as Record<string, unknown>)) {
      const found = findElement(blocks, actionId, blockId);
      out[blockId][actionId] = found ? elementValue(found.element, v) : v && typeof v === 'object' ? v : { type: 'plain_text_input', value: v === undefined ? null : String(v) };
    }
  }
  return out;
}

/** The `action` entry of a block_actions payload for one element. */
export function actionEntry(twin: Twin, el: Element, blockId: string, input: unknown): Record<string, unknown> {
  const base: Record<string, unknown> = { action_id: el.action_id, block_id: blockId };
  const actionTs = (twin.clock.ms() / 1000).toFixed(6);
  if ((el.type ?? 'button') === 'button') {
    return { ...base, text: el.text ?? plain(''), ...(el.value !== undefined || input !== undefined ? { value: input !== undefined ? String(input) : el.value } : {}), ...(el.style ? { style: el.style } : {}), type: 'button', action_ts: actionTs };
  }
  const v = elementValue(el, input);
  return { ...base, ...v, ...(el.placeholder ? { placeholder: el.placeholder } : {}), action_ts: actionTs };
}

/** Fields every interactive payload shares. */
export function interactiveBase(tenant: Tenant, app: RealtimeApp, userId: string): Record<string, unknown> {
  return {
    user: payloadUser(tenant, userId),
    api_app_id: app.id,
    token: verificationToken(tenant, app),
    team: payloadTeam(tenant),
    enterprise: team(tenant).enterprise_id ? { id: team(tenant).enterprise_id, name: team(tenant).enterprise_name } : null,
    is_enterprise_install: false,
  };
}

/** Slash command fields (https://api.slack.com/interactivity/slash-commands#app_command_handling), all strings. */
export function slashCommandPayload(tenant: Tenant, app: RealtimeApp, f: { userId: string; channelId: string; channelName: string; command: string; text: string; responseUrl: string; triggerId: string }): Record<string, string> {
  const t = team(tenant);
  const u = payloadUser(tenant, f.userId);
  const out: Record<string, string> = {
    token: verificationToken(tenant, app),
    team_id: t.id,
    team_domain: t.domain,
    channel_id: f.channelId,
    channel_name: f.channelName,
    user_id: f.userId,
    user_name: String(u.username),
    command: f.command,
    text: f.text,
    api_app_id: app.id,
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: f.triggerId,
  };
  if (t.enterprise_id) Object.assign(out, { enterprise_id: t.enterprise_id, enterprise_name: t.enterprise_name ?? '' });
  return out;
}
