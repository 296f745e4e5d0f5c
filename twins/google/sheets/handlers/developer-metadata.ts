/** Sheets developer metadata: the create/update/delete batchUpdate requests, developerMetadata.get and developerMetadata.search. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { callerOf } from '../../auth.js';
import { jsonObject } from '../../request.js';
import { type DeveloperMetadataRec, type Lookup, type MetaLocation, matchesLookup, metadataOf, visibleTo } from '../model/developer-metadata.js';
import { presentDeveloperMetadata } from '../present/developer-metadata.js';
import { type Fail, type Req, type Step, int, obj } from './batch-step.js';
import { loadSpreadsheet } from './values.js';
import type { SpreadsheetRec } from '../model/spreadsheets.js';

/** A DeveloperMetadataLocation as sent: exactly one of spreadsheet, sheetId, dimensionRange. */
function locationOf(ss: SpreadsheetRec, raw: unknown, fail: Fail): MetaLocation {
  const l = obj(raw);
  const sheetExists = (id: number) => {
    if (!ss.sheets.some((s) => s.sheetId === id)) throw fail(`No grid with id: ${id}`);
  };
  if (l.spreadsheet === true) return { spreadsheet: true };
  if (typeof l.sheetId === 'number') {
    sheetExists(l.sheetId);
    return { sheetId: l.sheetId };
  }
  const d = obj(l.dimensionRange);
  if (l.dimensionRange) {
    const sheetId = int(d.sheetId, 0);
    sheetExists(sheetId);
    if (d.dimension !== 'ROWS' && d.dimension !== 'COLUMNS') throw fail('dimensionRange.dimension must be ROWS or COLUMNS.');
    const startIndex = int(d.startIndex, 0);
    const endIndex = int(d.endIndex, startIndex + 1);
    if (endIndex <= startIndex) throw fail('dimensionRange must not be empty.');
    return { dimensionRange: { sheetId, dimension: d.dimension, startIndex, endIndex } };
  }
  throw fail('A developer metadata location must set spreadsheet, sheetId or dimensionRange.');
}

function lookupOf(ss: SpreadsheetRec, raw: unknown, fail: Fail): Lookup {
  const l = obj(raw);
  const out: Lookup = {};
  if (l.metadataId !== undefined) out.metadataId = int(l.metadataId, -1);
  if (typeof l.metadataKey === 'string') out.metadataKey = l.metadataKey;
  if (typeof l.metadataValue === 'string') out.metadataValue = l.metadataValue;
  if (typeof l.visibility === 'string') out.visibility = l.visibility;
  if (typeof l.locationType === 'string') out.locationType = l.locationType;
  if (l.metadataLocation) out.metadataLocation = locationOf(ss, l.metadataLocation, fail);
  if (typeof l.locationMatchingStrategy === 'string') out.locationMatchingStrategy = l.locationMatchingStrategy;
  if (!Object.keys(out).length) throw fail('A developer metadata lookup must set at least one field.');
  return out;
}

/** The metadata a DataFilter selects: a developerMetadataLookup (A1 and grid ranges select no metadata here). */
function selected(s: { ss: SpreadsheetRec; project?: string }, filter: unknown, fail: Fail): DeveloperMetadataRec[] {
  const f = obj(filter);
  if (!f.developerMetadataLookup) throw fail('Only developerMetadataLookup data filters select developer metadata.');
  const l = lookupOf(s.ss, f.developerMetadataLookup, fail);
  return metadataOf(s.ss).filter((m) => visibleTo(m, s.project) && matchesLookup(m, l));
}

