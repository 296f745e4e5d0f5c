// An app's SAML 2.0 IdP metadata as Okta serves it: the signing certificate, SLO and SSO endpoints, the NameID format.
import type { OpContext } from '../../../src/core/handler.js';
import { certificateOf, type SigningKeyDoc } from '../model/signing-keys.js';
import type { AppDoc } from '../store.js';

/** The app's external key (`exk…`), the id its SAML entity and endpoint URLs carry. */
export const samlExternalKey = (app: AppDoc) => `exk${app.id.slice(3)}`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Base64 wrapped at 76 characters, as Okta writes the certificate. */
const wrap = (b64: string) => b64.replace(/(.{76})(?=.)/g, '$1\n');

export function samlMetadataXml(ctx: Pick<OpContext, 'baseUrl' | 'tenant'>, app: AppDoc, key: SigningKeyDoc): string {
  const exk = samlExternalKey(app);
  const base = `${ctx.baseUrl}/app/${esc(app.name)}/${exk}`;
  const nameId = esc(String(app.settings?.signOn?.subjectNameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'));
  const bindings = ['HTTP-POST', 'HTTP-Redirect'];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor entityID="http://www.okta.com/${exk}" xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">`,
    '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${wrap(certificateOf(ctx.tenant, key))}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    ...bindings.map((b) => `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${b}" Location="${base}/slo/saml"/>`),
    `<md:NameIDFormat>${nameId}</md:NameIDFormat>`,
    ...bindings.map((b) => `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${b}" Location="${base}/sso/saml"/>`),
    '</md:IDPSSODescriptor></md:EntityDescriptor>',
  ].join('');
}
