// Org-wide settings documents read and replaced whole: rate-limit settings, Desktop MFA, user lockout, admin app assignment, personal apps, org CAPTCHA.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, validationError } from '../errors.js';
import { readSetting, resetSetting, writeSetting, type SettingName } from '../model/org-settings.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject, noContent } from './common.js';

const get = (name: SettingName) => (ctx: OpContext) => ({ status: 200, body: readSetting(ctx.tenant, name) });
const put = (name: SettingName, check?: (b: Record<string, any>) => void, status = 200) => (ctx: OpContext) => {
  const body = bodyObject(ctx);
  check?.(body);
  const saved = writeSetting(ctx.tenant, name, body);
  return status === 204 ? noContent() : { status, body: saved };
};

const PER_CLIENT_MODES = ['ENFORCE', 'DISABLE', 'PREVIEW'];

/** The org CAPTCHA setting with Okta's links (terraform cassettes: `_links.captcha` only once a CAPTCHA is chosen). */
function captchaView(ctx: OpContext) {
  const s = readSetting(ctx.tenant, 'orgCaptcha');
  const self = `${ctx.baseUrl}/api/v1/org/captcha`;
  return {
    ...s,
    _links: {
      ...(s.captchaId ? { captcha: { href: `${ctx.baseUrl}/api/v1/captchas/${s.captchaId}`, hints: { allow: ['GET', 'POST', 'PUT', 'DELETE'] } } } : {}),
      self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
    },
  };
}

export const orgSettingDocumentHandlers = {
  getRateLimitSettingsAdminNotifications: get('rateLimitAdminNotifications'),
  replaceRateLimitSettingsAdminNotifications: put('rateLimitAdminNotifications', (b) => {
    if (typeof b.notificationsEnabled !== 'boolean') throw validationError('notificationsEnabled', 'The field cannot be left blank');
  }),
  getRateLimitSettingsPerClient: get('rateLimitPerClient'),
  replaceRateLimitSettingsPerClient: put('rateLimitPerClient', (b) => {
    if (!PER_CLIENT_MODES.includes(b.defaultMode)) throw validationError('defaultMode', 'Does not match required pattern');
  }),
  getRateLimitSettingsWarningThreshold: get('rateLimitWarningThreshold'),
  replaceRateLimitSettingsWarningThreshold: put('rateLimitWarningThreshold', (b) => {
    // Okta accepts a warning threshold between 30 and 90 percent (Rate limit settings API).
    if (!Number.isInteger(b.warningThreshold) || b.warningThreshold < 30 || b.warningThreshold > 90) throw validationError('warningThreshold', 'Warning threshold must be between 30 and 90.');
  }),
  getDesktopMFAEnforceNumberMatchingChallengeOrgSetting: get('desktopMfaNumberMatching'),
  replaceDesktopMFAEnforceNumberMatchingChallengeOrgSetting: put('desktopMfaNumberMatching'),
  getDesktopMFARecoveryPinOrgSetting: get('desktopMfaRecoveryPin'),
  replaceDesktopMFARecoveryPinOrgSetting: put('desktopMfaRecoveryPin'),
  getUserLockoutSettings: get('userLockout'),
  replaceUserLockoutSettings: put('userLockout'),
  getAutoAssignAdminAppSetting: get('autoAssignAdminApp'),
  updateAutoAssignAdminAppSetting: put('autoAssignAdminApp'),
  listPersonalAppsExportBlockList: get('personalAppsBlockList'),
  replaceBlockedEmailDomains: put('personalAppsBlockList', (b) => {
    if (!Array.isArray(b.domains)) throw validationError('domains', 'The field cannot be left blank');
  }, 204),
  replaceOktaPersonalAdminSettings: put('personalAdminFeatures', undefined, 204),
  getOrgCaptchaSettings: (ctx) => ({ status: 200, body: captchaView(ctx) }),
  replacesOrgCaptchaSettings: (ctx) => {
    const body = bodyObject(ctx);
    if (body.captchaId !== null && body.captchaId !== undefined && !ctx.tenant.collection('/api/v1/captchas').get(String(body.captchaId))) throw notFound(String(body.captchaId), 'CAPTCHAInstance');
    writeSetting(ctx.tenant, 'orgCaptcha', body);
    return { status: 200, body: captchaView(ctx) };
  },
  deleteOrgCaptchaSettings: (ctx) => {
    resetSetting(ctx.tenant, 'orgCaptcha');
    return noContent();
  },
} satisfies Handlers;
