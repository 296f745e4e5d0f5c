// Brands and what hangs off them: the org's default brand and its theme, email templates and customizations, hosted pages.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { oktaId } from '../store.js';
import { orgMeta } from './org.js';

export const BRANDS = '/api/v1/brands';
export const themesKey = (brandId: string) => `${BRANDS}/${brandId}/themes`;
export const customizationsKey = (brandId: string, template: string) => `${BRANDS}/${brandId}/templates/email/${template}/customizations`;
export const emailSettingsKey = (brandId: string) => `${BRANDS}/${brandId}/templates/email-settings`;
export const pagesKey = (brandId: string) => `${BRANDS}/${brandId}/pages`;

export interface BrandDoc extends Doc {
  name: string;
  removePoweredByOkta: boolean;
  customPrivacyPolicyUrl: string | null;
  agreeToCustomPrivacyPolicy: boolean;
  isDefault: boolean;
  defaultApp: { appInstanceId: string | null; appLinkName: string | null; classicApplicationUri: string | null };
  emailDomainId?: string;
  locale?: string;
}

export interface ThemeDoc extends Doc {
  logo: string | null;
  favicon: string | null;
  backgroundImage: string | null;
  [field: string]: unknown;
}

/** Theme colors and touch-point variants a new brand starts with (Brands API, Theme defaults; terraform cassettes). */
export const THEME_DEFAULTS = {
  primaryColorHex: '#1662dd',
  primaryColorContrastHex: '#ffffff',
  secondaryColorHex: '#ebebed',
  secondaryColorContrastHex: '#000000',
  signInPageTouchPointVariant: 'BACKGROUND_IMAGE',
  endUserDashboardTouchPointVariant: 'FULL_THEME',
  errorPageTouchPointVariant: 'BACKGROUND_IMAGE',
  emailTemplateTouchPointVariant: 'FULL_THEME',
  loadingPageTouchPointVariant: 'NONE',
};

/** The email templates every brand has, in Okta's listing order (Customizations API, email template names). */
export const EMAIL_TEMPLATES = [
  'UserActivation', 'UserBootstrappedActivation', 'ForgotPassword', 'ForgotPasswordDenied', 'PasswordResetByAdmin', 'PasswordResetBySupportUser',
  'ADUserActivation', 'ADForgotPasswordDenied', 'ADForgotPassword', 'LDAPUserActivation', 'LDAPForgotPassword', 'LDAPForgotPasswordDenied',
  'SelfServiceUnlock', 'ADSelfServiceUnlock', 'LDAPSelfServiceUnlock', 'OktaVerifyActivation', 'AccountLockout', 'EmailChallenge',
  'EmailFactorVerification', 'NewSignOnNotification', 'ChangeEmailConfirmation', 'PendingEmailChange', 'EmailChangeConfirmation',
  'SelfServiceUnlockOnUnlockedAccount', 'AuthenticatorEnrolled', 'AuthenticatorReset', 'PasswordChanged', 'IGAReviewerOverdueNotification',
];

/** A template's default subject and body: words from its name, the variables Okta's templates use. */
export function defaultEmailContent(template: string): { subject: string; body: string } {
  const words = template.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^(AD|LDAP|IGA)(?=[A-Z])/, '$1 ');
  return {
    subject: `${words}`,
    body: `<!DOCTYPE html><html><body><p>Hello \${user.profile.firstName},</p><p>${words} for \${org.name}.</p></body></html>`,
  };
}

/** The hosted pages a brand customizes, with their page kind (sign-in pages carry widget settings, error pages only content). */
export const PAGES = ['sign-in', 'error'] as const;
export type PageKind = (typeof PAGES)[number];

