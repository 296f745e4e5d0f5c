/** Gmail's SmimeInfo, CseKeyPair and CseIdentity resources: what callers see of certificates and keys (never a private key). */
import type { SmimeRec } from '../model/smime.js';
import type { IdentityRec, KeyPairRec } from '../model/cse.js';

export function smimeInfo(s: SmimeRec): Record<string, unknown> {
  return { id: s.id, issuerCn: s.issuerCn, isDefault: s.isDefault, expiration: String(s.expiration), pem: s.pem };
}

export function cseKeyPair(k: KeyPairRec): Record<string, unknown> {
  return {
    keyPairId: k.id,
    pem: k.pem,
    subjectEmailAddresses: k.subjectEmailAddresses,
    enablementState: k.enablementState,
    ...(k.disableTime ? { disableTime: k.disableTime } : {}),
    privateKeyMetadata: k.privateKeyMetadata,
  };
}

export function cseIdentity(i: IdentityRec): Record<string, unknown> {
  return { emailAddress: i.emailAddress, ...(i.primaryKeyPairId ? { primaryKeyPairId: i.primaryKeyPairId } : {}), ...(i.signAndEncryptKeyPairs ? { signAndEncryptKeyPairs: i.signAndEncryptKeyPairs } : {}) };
}
