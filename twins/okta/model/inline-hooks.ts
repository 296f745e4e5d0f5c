// Inline hook channels as Okta stores and answers them: every config field present, secrets write-only.

/**
 * The channel config Okta answers: `uri`, `headers` (`[]` when none were sent), `method`, `authScheme` (`null` when
 * none, never its `value`), then an OAUTH channel's `clientId`/`tokenUrl`/`authType`/`scope`/`hookKeyId` without
 * `clientSecret` (Okta API reference, Inline Hooks: InlineHookChannelHttp / InlineHookChannelOAuth; the response models
 * InlineHookHttpConfig and InlineHookOAuthClientSecretConfig in @okta/okta-sdk-nodejs carry no secret, and recorded
 * Okta answers show `"headers":[]` and `"authScheme":null` on channels created without them).
 */
export function normalizeHookChannel(channel: unknown): void {
  if (!channel || typeof channel !== 'object') return;
  const ch = channel as { type?: unknown; config?: Record<string, unknown> | null };
  if (!ch.config || typeof ch.config !== 'object') return;
  const { uri, headers, method, authScheme, clientSecret: _secret, ...rest } = ch.config;
  const scheme = authScheme && typeof authScheme === 'object' ? { ...(authScheme as Record<string, unknown>) } : null;
  if (scheme) delete scheme.value;
  ch.config = { uri, headers: Array.isArray(headers) ? headers : [], method, authScheme: scheme, ...rest };
}
