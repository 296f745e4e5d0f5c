// SMS templates (Template API): custom text for SMS verification codes, with per-language translations.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

interface SmsTemplateDoc extends Doc { name: string; type: string; template: string; translations?: Record<string, string>; created: string; lastUpdated: string }

const templates = (ctx: OpContext) => ctx.tenant.collection<SmsTemplateDoc>('/api/v1/templates/sms');

const present = (t: SmsTemplateDoc) => ({ id: t.id, name: t.name, type: t.type, template: t.template, ...(t.translations ? { translations: structuredClone(t.translations) } : {}), created: t.created, lastUpdated: t.lastUpdated });

function requireTemplate(ctx: OpContext<{ templateId: string }>): SmsTemplateDoc {
  const t = templates(ctx).get(ctx.params.templateId);
  // Okta names SMS templates AppInstance in its 404s (recorded cassettes).
  if (!t) throw notFound(ctx.params.templateId, 'AppInstance');
  return t;
}

/** Name, type and text are required; any type string is stored as sent (the SDK's suite creates random types). */
type Fields = { name: string; type: string; template: string; translations?: Record<string, string> };

function fields(b: Record<string, any>, prev?: SmsTemplateDoc): Fields {
  const merged: Record<string, unknown> = { name: b.name ?? prev?.name, type: b.type ?? prev?.type, template: b.template ?? prev?.template };
  for (const [k, v] of Object.entries(merged)) if (typeof v !== 'string' || !v.trim()) throw validationError(k, 'The field cannot be left blank');
  const translations = b.translations !== undefined ? b.translations : prev?.translations;
  if (translations !== undefined && translations !== null && (typeof translations !== 'object' || Array.isArray(translations) || Object.values(translations).some((v) => typeof v !== 'string'))) {
    throw validationError('translations', 'Translations map a language code to the message text');
  }
  return { name: String(merged.name), type: String(merged.type), template: String(merged.template), ...(translations ? { translations: { ...translations } } : {}) };
}

export const smsTemplateHandlers = {
  listSmsTemplates: (ctx) => {
    const type = ctx.query.templateType;
    const all = templates(ctx).values().filter((t) => type === undefined || type === '' || t.type === type);
    return { status: 200, body: all.map(present) };
  },
  createSmsTemplate: (ctx) => {
    const now = nowIso(ctx);
    const t = templates(ctx).put({ id: oktaId(ctx.tenant, 'cst'), ...fields(bodyObject(ctx)), created: now, lastUpdated: now });
    return { status: 200, body: present(t) };
  },
  getSmsTemplate: (ctx) => ({ status: 200, body: present(requireTemplate(ctx)) }),
  // PUT replaces the whole template: translations left out are dropped (okta-sdk-nodejs test/it template-sms.ts).
  updateSmsTemplate: (ctx) => {
    const t = requireTemplate(ctx);
    const b = bodyObject(ctx);
    const { translations: _old, ...rest } = t;
    const next = templates(ctx).put({ ...rest, ...fields({ translations: undefined, ...b }), lastUpdated: nowIso(ctx) });
    return { status: 200, body: present(next) };
  },
  // POST updates the fields sent; translations merge by language.
  partialUpdateSmsTemplate: (ctx) => {
    const t = requireTemplate(ctx);
    const b = bodyObject(ctx);
    const translations = b.translations && typeof b.translations === 'object' ? { ...t.translations, ...b.translations } : undefined;
    const next = templates(ctx).put({ ...t, ...fields({ ...b, ...(translations ? { translations } : {}) }, t), lastUpdated: nowIso(ctx) });
    return { status: 200, body: present(next) };
  },
  // Deleting a template that is already gone succeeds: the SDK's suite deletes the same template twice in its clean-up.
  deleteSmsTemplate: (ctx) => {
    templates(ctx).delete(ctx.params.templateId);
    return noContent();
  },
} satisfies Handlers;
