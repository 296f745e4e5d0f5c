/**
 * What files.export (and files.download with a mimeType) produce for Docs Editors files: real renderings of the stored
 * content. Documents: plain text, HTML (paragraphs and headings) and Markdown; spreadsheets: the first sheet as CSV
 * or TSV, as Drive exports them. Formats Drive offers beyond these (PDF, Office) are refused, not faked.
 */
import type { Tenant } from '../../../../src/core/tenant.js';
import { DOCUMENT, SPREADSHEET, type DriveFile } from '../../store.js';
import { documents, newDocument, plainText, type DocumentRec } from '../../docs/model/documents.js';
import { exportFirstSheet, newSpreadsheet, spreadsheets, type SpreadsheetRec } from '../../sheets/model/spreadsheets.js';
import { bindFormulaClock } from '../../sheets/model/formula.js';

/** Export MIME type → the exportFormat name Drive puts in exportLinks. */
export const EXPORTS: Record<string, Record<string, string>> = {
  [DOCUMENT]: { 'text/plain': 'txt', 'text/html': 'html', 'text/markdown': 'md' },
  [SPREADSHEET]: { 'text/csv': 'csv', 'text/tab-separated-values': 'tsv' },
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function paragraphs(d: DocumentRec): Array<{ text: string; style: string }> {
  return plainText(d).split('\n').slice(0, -1).map((text, i) => ({ text, style: d.styles[i] ?? 'NORMAL_TEXT' }));
}

export function documentHtml(d: DocumentRec): string {
  const body = paragraphs(d)
    .map(({ text, style }) => {
      const h = /^HEADING_(\d)$/.exec(style);
      const inner = `<span>${escapeHtml(text)}</span>`;
      if (h) return `<h${h[1]}>${inner}</h${h[1]}>`;
      if (style === 'TITLE') return `<p class="title">${inner}</p>`;
      if (style === 'SUBTITLE') return `<p class="subtitle">${inner}</p>`;
      return `<p>${inner}</p>`;
    })
    .join('');
  return `<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"></head><body>${body}</body></html>`;
}

export function documentMarkdown(d: DocumentRec): string {
  return paragraphs(d)
    .map(({ text, style }) => {
      const h = /^HEADING_(\d)$/.exec(style);
      if (h) return `${'#'.repeat(Number(h[1]))} ${text}`;
      if (style === 'TITLE') return `# ${text}`;
      if (style === 'SUBTITLE') return `## ${text}`;
      return text.replace(/([\\`*_[\]#])/g, '\\$1');
    })
    .join('\n\n');
}

/** The document or spreadsheet as stored now, for a revision snapshot. */
export function editorState(t: Tenant, file: DriveFile): string | undefined {
  const rec = file.mimeType === DOCUMENT ? documents(t).get(file.id) : file.mimeType === SPREADSHEET ? spreadsheets(t).get(file.id) : undefined;
  return rec ? JSON.stringify(rec) : undefined;
}

/** The bytes of an export (of a revision's snapshot when given), or undefined when the file's type has no such format. */
export function exportText(t: Tenant, file: DriveFile, mimeType: string, snapshot?: string): string | undefined {
  if (!EXPORTS[file.mimeType]?.[mimeType]) return undefined;
  if (file.mimeType === DOCUMENT) {
    const d = snapshot ? (JSON.parse(snapshot) as DocumentRec) : documents(t).get(file.id) ?? newDocument(file.id);
    if (mimeType === 'text/html') return documentHtml(d);
    if (mimeType === 'text/markdown') return documentMarkdown(d);
    return plainText(d);
  }
  const ss = snapshot ? (JSON.parse(snapshot) as SpreadsheetRec) : spreadsheets(t).get(file.id) ?? newSpreadsheet(file.id);
  bindFormulaClock(ss, () => t.clock.ms());
  return exportFirstSheet(ss, mimeType === 'text/tab-separated-values' ? '\t' : ',');
}
