// Brands API: brands, their theme and its images, email templates with customizations and settings, hosted sign-in/error/sign-out pages.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import {
  BRANDS, DEFAULT_PAGE_WIDGET, EMAIL_TEMPLATES, PAGES, THEME_DEFAULTS, WIDGET_CUSTOMIZATION_DEFAULTS, brands, createBrand, customizationsKey, defaultEmailContent, defaultPageContent, emailSettingsKey, pagesKey, themesKey,
  type BrandDoc, type PageKind, type ThemeDoc,
} from '../model/brands.js';
import { oktaId } from '../store.js';
import { domains, presentDomain } from './domains.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

type Hinted = { href: string; hints: { allow: string[] } };
const hinted = (href: string, ...allow: string[]): Hinted => ({ href, hints: { allow } });

function requireBrand(ctx: OpContext, id: string): BrandDoc {
  const b = brands(ctx.tenant).get(id);
  if (!b) throw notFound(id, 'Brand');
  return b;
}

/** The custom domains tied to a brand. */
const brandDomains = (ctx: OpContext, brandId: string) => domains(ctx).filter((d) => d.brandId === brandId).map((d) => presentDomain(ctx, d));

const presentBrand = (ctx: OpContext, b: BrandDoc) => {
  const self = `${ctx.baseUrl}${BRANDS}/${b.id}`;
  const out: Record<string, unknown> = { ...structuredClone(b), _links: { themes: hinted(`${self}/themes`, 'GET'), self: hinted(self, 'GET', 'PUT', 'DELETE') } };
  if (String((ctx.query as Record<string, unknown>).expand ?? '').includes('domains')) out._embedded = { domains: brandDomains(ctx, b.id) };
  return out;
};

function requireTheme(ctx: OpContext<{ brandId: string; themeId: string }>): { brand: BrandDoc; theme: ThemeDoc } {
  const brand = requireBrand(ctx, ctx.params.brandId);
  const theme = ctx.tenant.collection<ThemeDoc>(themesKey(brand.id)).get(ctx.params.themeId);
  if (!theme) throw notFound(ctx.params.themeId, 'Theme');
  return { brand, theme };
}

/** A theme with Okta's defaults for the images it has not replaced. */
const presentTheme = (ctx: OpContext, brandId: string, t: ThemeDoc) => {
  const self = `${ctx.baseUrl}${BRANDS}/${brandId}/themes/${t.id}`;
  return {
    ...structuredClone(t),
    logo: t.logo ?? `${ctx.baseUrl}/assets/img/logos/okta-logo.png`,
    favicon: t.favicon ?? `${ctx.baseUrl}/favicon.ico`,
    _links: { favicon: hinted(`${self}/favicon`, 'POST', 'DELETE'), self: hinted(self, 'GET', 'PUT'), logo: hinted(`${self}/logo`, 'POST', 'DELETE'), 'background-image': hinted(`${self}/background-image`, 'POST', 'DELETE') },
  };
};

const COLOR = /^#[0-9a-fA-F]{6}$/;

function themeImage(field: 'logo' | 'favicon' | 'backgroundImage', path: string) {
  const upload = (ctx: OpContext<{ brandId: string; themeId: string }>) => {
    const { brand, theme } = requireTheme(ctx);
    if (!ctx.rawBody.byteLength) throw validationError('file', 'The field cannot be left blank');
    const url = `${ctx.baseUrl}/bc/image/fileStoreRecord?id=${oktaId(ctx.tenant, 'fs0')}`;
    ctx.tenant.collection<ThemeDoc>(themesKey(brand.id)).patch(theme.id, { [field]: url });
    return { status: 201, body: { url } };
  };
  const remove = (ctx: OpContext<{ brandId: string; themeId: string }>) => {
    const { brand, theme } = requireTheme(ctx);
    ctx.tenant.collection<ThemeDoc>(themesKey(brand.id)).patch(theme.id, { [field]: null });
    return noContent();
  };
  return { upload, remove, path };
}

const logo = themeImage('logo', 'logo');
const favicon = themeImage('favicon', 'favicon');
const background = themeImage('backgroundImage', 'background-image');

function requireTemplate(ctx: OpContext<{ brandId: string; templateName: string }>): BrandDoc {
  const brand = requireBrand(ctx, ctx.params.brandId);
  if (!EMAIL_TEMPLATES.includes(ctx.params.templateName)) throw notFound(ctx.params.templateName, 'EmailTemplate');
  return brand;
}

