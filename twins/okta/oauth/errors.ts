// The OAuth 2.0 / OIDC error catalog: `{error, error_description}` bodies with the statuses and wording Okta uses.
import { VendorError } from '../../../src/core/errors.js';

/**
 * Okta's authorization-server endpoints answer errors as a bare
 * `{error, error_description}` JSON document (developer.okta.com "OpenID Connect &
 * OAuth 2.0 API", /token "Response Example (Error)"), never in the E0000xxx shape
 * of the management API. Token responses are never cached.
 */
export const NO_STORE = { 'cache-control': 'no-cache, no-store', pragma: 'no-cache' };

export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): VendorError {
  return new VendorError(status, { error, error_description: description }, { ...NO_STORE, ...headers });
}

/**
 * Descriptions as Okta words them. Sources, per entry:
 *  - okta-developer-docs `reference/api/oidc` (/token and /introspect error examples),
 *  - Okta support articles and widely quoted org responses (infrahq/infra provider tests,
 *    okta-signin-widget snapshots, okta-sdk-dotnet OAuth tests, DPoP cassettes in okta-sdk-python).
 * Entries marked "(shape only)" follow Okta's pattern where no verbatim sample was found.
 */
export const OAUTH = {
  noClientCredentials: () => oauthError(401, 'invalid_client', 'No client credentials found.'),
  clientIdMissing: () => oauthError(401, 'invalid_client', 'A client_id must be provided in the request.'),
  badSecret: () => oauthError(401, 'invalid_client', 'The client secret supplied for a confidential client is invalid.'),
  clientAuthFailed: () => oauthError(401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.'),
  multipleCredentials: () =>
    oauthError(
      401,
      'invalid_request',
      'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
    ),
  assertionAudience: () => oauthError(401, 'invalid_client', 'The audience claim for client_assertion must be the endpoint invoked for the request.'),
  assertionSignature: () => oauthError(401, 'invalid_client', 'The client_assertion signature is invalid.'),
  assertionKid: () => oauthError(401, 'invalid_client', 'The client_assertion JWT kid is invalid.'),
  /** (shape only) */
  assertionExpired: () => oauthError(401, 'invalid_client', 'The client_assertion token is expired.'),
  /** (shape only) */
  assertionMalformed: () => oauthError(401, 'invalid_client', 'The client_assertion token is malformed.'),
  /** (shape only) */
  assertionIssuer: () => oauthError(401, 'invalid_client', "The 'iss' and 'sub' claims of the client_assertion must be the client_id."),
  /** (shape only) */
  authMethodMismatch: (configured: string) =>
    oauthError(401, 'invalid_client', `The client is configured to use the '${configured}' token endpoint authentication method.`),
  /** (shape only) */
  missingGrantType: () => oauthError(400, 'invalid_request', "The 'grant_type' parameter is required."),
  unsupportedGrantType: () => oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.'),
  unauthorizedClient: (configured: string[]) =>
    oauthError(400, 'unauthorized_client', `The client is not authorized to use the provided grant type. Configured grant types: [${configured.join(', ')}].`),
  noDefaultScopes: () => oauthError(400, 'invalid_scope', "The authorization server resource does not have any configured default scopes, 'scope' must be provided."),
  scopesNotConfigured: () => oauthError(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.'),
  /** Okta's wording when a client asks the org server for a scope only a custom server can hold. */
  customScopes: () => oauthError(400, 'invalid_scope', 'Custom scopes are not allowed for this request.'),
  /** An access-policy miss; a recorded Okta answer carries it with 401. */
  policyDenied: () => oauthError(401, 'access_denied', 'Policy evaluation failed for this request, please check the policy configurations.'),
  badCode: () => oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.'),
  badRefresh: () => oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.'),
  /** (shape only) */
  redirectMismatch: () => oauthError(400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request."),
  /** (shape only) */
  pkceFailed: () => oauthError(400, 'invalid_grant', 'PKCE verification failed.'),
  /** (shape only) */
  verifierMissing: () => oauthError(400, 'invalid_request', "The 'code_verifier' parameter is required."),
  badUserCredentials: () => oauthError(400, 'invalid_grant', 'The credentials provided were invalid.'),
  /** (shape only) */
  missingParam: (name: string) => oauthError(400, 'invalid_request', `The '${name}' parameter is required.`),
  /** okta-sdk-python cassette test_dpop_it (a DPoP-bound client sending no proof). */
  dpopMissing: () => oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.'),
  /** okta-sdk-python cassette test_dpop_it: 400 with a fresh `dpop-nonce` header. */
  useDpopNonce: (nonce: string) => oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', { 'dpop-nonce': nonce }),
  /** (shape only) */
  dpopInvalid: (why: string) => oauthError(400, 'invalid_dpop_proof', `The DPoP proof JWT is invalid: ${why}`),
} as const;

/** The `WWW-Authenticate` challenge Okta sends with 401s for bad or missing bearer tokens (docs /userinfo). */
export function bearerChallenge(scheme: 'Bearer' | 'DPoP', error: string, description: string): Record<string, string> {
  return { 'www-authenticate': `${scheme} error="${error}", error_description="${description}"` };
}
