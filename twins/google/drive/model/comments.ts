/** Drive's comment and reply records: where they live and how their ids are made. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { K } from '../../store.js';

export interface CommentRec extends Doc {
  author: string;
  content: string;
  createdTime: string;
  modifiedTime: string;
  deleted: boolean;
  resolved: boolean;
  anchor?: string;
  quotedFileContent?: { mimeType: string; value: string };
}

export interface ReplyRec extends Doc {
  author: string;
  content: string;
  createdTime: string;
  modifiedTime: string;
  deleted: boolean;
  action?: 'resolve' | 'reopen';
}

export const comments = (t: Tenant, fileId: string) => t.collection<CommentRec>(`${K.files}/${fileId}/comments`);
export const replies = (t: Tenant, fileId: string, commentId: string) => t.collection<ReplyRec>(`${K.files}/${fileId}/comments/${commentId}/replies`);
export const newId = (t: Tenant) => `AAAA${t.random.chars(11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;

