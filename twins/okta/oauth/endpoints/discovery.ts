// The `.well-known/openid-configuration` and `.well-known/oauth-authorization-server` metadata documents.
import { scopes } from '../model/servers.js';
import { OIDC_SCOPES } from '../model/policy.js';
import type { AsContext } from '../model/context.js';

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'];
const SIGNING_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

/** ID-token claims Okta advertises (docs "/.well-known/openid-configuration" response example). */
const ID_CLAIMS = [
  'iss', 'ver', 'sub', 'aud', 'iat', 'exp', 'jti', 'auth_time', 'amr', 'idp', 'nonce', 'name', 'nickname', 'preferred_username',
  'given_name', 'middle_name', 'family_name', 'email', 'email_verified', 'profile', 'zoneinfo', 'locale', 'address', 'phone_number',
  'picture', 'website', 'gender', 'birthdate', 'updated_at', 'at_hash', 'c_hash',
];
/** Access-token claims (docs "/.well-known/oauth-authorization-server" response example). */
const AT_CLAIMS = ['ver', 'jti', 'iss', 'aud', 'iat', 'exp', 'cid', 'uid', 'scp', 'sub'];

/** Published scopes: the org server's reserved ones, or a custom server's with `metadataPublish: ALL_CLIENTS`. */
function publishedScopes(ctx: AsContext): string[] {
  if (ctx.kind === 'org') return OIDC_SCOPES;
  return scopes(ctx.tenant, ctx.id).filter((s) => s.metadataPublish === 'ALL_CLIENTS').map((s) => s.name);
}

function common(ctx: AsContext): Record<string, unknown> {
  return {
    issuer: ctx.issuer,
    authorization_endpoint: ctx.endpoint('authorize'),
    token_endpoint: ctx.endpoint('token'),
  };
}

const tail = (ctx: AsContext) => ({
  introspection_endpoint: ctx.endpoint('introspect'),
  introspection_endpoint_auth_methods_supported: AUTH_METHODS,
  revocation_endpoint: ctx.endpoint('revoke'),
  revocation_endpoint_auth_methods_supported: AUTH_METHODS,
  end_session_endpoint: ctx.endpoint('logout'),
  request_parameter_supported: true,
  request_object_signing_alg_values_supported: SIGNING_ALGS,
  // Endpoints Okta advertises whether or not the twin's clients use them (device grant, pushed authorization requests).
  device_authorization_endpoint: ctx.endpoint('device/authorize'),
  pushed_authorization_request_endpoint: ctx.endpoint('par'),
  dpop_signing_alg_values_supported: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
  frontchannel_logout_supported: true,
  frontchannel_logout_session_supported: true,
  identity_chaining_requested_token_types_supported: ['urn:ietf:params:oauth:token-type:id-jag'],
});

export function openidConfiguration(ctx: AsContext): Record<string, unknown> {
  return {
    ...common(ctx),
    userinfo_endpoint: ctx.endpoint('userinfo'),
    registration_endpoint: `${ctx.orgUrl}/oauth2/v1/clients`,
    jwks_uri: ctx.endpoint('keys'),
    response_types_supported: ['code', 'id_token', 'code id_token', 'code token', 'id_token token', 'code id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'password', ...(ctx.kind === 'custom' ? ['client_credentials'] : [])],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: publishedScopes(ctx),
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    claims_supported: ID_CLAIMS,
    code_challenge_methods_supported: ['S256'],
    ...tail(ctx),
  };
}

/**
 * RFC 8414 metadata. The org server's document names no `jwks_uri` (its access tokens are for Okta's own APIs and are
 * not meant to be validated by clients); a custom server's does. Fields and order as recorded from Okta
 * (okta-terraform-cassettes TestAccDataSourceOktaOAuthAuthorizationServer_read, GET /.well-known/oauth-authorization-server).
 */
export function authorizationServerMetadata(ctx: AsContext): Record<string, unknown> {
  return {
    ...common(ctx),
    registration_endpoint: `${ctx.orgUrl}/oauth2/v1/clients`,
    ...(ctx.kind === 'custom' ? { jwks_uri: ctx.endpoint('keys') } : {}),
    response_types_supported: ['code', 'token', 'id_token', 'code id_token', 'code token', 'id_token token', 'code id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'password', 'client_credentials'],
    subject_types_supported: ['public'],
    scopes_supported: publishedScopes(ctx),
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    claims_supported: AT_CLAIMS,
    code_challenge_methods_supported: ['S256'],
    ...tail(ctx),
  };
}