const templateLinks = (ctx: OpContext, brandId: string, name: string) => {
  const self = `${ctx.baseUrl}${BRANDS}/${brandId}/templates/email/${name}`;
  return {
    settings: hinted(`${self}/settings`, 'GET', 'PUT'),
    self: hinted(self, 'GET'),
    defaultContent: hinted(`${self}/default-content`, 'GET'),
    test: hinted(`${self}/test`, 'POST'),
    customizations: hinted(`${self}/customizations`, 'GET', 'POST', 'DELETE'),
  };
};

interface CustomizationDoc {
  id: string;
  subject: string;
  body: string;
  language: string;
  isDefault: boolean;
  created: string;
  lastUpdated: string;
  [k: string]: unknown;
}

const presentCustomization = (ctx: OpContext, brandId: string, name: string, c: CustomizationDoc) => {
  const tpl = `${ctx.baseUrl}${BRANDS}/${brandId}/templates/email/${name}`;
  const self = `${tpl}/customizations/${c.id}`;
  return { ...structuredClone(c), _links: { preview: hinted(`${self}/preview`, 'GET'), template: hinted(tpl, 'GET'), settings: hinted(`${tpl}/settings`, 'GET', 'PUT'), self: hinted(self, 'GET', 'PUT', 'DELETE') } };
};

const customizations = (ctx: OpContext, brandId: string, name: string) => ctx.tenant.collection<CustomizationDoc>(customizationsKey(brandId, name));

/** Okta's checks on a customization (Customizations API): subject and body required, a body must keep the template's links, one per language, one default. */
function checkCustomization(body: Record<string, any>): void {
  if (typeof body.language !== 'string' || !/^[a-z]{2}(-[A-Z]{2})?$/.test(body.language)) throw validationError('language', 'The field cannot be left blank');
  if (typeof body.subject !== 'string' || !body.subject) throw validationError('subject', 'The field cannot be left blank');
  if (typeof body.body !== 'string' || !body.body) throw validationError('body', 'The field cannot be left blank');
}

function putCustomization(ctx: OpContext<{ brandId: string; templateName: string }>, existing?: CustomizationDoc) {
  const brand = requireTemplate(ctx);
  const body = bodyObject(ctx);
  checkCustomization(body);
  const coll = customizations(ctx, brand.id, ctx.params.templateName);
  const clash = coll.find((c) => c.language === body.language && c.id !== existing?.id);
  if (clash) throw oktaErrorWith('E0000182', [], { causes: [] });
  // Creating a second default is refused; a replace that sets isDefault moves the default to it.
  if (!existing && body.isDefault === true && coll.find((c) => c.isDefault)) throw oktaErrorWith('E0000184', [], { causes: [] });
  const now = nowIso(ctx);
  const first = !coll.values().some((c) => c.id !== existing?.id);
  const isDefault = first || body.isDefault === true;
  if (isDefault) for (const c of coll.values()) if (c.id !== existing?.id && c.isDefault) coll.patch(c.id, { isDefault: false });
  const doc = coll.put({
    id: existing?.id ?? oktaId(ctx.tenant, 'oel'), subject: body.subject, body: body.body, language: body.language, isDefault: existing && !isDefault && existing.isDefault && !body.isDefault ? existing.isDefault : isDefault,
    created: existing?.created ?? now, lastUpdated: now,
  });
  return presentCustomization(ctx, brand.id, ctx.params.templateName, doc);
}

function requireCustomization(ctx: OpContext<{ brandId: string; templateName: string; customizationId: string }>) {
  const brand = requireTemplate(ctx);
  const c = customizations(ctx, brand.id, ctx.params.templateName).get(ctx.params.customizationId);
  if (!c) throw notFound(ctx.params.customizationId, 'EmailCustomization');
  return { brand, c };
}

/** Fills `${…}` variables with the caller's own profile and the org, as Okta's previews do. */
function preview(ctx: OpContext, text: string): string {
  const vars: Record<string, string> = { 'org.name': String(ctx.tenant.meta<{ companyName?: string } | undefined>('okta:org', () => undefined)?.companyName ?? '') };
  return text.replace(/\$\{([\w.]+)\}/g, (m, k: string) => vars[k] ?? m);
}

