// A SAML identity provider's service-provider metadata as Okta serves it: Okta's audience, its signing (and encryption) certificate, ACS, requested attributes.
import type { OpContext } from '../../../src/core/handler.js';
import { certificateOf, type SigningKeyDoc } from '../model/signing-keys.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Base64 wrapped at 76 characters, as Okta writes the certificate. */
const wrap = (b64: string) => b64.replace(/(.{76})(?=.)/g, '$1\n');

/** The name ID formats and profile attributes Okta's SP metadata offers for every SAML IdP (recorded okta_idp_metadata_saml reads). */
const NAME_ID_FORMATS = ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient'];
const REQUESTED: Array<[friendly: string, name: string, required: boolean]> = [['First Name', 'firstName', true], ['Last Name', 'lastName', true], ['Email', 'email', true], ['Mobile Phone', 'mobilePhone', false]];
const ENCRYPTION = ['2001/04/xmlenc#aes128-cbc', '2001/04/xmlenc#aes192-cbc', '2001/04/xmlenc#aes256-cbc', '2009/xmlenc11#aes128-gcm', '2009/xmlenc11#aes256-gcm', '2001/04/xmlenc#tripledes-cbc'];

export interface SpMetadataInput {
  idpId: string;
  idpName: string;
  /** Okta's service-provider audience for the IdP (`protocol.credentials.trust.audience`), the metadata's entity id. */
  audience: string;
  key: SigningKeyDoc;
  org: { name: string; displayName: string };
}

export function idpSamlMetadataXml(ctx: Pick<OpContext, 'baseUrl' | 'tenant'>, m: SpMetadataInput): string {
  const cert = `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${wrap(certificateOf(ctx.tenant, m.key))}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<md:EntityDescriptor entityID="${esc(m.audience)}" xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">`,
    '<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    `<md:KeyDescriptor use="encryption">${cert}${ENCRYPTION.map((a) => `<md:EncryptionMethod Algorithm="http://www.w3.org/${a}"/>`).join('')}</md:KeyDescriptor>`,
    `<md:KeyDescriptor use="signing">${cert}</md:KeyDescriptor>`,
    ...NAME_ID_FORMATS.map((f) => `<md:NameIDFormat>${f}</md:NameIDFormat>`),
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ctx.baseUrl}/sso/saml2/${m.idpId}" index="0" isDefault="true"/>`,
    `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="en">${esc(m.idpName)}</md:ServiceName>`,
    ...REQUESTED.map(([friendly, name, required]) => `<md:RequestedAttribute FriendlyName="${friendly}" Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="${required}"/>`),
    '</md:AttributeConsumingService></md:SPSSODescriptor>',
    `<md:Organization><md:OrganizationName xml:lang="en">${esc(m.org.name)}</md:OrganizationName><md:OrganizationDisplayName xml:lang="en">${esc(m.org.displayName)}</md:OrganizationDisplayName><md:OrganizationURL xml:lang="en">https://okta.com</md:OrganizationURL></md:Organization>`,
    '</md:EntityDescriptor>',
  ].join('');
}
