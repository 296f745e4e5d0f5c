// Custom telephony providers: Twilio or Telesign credentials Okta sends SMS and voice codes through, one of them primary.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent } from './common.js';
import type { Handlers } from '../generated/operations.js';

interface ProviderDoc extends Doc {
  providerName: 'TWILIO' | 'TELESIGN';
  providerSid: string;
  providerCapability: 'ALL';
  providerSettings: Record<string, unknown>;
  enabled: boolean;
  isPrimaryProvider: boolean;
}

const providers = (ctx: OpContext) => ctx.tenant.collection<ProviderDoc>('/api/v1/telephony-providers');
/** Auth tokens are write-only: kept apart from the answered document. */
const tokens = (ctx: OpContext) => ctx.tenant.collection<Doc & { token: string }>('okta:telephonyProviderTokens');

const present = (p: ProviderDoc) => ({ id: p.id, providerName: p.providerName, providerSid: p.providerSid, providerCapability: p.providerCapability, providerSettings: structuredClone(p.providerSettings), enabled: p.enabled, isPrimaryProvider: p.isPrimaryProvider });

function requireProvider(ctx: OpContext): ProviderDoc {
  const id = String(ctx.params.customTelephonyProviderId);
  const p = providers(ctx).get(id);
  if (!p) throw notFound(id, 'CustomTelephonyProvider');
  return p;
}

/** Which settings each provider takes (Custom Telephony Provider API: Twilio phone number, messaging service, Verify or caller id; Telesign services). */
const SETTING_KEYS: Record<ProviderDoc['providerName'], string[]> = {
  TWILIO: ['twilioPhoneNumber', 'twilioMessagingServiceSid', 'twilioVerifySid', 'twilioCallerId'],
  TELESIGN: ['telesignService'],
};

function settings(name: ProviderDoc['providerName'], s: unknown): Record<string, unknown> {
  if (s === undefined || s === null) return {};
  if (typeof s !== 'object') throw validationError('providerSettings', 'Does not match required pattern');
  for (const [channel, v] of Object.entries(s as Record<string, unknown>)) {
    if (channel !== 'sms' && channel !== 'call') throw validationError(`providerSettings.${channel}`, 'Only sms and call settings exist');
    for (const k of Object.keys((v ?? {}) as object)) if (!SETTING_KEYS[name].includes(k)) throw validationError(`providerSettings.${channel}.${k}`, `${k} is not a ${name} setting`);
  }
  return structuredClone(s as Record<string, unknown>);
}

const PHONE = /^\+?[1-9]\d{6,14}$/;

export const telephonyProviderHandlers = {
  listAllCustomTelephonyProviderCredentials: (ctx) => ({ status: 200, body: providers(ctx).values().map(present) }),
  createCustomTelephonyProviderCredentials: (ctx) => {
    const b = bodyObject(ctx);
    if (b.providerName !== 'TWILIO' && b.providerName !== 'TELESIGN') throw validationError('providerName', 'Does not match required pattern');
    for (const f of ['providerSid', 'providerAuthToken']) if (typeof b[f] !== 'string' || !b[f]) throw validationError(f, 'The field cannot be left blank');
    if (b.providerCapability !== undefined && b.providerCapability !== 'ALL') throw validationError('providerCapability', 'Does not match required pattern');
    if (providers(ctx).find((p) => p.providerName === b.providerName)) throw oktaErrorWith('E0000001', ['providerName'], { causes: [`A ${b.providerName} provider is already configured.`] });
    // The first provider an org configures is its primary one; a new provider starts enabled.
    const first = providers(ctx).values().length === 0;
    const p = providers(ctx).put({ id: oktaId(ctx.tenant, 'ctp'), providerName: b.providerName, providerSid: b.providerSid, providerCapability: 'ALL', providerSettings: settings(b.providerName, b.providerSettings), enabled: true, isPrimaryProvider: first });
    tokens(ctx).put({ id: p.id, token: b.providerAuthToken });
    return { status: 201, body: present(p) };
  },
  getCustomTelephonyProviderCredential: (ctx) => ({ status: 200, body: present(requireProvider(ctx)) }),
  updateCustomTelephonyProviderCredential: (ctx) => {
    const p = requireProvider(ctx);
    const b = bodyObject(ctx);
    if (b.providerSid !== undefined && (typeof b.providerSid !== 'string' || !b.providerSid)) throw validationError('providerSid', 'The field cannot be left blank');
    if (typeof b.providerAuthToken === 'string' && b.providerAuthToken) tokens(ctx).put({ id: p.id, token: b.providerAuthToken });
    const next = providers(ctx).put({ ...p, providerSid: b.providerSid ?? p.providerSid, providerSettings: b.providerSettings !== undefined ? settings(p.providerName, b.providerSettings) : p.providerSettings });
    return { status: 200, body: present(next) };
  },
  activateCustomTelephonyCredential: (ctx) => ({ status: 200, body: present(providers(ctx).put({ ...requireProvider(ctx), enabled: true })) }),
  deactivateCustomTelephonyCredential: (ctx) => {
    const p = requireProvider(ctx);
    // Codes must keep flowing: the primary provider is switched off only after another one is made primary.
    if (p.isPrimaryProvider) throw oktaErrorWith('E0000001', ['isPrimaryProvider'], { causes: ['The primary telephony provider cannot be deactivated; make another provider primary first.'] });
    return { status: 200, body: present(providers(ctx).put({ ...p, enabled: false })) };
  },
  setAsPrimaryCustomTelephonyCredential: (ctx) => {
    const p = requireProvider(ctx);
    if (!p.enabled) throw oktaErrorWith('E0000001', ['enabled'], { causes: ['Only an active telephony provider can be primary.'] });
    for (const other of providers(ctx).values()) if (other.isPrimaryProvider && other.id !== p.id) providers(ctx).put({ ...other, isPrimaryProvider: false });
    return { status: 200, body: present(providers(ctx).put({ ...p, isPrimaryProvider: true })) };
  },
  sendTestCustomTelephonyProviderCredential: (ctx) => {
    const p = requireProvider(ctx);
    const b = bodyObject(ctx);
    if (b.factor !== 'SMS' && b.factor !== 'CALL') throw validationError('factor', 'Does not match required pattern');
    if (typeof b.phoneNumber !== 'string' || !PHONE.test(b.phoneNumber.replace(/[\s-]/g, ''))) throw validationError('phoneNumber', 'Invalid phone number');
    if (!p.enabled) throw oktaErrorWith('E0000001', ['enabled'], { causes: ['A test goes only through an active telephony provider.'] });
    return noContent();
  },
  deleteCustomTelephonyProviderCredential: (ctx) => {
    const p = requireProvider(ctx);
    if (p.isPrimaryProvider && providers(ctx).values().length > 1) throw oktaErrorWith('E0000001', ['isPrimaryProvider'], { causes: ['The primary telephony provider cannot be deleted while others exist; make another provider primary first.'] });
    providers(ctx).delete(p.id);
    tokens(ctx).delete(p.id);
    return noContent();
  },
} satisfies Handlers;