const previewBody = (ctx: OpContext, brandId: string, name: string, content: { subject: string; body: string }, self: string) => ({
  subject: preview(ctx, content.subject),
  body: preview(ctx, content.body),
  _links: { template: hinted(`${ctx.baseUrl}${BRANDS}/${brandId}/templates/email/${name}`, 'GET'), self: hinted(self, 'GET') },
});

// Hosted pages: `customized` and `preview` variants stored per kind; `default` is Okta's.
interface PageDoc {
  id: string;
  pageContent: string | null;
  [k: string]: unknown;
}

const pageOf = (ctx: OpContext, brandId: string, id: string) => ctx.tenant.collection<PageDoc>(pagesKey(brandId)).get(id);

function defaultPage(kind: PageKind): Record<string, unknown> {
  const base: Record<string, unknown> = { pageContent: defaultPageContent(kind) };
  // Okta's own error page is served under an enforced content security policy (okta-sdk-python cassettes, getDefaultErrorPage 2026).
  if (kind === 'error') base.contentSecurityPolicySetting = { mode: 'enforced' };
  if (kind === 'sign-in') Object.assign(base, { widgetVersion: '^7', widgetCustomizations: structuredClone(DEFAULT_PAGE_WIDGET) });
  return base;
}

function pageHandlers(kind: PageKind) {
  const read = (variant: 'customized' | 'preview') => (ctx: OpContext<{ brandId: string }>) => {
    const brand = requireBrand(ctx, ctx.params.brandId);
    const p = pageOf(ctx, brand.id, `${kind}:${variant}`);
    // An unset customized sign-in page reads as nulls with the default widget settings; an unset preview is a 404.
    if (!p) {
      // An unset customized error page is a 404 as a deleted one is (okta-sdk-nodejs test/it/custom-pages.ts).
      if (variant === 'preview' || kind === 'error') throw notFound(`${kind}:${variant}`, 'Page');
      return { status: 200, body: kind === 'sign-in' ? { pageContent: null, widgetVersion: null, widgetCustomizations: structuredClone(WIDGET_CUSTOMIZATION_DEFAULTS) } : { pageContent: null } };
    }
    const { id: _id, ...page } = structuredClone(p);
    return { status: 200, body: page };
  };
  const replace = (variant: 'customized' | 'preview') => (ctx: OpContext<{ brandId: string }>) => {
    const brand = requireBrand(ctx, ctx.params.brandId);
    const body = bodyObject(ctx);
    if (body.pageContent !== undefined && typeof body.pageContent !== 'string') throw validationError('pageContent', 'Does not match required pattern');
    const page: PageDoc = { id: `${kind}:${variant}`, pageContent: body.pageContent ?? defaultPageContent(kind) };
    if (kind === 'sign-in') Object.assign(page, { widgetVersion: body.widgetVersion ?? '7', widgetCustomizations: { ...structuredClone(WIDGET_CUSTOMIZATION_DEFAULTS), ...body.widgetCustomizations } });
    if (body.contentSecurityPolicySetting) page.contentSecurityPolicySetting = body.contentSecurityPolicySetting;
    ctx.tenant.collection<PageDoc>(pagesKey(brand.id)).put(page);
    const { id: _id, ...out } = structuredClone(page);
    // A replace answers the widget settings without the keep-me-signed-in prompt unless it set one; reads carry it
    // (terraform cassettes TestAccResourceOktaCustomizedSignInPage_crud, TestAccResourceOktaPreviewSignInPage_crud).
    const widget = out.widgetCustomizations as Record<string, unknown> | undefined;
    if (widget && body.widgetCustomizations?.postAuthKeepMeSignedInPrompt === undefined) delete widget.postAuthKeepMeSignedInPrompt;
    return { status: 200, body: out };
  };
  const remove = (variant: 'customized' | 'preview') => (ctx: OpContext<{ brandId: string }>) => {
    const brand = requireBrand(ctx, ctx.params.brandId);
    ctx.tenant.collection<PageDoc>(pagesKey(brand.id)).delete(`${kind}:${variant}`);
    return noContent();
  };
  const resource = (ctx: OpContext<{ brandId: string }>) => {
    const brand = requireBrand(ctx, ctx.params.brandId);
    const self = `${ctx.baseUrl}${BRANDS}/${brand.id}/pages/${kind}`;
    // `expand` embeds the variants asked for (Custom Pages API, "Retrieve the error page sub-resources"); unset variants are left out.
    const expand = String((ctx.query as Record<string, unknown>).expand ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const embedded: Record<string, unknown> = {};
    for (const e of expand) {
      if (e === 'default') embedded.default = defaultPage(kind);
      if (e === 'customized' || e === 'preview') {
        const p = pageOf(ctx, brand.id, `${kind}:${e}`);
        if (p) {
          const { id: _id, ...page } = structuredClone(p);
          embedded[e] = page;
        }
      }
    }
    const links = { self: hinted(self, 'GET'), default: hinted(`${self}/default`, 'GET'), customized: hinted(`${self}/customized`, 'GET', 'PUT', 'DELETE'), preview: hinted(`${self}/preview`, 'GET', 'PUT', 'DELETE') };
    return { status: 200, body: { ...(expand.length ? { _embedded: embedded } : {}), _links: links } };
  };
  return { read, replace, remove, resource, byDefault: (ctx: OpContext<{ brandId: string }>) => (requireBrand(ctx, ctx.params.brandId), { status: 200, body: defaultPage(kind) }) };
}

/**
 * The Sign-In Widget versions a brand's page can pin, oldest first, each major followed by its `^N` range and all
 * ending in `*` (as okta-sdk-python's recorded test_custom_pages_lifecycle lists them: 5.11–5.16, 6.0–6.9, 7.0–7.38).
 */
const WIDGET_VERSIONS: string[] = [
  ...Array.from({ length: 6 }, (_, i) => `5.${11 + i}`), '^5',
  ...Array.from({ length: 10 }, (_, i) => `6.${i}`), '^6',
  ...Array.from({ length: 39 }, (_, i) => `7.${i}`), '^7',
  '*',
];

const signIn = pageHandlers(PAGES[0]);
const errorPage = pageHandlers(PAGES[1]);

export const brandHandlers = {
  listBrands: (ctx) => ({ status: 200, body: brands(ctx.tenant).values().map((b) => presentBrand(ctx, b)) }),
  createBrand: (ctx) => {
    const body = bodyObject(ctx);
    if (typeof body.name !== 'string' || !body.name.trim()) throw validationError('name', 'The field cannot be left blank');
    if (brands(ctx.tenant).find((b) => b.name === body.name)) throw oktaErrorWith('E0000001', ['name'], { causes: ['name: A brand with this name already exists.'] });
    return { status: 201, body: presentBrand(ctx, createBrand(ctx.tenant, body.name, false)) };
  },
  getBrand: (ctx) => ({ status: 200, body: presentBrand(ctx, requireBrand(ctx, ctx.params.brandId)) }),
  updateBrand: (ctx) => {
    const b = requireBrand(ctx, ctx.params.brandId);
    const body = bodyObject(ctx);
    // A replace sets the privacy URL it is sent: an empty or absent one is stored as null (terraform cassettes send '' and
    // read null; okta-sdk-python test_update_brand leaves it out and reads null). Other fields a replace leaves out are kept.
    const url = typeof body.customPrivacyPolicyUrl === 'string' && body.customPrivacyPolicyUrl !== '' ? body.customPrivacyPolicyUrl : null;
    if (url && body.agreeToCustomPrivacyPolicy !== true) throw validationError('agreeToCustomPrivacyPolicy', 'A custom privacy policy URL requires agreeToCustomPrivacyPolicy to be true.');
    const next = brands(ctx.tenant).put({
      ...b, name: typeof body.name === 'string' && body.name ? body.name : b.name, removePoweredByOkta: body.removePoweredByOkta ?? b.removePoweredByOkta, customPrivacyPolicyUrl: url,
      agreeToCustomPrivacyPolicy: body.agreeToCustomPrivacyPolicy ?? b.agreeToCustomPrivacyPolicy, defaultApp: { ...b.defaultApp, ...body.defaultApp },
      ...(body.emailDomainId ? { emailDomainId: body.emailDomainId } : {}), ...(body.locale ? { locale: body.locale } : {}),
    });
    return { status: 200, body: presentBrand(ctx, next) };
  },
  deleteBrand: (ctx) => {
    const b = requireBrand(ctx, ctx.params.brandId);
    if (b.isDefault) throw oktaErrorWith('E0000001', ['brandId'], { causes: ['The default brand cannot be deleted.'] });
    brands(ctx.tenant).delete(b.id);
    for (const key of ctx.tenant.collectionKeys(`${BRANDS}/${b.id}/`)) ctx.tenant.collection(key).clear();
    return noContent();
  },
  listBrandDomains: (ctx) => ({ status: 200, body: { domains: brandDomains(ctx, requireBrand(ctx, ctx.params.brandId).id) } }),
  listBrandThemes: (ctx) => {
    const b = requireBrand(ctx, ctx.params.brandId);
    return { status: 200, body: ctx.tenant.collection<ThemeDoc>(themesKey(b.id)).values().map((t) => presentTheme(ctx, b.id, t)) };
  },
  getBrandTheme: (ctx) => {
    const { brand, theme } = requireTheme(ctx);
    return { status: 200, body: presentTheme(ctx, brand.id, theme) };
  },
  updateBrandTheme: (ctx) => {
    const { brand, theme } = requireTheme(ctx);
    const body = bodyObject(ctx);
    for (const f of ['primaryColorHex', 'secondaryColorHex']) if (typeof body[f] !== 'string' || !COLOR.test(body[f])) throw validationError(f, 'Invalid color: use a hex code like #1662dd');
    const next = { ...theme };
    for (const [k, v] of Object.entries(THEME_DEFAULTS)) next[k] = body[k] ?? (k.endsWith('Variant') ? 'OKTA_DEFAULT' : v);
    ctx.tenant.collection<ThemeDoc>(themesKey(brand.id)).put(next);
    return { status: 200, body: presentTheme(ctx, brand.id, next) };
  },
  uploadBrandThemeLogo: logo.upload,
  deleteBrandThemeLogo: logo.remove,
  uploadBrandThemeFavicon: favicon.upload,
  deleteBrandThemeFavicon: favicon.remove,
  uploadBrandThemeBackgroundImage: background.upload,
  deleteBrandThemeBackgroundImage: background.remove,
  listEmailTemplates: (ctx) => {
    const b = requireBrand(ctx, ctx.params.brandId);
    return { status: 200, body: EMAIL_TEMPLATES.map((name) => ({ name, _links: templateLinks(ctx, b.id, name) })) };
  },
  // Okta mails the template, in the language asked for, to the admin who asked; the twin has no mailbox to show it in,
  // so the answer is the vendor's: 204 for a template of an existing brand, 404 otherwise (Customization API, "Send a test email").
  sendTestEmail: (ctx) => {
    requireTemplate(ctx);
    return noContent();
  },
  getEmailTemplate: (ctx) => {
    const b = requireTemplate(ctx);
    return { status: 200, body: { name: ctx.params.templateName, _links: templateLinks(ctx, b.id, ctx.params.templateName) } };
  },
  getEmailSettings: (ctx) => {
    const b = requireTemplate(ctx);
    const s = ctx.tenant.collection(emailSettingsKey(b.id)).get(ctx.params.templateName);
    return { status: 200, body: emailSettingsView(ctx, b.id, ctx.params.templateName, String(s?.recipients ?? 'ALL_USERS')) };
  },
  replaceEmailSettings: (ctx) => {
    const b = requireTemplate(ctx);
    const body = bodyObject(ctx);
    if (!['ALL_USERS', 'ADMINS_ONLY', 'NO_USERS'].includes(body.recipients)) throw validationError('recipients', 'Does not match required pattern');
    ctx.tenant.collection(emailSettingsKey(b.id)).put({ id: ctx.params.templateName, recipients: body.recipients });
    return { status: 200, body: emailSettingsView(ctx, b.id, ctx.params.templateName, body.recipients) };
  },
  listEmailTemplateCustomizations: (ctx) => {
    const b = requireTemplate(ctx);
    return { status: 200, body: customizations(ctx, b.id, ctx.params.templateName).values().map((c) => presentCustomization(ctx, b.id, ctx.params.templateName, c)) };
  },
  createEmailTemplateCustomization: (ctx) => ({ status: 201, body: putCustomization(ctx) }),
  getEmailTemplateCustomization: (ctx) => {
    const { brand, c } = requireCustomization(ctx);
    return { status: 200, body: presentCustomization(ctx, brand.id, ctx.params.templateName, c) };
  },
  updateEmailTemplateCustomization: (ctx) => ({ status: 200, body: putCustomization(ctx, requireCustomization(ctx).c) }),
  deleteEmailTemplateCustomization: (ctx) => {
    const { brand, c } = requireCustomization(ctx);
    // The default customization goes last: Okta refuses to delete it while others remain.
    if (c.isDefault && customizations(ctx, brand.id, ctx.params.templateName).values().length > 1) throw oktaErrorWith('E0000185', [], {});
    customizations(ctx, brand.id, ctx.params.templateName).delete(c.id);
    return noContent();
  },
  deleteEmailTemplateCustomizations: (ctx) => {
    const b = requireTemplate(ctx);
    customizations(ctx, b.id, ctx.params.templateName).clear();
    return noContent();
  },
  getEmailTemplateCustomizationPreview: (ctx) => {
    const { brand, c } = requireCustomization(ctx);
    return { status: 200, body: previewBody(ctx, brand.id, ctx.params.templateName, c, `${ctx.baseUrl}${BRANDS}/${brand.id}/templates/email/${ctx.params.templateName}/customizations/${c.id}/preview`) };
  },
  getEmailTemplateDefaultContent: (ctx) => {
    const b = requireTemplate(ctx);
    const tpl = `${ctx.baseUrl}${BRANDS}/${b.id}/templates/email/${ctx.params.templateName}`;
    return { status: 200, body: { ...defaultEmailContent(ctx.params.templateName), _links: { self: hinted(`${tpl}/default-content`, 'GET'), template: hinted(tpl, 'GET'), preview: hinted(`${tpl}/default-content/preview`, 'GET') } } };
  },
  getEmailTemplateDefaultContentPreview: (ctx) => {
    const b = requireTemplate(ctx);
    return { status: 200, body: previewBody(ctx, b.id, ctx.params.templateName, defaultEmailContent(ctx.params.templateName), `${ctx.baseUrl}${BRANDS}/${b.id}/templates/email/${ctx.params.templateName}/default-content/preview`) };
  },
  getSignInPage: signIn.resource,
  listAllSignInWidgetVersions: (ctx) => (requireBrand(ctx, ctx.params.brandId), { status: 200, body: WIDGET_VERSIONS }),
  getDefaultSignInPage: signIn.byDefault,
  getCustomizedSignInPage: signIn.read('customized'),
  replaceCustomizedSignInPage: signIn.replace('customized'),
  deleteCustomizedSignInPage: signIn.remove('customized'),
  getPreviewSignInPage: signIn.read('preview'),
  replacePreviewSignInPage: signIn.replace('preview'),
  deletePreviewSignInPage: signIn.remove('preview'),
  getErrorPage: errorPage.resource,
  getDefaultErrorPage: errorPage.byDefault,
  getCustomizedErrorPage: errorPage.read('customized'),
  replaceCustomizedErrorPage: errorPage.replace('customized'),
  deleteCustomizedErrorPage: errorPage.remove('customized'),
  getPreviewErrorPage: errorPage.read('preview'),
  replacePreviewErrorPage: errorPage.replace('preview'),
  deletePreviewErrorPage: errorPage.remove('preview'),
  // The sign-out page: Okta's own unless an external URL is set.
  getSignOutPageSettings: (ctx) => {
    const b = requireBrand(ctx, ctx.params.brandId);
    const p = pageOf(ctx, b.id, 'sign-out');
    // Okta's own sign-out page has no URL to answer (okta-sdk-python cassettes test_custom_pages_it: {"type":"OKTA_DEFAULT"}).
    return { status: 200, body: p?.type === 'EXTERNALLY_HOSTED' ? { type: p.type, url: p.url } : { type: 'OKTA_DEFAULT' } };
  },
  replaceSignOutPageSettings: (ctx) => {
    const b = requireBrand(ctx, ctx.params.brandId);
    const body = bodyObject(ctx);
    if (!['OKTA_DEFAULT', 'EXTERNALLY_HOSTED'].includes(body.type)) throw validationError('type', 'Does not match required pattern');
    if (body.type === 'EXTERNALLY_HOSTED' && (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))) throw validationError('url', 'The field cannot be left blank');
    const url = body.type === 'EXTERNALLY_HOSTED' ? body.url : null;
    ctx.tenant.collection<PageDoc>(pagesKey(b.id)).put({ id: 'sign-out', pageContent: null, type: body.type, url });
    return { status: 200, body: url ? { type: body.type, url } : { type: body.type } };
  },
} satisfies Handlers;

function emailSettingsView(ctx: OpContext, brandId: string, name: string, recipients: string) {
  const tpl = `${ctx.baseUrl}${BRANDS}/${brandId}/templates/email/${name}`;
  return { recipients, _links: { template: hinted(tpl, 'GET'), self: hinted(`${tpl}/settings`, 'GET', 'PUT') } };
}
