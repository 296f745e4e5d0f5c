/** Sheets' DeveloperMetadata resource. */
import { type DeveloperMetadataRec, locationType } from '../model/developer-metadata.js';

export function presentDeveloperMetadata(m: DeveloperMetadataRec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    metadataId: m.metadataId,
    metadataKey: m.metadataKey,
    location: { locationType: locationType(m.location), ...m.location },
    visibility: m.visibility,
  };
  if (m.metadataValue !== undefined) out.metadataValue = m.metadataValue;
  return out;
}