function create(s: Step, r: Req): Req {
  const d = obj(r.developerMetadata);
  if (typeof d.metadataKey !== 'string' || !d.metadataKey) throw s.fail('metadataKey is required.');
  const visibility = d.visibility === 'PROJECT' ? 'PROJECT' : d.visibility === 'DOCUMENT' ? 'DOCUMENT' : undefined;
  if (!visibility) throw s.fail('visibility must be DOCUMENT or PROJECT.');
  if (visibility === 'PROJECT' && !s.project) throw s.fail('PROJECT metadata needs an OAuth client.');
  const all = metadataOf(s.ss);
  let id = int(d.metadataId, 0);
  if (id && all.some((m) => m.metadataId === id)) throw s.fail(`Developer metadata with ID ${id} already exists.`);
  while (!id || all.some((m) => m.metadataId === id)) id = s.t.random.int(1, 2147483646);
  const rec: DeveloperMetadataRec = { metadataId: id, metadataKey: d.metadataKey, visibility, location: locationOf(s.ss, d.location, s.fail) };
  if (typeof d.metadataValue === 'string') rec.metadataValue = d.metadataValue;
  if (visibility === 'PROJECT') rec.project = s.project;
  all.push(rec);
  return { createDeveloperMetadata: { developerMetadata: presentDeveloperMetadata(rec) } };
}

function update(s: Step, r: Req): Req {
  const fields = typeof r.fields === 'string' ? r.fields.split(',').map((x) => x.trim()).filter(Boolean) : [];
  if (!fields.length) throw s.fail("At least one field must be specified in 'fields'.");
  const d = obj(r.developerMetadata);
  const filters = Array.isArray(r.dataFilters) ? r.dataFilters : [];
  if (!filters.length) throw s.fail('At least one data filter is required.');
  const hits = [...new Set(filters.flatMap((f) => selected(s, f, s.fail)))];
  for (const m of hits) {
    for (const f of fields) {
      if (f === '*' || f === 'metadataKey') if (typeof d.metadataKey === 'string') m.metadataKey = d.metadataKey;
      if (f === '*' || f === 'metadataValue') m.metadataValue = typeof d.metadataValue === 'string' ? d.metadataValue : undefined;
      if (f === '*' || f === 'location') if (d.location) m.location = locationOf(s.ss, d.location, s.fail);
      if (f === 'visibility' || f === 'metadataId') throw s.fail(`${f} cannot be updated.`);
    }
  }
  return { updateDeveloperMetadata: { developerMetadata: hits.map(presentDeveloperMetadata) } };
}

function remove(s: Step, r: Req): Req {
  const hits = selected(s, r.dataFilter, s.fail);
  s.ss.developerMetadata = metadataOf(s.ss).filter((m) => !hits.includes(m));
  return { deleteDeveloperMetadata: { deletedDeveloperMetadata: hits.map(presentDeveloperMetadata) } };
}

export const developerMetadataKinds: Record<string, (s: Step, r: Req) => Req> = {
  createDeveloperMetadata: create,
  updateDeveloperMetadata: update,
  deleteDeveloperMetadata: remove,
};

const argFail: Fail = (m) => E.invalidArgument('sheets', m);

export const sheetsDeveloperMetadataHandlers = {
  'sheets.spreadsheets.developerMetadata.get': (ctx: OpContext): Reply => {
    const { ss } = loadSpreadsheet(ctx, 'reader');
    const id = Number(ctx.params.metadataId);
    const m = metadataOf(ss).find((x) => x.metadataId === id && visibleTo(x, callerOf(ctx).clientId));
    if (!m) throw googleError('sheets', { code: 404, message: `No developer metadata with ID: ${ctx.params.metadataId}` });
    return { body: presentDeveloperMetadata(m) };
  },
  'sheets.spreadsheets.developerMetadata.search': (ctx: OpContext): Reply => {
    const { ss } = loadSpreadsheet(ctx, 'reader');
    const body = jsonObject(ctx, 'sheets');
    const filters = Array.isArray(body.dataFilters) ? body.dataFilters : [];
    if (!filters.length) throw argFail('At least one data filter is required.');
    const project = callerOf(ctx).clientId;
    const found = new Map<number, { m: DeveloperMetadataRec; filters: unknown[] }>();
    filters.forEach((f, i) => {
      for (const m of selected({ ss, project }, f, (msg) => argFail(`Invalid dataFilters[${i}]: ${msg}`))) {
        const hit = found.get(m.metadataId) ?? { m, filters: [] };
        hit.filters.push(f);
        found.set(m.metadataId, hit);
      }
    });
    const matched = [...found.values()].map(({ m, filters: fs }) => ({ developerMetadata: presentDeveloperMetadata(m), dataFilters: fs }));
    return { body: matched.length ? { matchedDeveloperMetadata: matched } : {} };
  },
} satisfies Handlers;
