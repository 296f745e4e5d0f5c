/** Drive v3 files.listLabels and files.modifyLabels over the fixture's label catalog. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { LabelRuleError, appliedLabels, modifyLabel, type FieldChange, type LabelValueType } from '../model/labels.js';
import { touch } from '../model/files.js';
import { decodePageToken, encodePageToken, intParam, jsonObject, pick, str } from '../../request.js';
import { presentLabel } from '../present/labels.js';
import { driveCaller } from './caller.js';
import { loadFile } from './files.js';

const SETTERS: Record<string, LabelValueType> = {
  setTextValues: 'text',
  setIntegerValues: 'integer',
  setDateValues: 'dateString',
  setSelectionValues: 'selection',
  setUserValues: 'user',
};

function fieldChanges(raw: unknown): FieldChange[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw E.invalidValue('drive', 'labelModifications.fieldModifications');
  return raw.map((m: Record<string, unknown>) => {
    const fieldId = str(m?.fieldId);
    if (!fieldId) throw E.required('drive', 'labelModifications.fieldModifications.fieldId');
    const given = Object.keys(SETTERS).filter((k) => m[k] !== undefined);
    if (given.length > 1 || (given.length && m.unsetValues === true)) throw E.badRequest('drive', 'A field modification sets one kind of value, or unsets.', 'labelModifications.fieldModifications');
    const set = given[0] ? { valueType: SETTERS[given[0]], values: (Array.isArray(m[given[0]]) ? (m[given[0]] as unknown[]) : []).map(String) } : undefined;
    return { fieldId, unset: m.unsetValues === true, set };
  });
}

function modify(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('drive');
  const { file } = loadFile(t, dc, ctx.params.fileId, 'writer');
  const body = jsonObject(ctx, 'drive');
  const mods = Array.isArray(body.labelModifications) ? (body.labelModifications as Array<Record<string, unknown>>) : [];
  if (!mods.length) throw E.required('drive', 'labelModifications');
  const changed: Record<string, unknown>[] = [];
  try {
    for (const m of mods) {
      const labelId = str(m?.labelId);
      if (!labelId) throw E.required('drive', 'labelModifications.labelId');
      const after = modifyLabel(t, file.id, labelId, m.removeLabel === true, fieldChanges(m.fieldModifications));
      if (after) changed.push(presentLabel(t, after, dc.email));
    }
  } catch (e) {
    if (!(e instanceof LabelRuleError)) throw e;
    const location = e.kind === 'unknownLabel' ? 'labelModifications.labelId' : 'labelModifications.fieldModifications';
    const message = e.kind === 'unknownLabel' ? `Invalid label: ${e.detail}` : e.kind === 'unknownField' ? `Invalid field: ${e.detail}` : `Invalid value for field: ${e.detail}`;
    throw googleError('drive', { code: 400, message, reason: 'invalid', location, locationType: 'other' });
  }
  touch(t, file, dc.email, { changed: ['properties'] });
  return { body: pick(ctx, 'drive', { kind: 'drive#modifyLabelsResponse', modifiedLabels: changed }, '*', 'drive.ModifyLabelsResponse') };
}

function list(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const { file } = loadFile(t, dc, ctx.params.fileId);
  const max = intParam(ctx, 'drive', 'maxResults', 100, 1, 100);
  const offset = decodePageToken(ctx.query.pageToken, [file.id, 'labels'], 'drive');
  const all = appliedLabels(t, file.id).values().sort((a, b) => a.id.localeCompare(b.id));
  const body: Record<string, unknown> = { kind: 'drive#labelList', labels: all.slice(offset, offset + max).map((l) => presentLabel(t, l, dc.email)) };
  if (offset + max < all.length) body.nextPageToken = encodePageToken(offset + max, [file.id, 'labels']);
  return { body: pick(ctx, 'drive', body, '*', 'drive.LabelList') };
}

export const driveLabelHandlers = {
  'drive.files.modifyLabels': modify,
  'drive.files.listLabels': list,
} satisfies Handlers;
