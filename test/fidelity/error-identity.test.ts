/** Which recorded refusals mean "the caller's credential was refused" (the replay then presents a bad one) and which are about the request. */
import { describe, expect, it } from 'vitest';
import { isAuthFailure } from '../../src/fidelity/error-identity.js';

describe('isAuthFailure', () => {
  it('an Okta 401 E0000011 refuses the API token; E0000004 refuses a password or sessionToken sent in the request', () => {
    expect(isAuthFailure('okta', 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' })).toBe(true);
    // POST /api/v1/sessions with an unknown sessionToken and POST /api/v1/authn with a wrong password, under a valid SSWS token.
    expect(isAuthFailure('okta', 401, { errorCode: 'E0000004', errorSummary: 'Authentication failed' })).toBe(false);
    expect(isAuthFailure('okta', 401, undefined)).toBe(true);
  });

  it('Slack refuses credentials on HTTP 200; other vendors by status', () => {
    expect(isAuthFailure('slack', 200, { ok: false, error: 'invalid_auth' })).toBe(true);
    expect(isAuthFailure('slack', 200, { ok: false, error: 'channel_not_found' })).toBe(false);
    expect(isAuthFailure('jira', 401, { errorMessages: ['You are not authenticated.'] })).toBe(true);
    expect(isAuthFailure('google', 403, { error: { code: 403 } })).toBe(false);
  });
});
