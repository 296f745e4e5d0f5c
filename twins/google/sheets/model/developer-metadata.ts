/**
 * Developer metadata: key/value pairs an app attaches to a spreadsheet, a sheet, or rows/columns, found again by
 * lookups (id, key, value, location, visibility). PROJECT metadata is visible only to the OAuth client that made it.
 */
import type { SpreadsheetRec } from './spreadsheets.js';

export type MetaLocation =
  | { spreadsheet: true }
  | { sheetId: number }
  | { dimensionRange: { sheetId: number; dimension: 'ROWS' | 'COLUMNS'; startIndex: number; endIndex: number } };

export interface DeveloperMetadataRec {
  metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetaLocation;
  /** The OAuth client that created PROJECT metadata. */
  project?: string;
}

export const locationType = (l: MetaLocation) => ('spreadsheet' in l ? 'SPREADSHEET' : 'sheetId' in l ? 'SHEET' : l.dimensionRange.dimension === 'ROWS' ? 'ROW' : 'COLUMN');
const sheetOf = (l: MetaLocation) => ('sheetId' in l ? l.sheetId : 'dimensionRange' in l ? l.dimensionRange.sheetId : undefined);

export const metadataOf = (ss: SpreadsheetRec): DeveloperMetadataRec[] => (ss.developerMetadata ??= []);

/** What the caller may see: DOCUMENT metadata, and PROJECT metadata of their own client. */
export const visibleTo = (m: DeveloperMetadataRec, project: string | undefined) => m.visibility === 'DOCUMENT' || (!!project && m.project === project);

export interface Lookup {
  metadataId?: number;
  metadataKey?: string;
  metadataValue?: string;
  visibility?: string;
  locationType?: string;
  metadataLocation?: MetaLocation;
  /** EXACT_LOCATION (default) or INTERSECTING_LOCATION, for dimension ranges. */
  locationMatchingStrategy?: string;
}

function sameOrIntersecting(a: MetaLocation, b: MetaLocation, intersecting: boolean): boolean {
  if ('spreadsheet' in b) return 'spreadsheet' in a;
  if ('sheetId' in b) return intersecting ? sheetOf(a) === b.sheetId : 'sheetId' in a && a.sheetId === b.sheetId;
  if (!('dimensionRange' in a)) return false;
  const x = a.dimensionRange;
  const y = b.dimensionRange;
  if (x.sheetId !== y.sheetId || x.dimension !== y.dimension) return false;
  return intersecting ? x.startIndex < y.endIndex && y.startIndex < x.endIndex : x.startIndex === y.startIndex && x.endIndex === y.endIndex;
}

export function matchesLookup(m: DeveloperMetadataRec, l: Lookup): boolean {
  if (l.metadataId !== undefined && m.metadataId !== l.metadataId) return false;
  if (l.metadataKey !== undefined && m.metadataKey !== l.metadataKey) return false;
  if (l.metadataValue !== undefined && m.metadataValue !== l.metadataValue) return false;
  if (l.visibility !== undefined && m.visibility !== l.visibility) return false;
  if (l.locationType !== undefined && locationType(m.location) !== l.locationType) return false;
  if (l.metadataLocation && !sameOrIntersecting(m.location, l.metadataLocation, l.locationMatchingStrategy === 'INTERSECTING_LOCATION')) return false;
  return true;
}

/** Metadata on a deleted sheet goes with it. */
export function dropSheetMetadata(ss: SpreadsheetRec, sheetId: number): void {
  ss.developerMetadata = metadataOf(ss).filter((m) => sheetOf(m.location) !== sheetId);
}