/** Okta's default hosted page: the theme's styles, favicon and title, and (for sign-in) the widget's resources. */
export function defaultPageContent(kind: PageKind): string {
  const widget = kind === 'sign-in' ? '\n    {{{SignInWidgetResources}}}' : '';
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    '    <meta name="robots" content="noindex,nofollow" />',
    '    <link href="{{themedStylesUrl}}" rel="stylesheet" type="text/css">',
    '    <link rel="shortcut icon" href="{{faviconUrl}}" type="image/x-icon"/>',
    // The error page's title names the org and the error (okta-sdk-python cassette test_custom_pages_lifecycle, pages/error/default).
    kind === 'sign-in' ? `    <title>{{pageTitle}}</title>${widget}` : '    <title>{{orgName}} - {{errorSummary}}</title>',
    '</head>',
    '<body>',
    kind === 'sign-in' ? '    <div id="okta-login-container"></div>\n    {{{OktaUtil}}}' : '    <div id="okta-error-container">{{errorSummary}}</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

export const WIDGET_CUSTOMIZATION_DEFAULTS = {
  signInLabel: null, usernameLabel: null, usernameInfoTip: null, passwordLabel: null, passwordInfoTip: null, showPasswordVisibilityToggle: false, showUserIdentifier: false,
  forgotPasswordLabel: null, forgotPasswordUrl: null, unlockAccountLabel: null, unlockAccountUrl: null, helpLabel: null, helpUrl: null, customLink1Label: null, customLink1Url: null,
  customLink2Label: null, customLink2Url: null, authenticatorPageCustomLinkLabel: null, authenticatorPageCustomLinkUrl: null, classicRecoveryFlowEmailOrUsernameLabel: null,
  widgetGeneration: 'G3', postAuthKeepMeSignedInPrompt: { title: null, subtitle: null, acceptButtonText: null, rejectButtonText: null },
};

/**
 * The widget settings of Okta's own (default) sign-in page: its labels are Okta's words, not nulls, on the second-generation
 * widget, and an Identity Engine org adds the keep-me-signed-in prompt's words (Terraform TestAccDataSourceOktaDefaultSigninPage_read
 * oie-00 and the python custom pages recording, 2026).
 */
export const DEFAULT_PAGE_WIDGET = {
  signInLabel: 'Sign In', usernameLabel: 'Username', usernameInfoTip: '', passwordLabel: 'Password', passwordInfoTip: '', showPasswordVisibilityToggle: true, showUserIdentifier: true,
  forgotPasswordLabel: 'Forgot password?', forgotPasswordUrl: '', unlockAccountLabel: 'Unlock account?', unlockAccountUrl: '', helpLabel: 'Help', helpUrl: '', customLink1Label: '', customLink1Url: '',
  customLink2Label: '', customLink2Url: '', authenticatorPageCustomLinkLabel: '', authenticatorPageCustomLinkUrl: '', classicRecoveryFlowEmailOrUsernameLabel: 'Email or Username',
  widgetGeneration: 'G2',
  postAuthKeepMeSignedInPrompt: { title: 'Keep me signed in', subtitle: 'Sign in and enter security methods less frequently.', acceptButtonText: 'Stay signed in', rejectButtonText: "Don't stay signed in" },
};

export const brands = (t: Tenant) => t.collection<BrandDoc>(BRANDS);

/** A brand with its theme (Okta makes the theme with the brand). */
export function createBrand(tenant: Tenant, name: string, isDefault: boolean): BrandDoc {
  const brand = brands(tenant).put({
    id: oktaId(tenant, 'bnd'), name, removePoweredByOkta: false, customPrivacyPolicyUrl: null, agreeToCustomPrivacyPolicy: false, isDefault,
    defaultApp: { appInstanceId: null, appLinkName: null, classicApplicationUri: null },
  });
  tenant.collection<ThemeDoc>(themesKey(brand.id)).put({ id: oktaId(tenant, 'the'), logo: null, favicon: null, backgroundImage: null, ...THEME_DEFAULTS });
  return brand;
}

/** The org's default brand, named after the org's subdomain as Okta names it. */
export function seedDefaultBrand(tenant: Tenant): BrandDoc {
  return brands(tenant).find((b) => b.isDefault) ?? createBrand(tenant, orgMeta(tenant)?.subdomain ?? tenant.name, true);
}
