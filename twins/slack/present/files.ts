/** A file object as files.info, message files and files.completeUploadExternal return it. */
import type { FileDoc } from '../types.js';

/** A file object (files.info, message files, files.completeUploadExternal). */
export function fileView(f: FileDoc): Record<string, unknown> {
  const { content_b64: _c, completed: _done, initial_comment: _ic, ...rest } = f;
  return {
    ...rest,
    editable: false,
    mode: f.external ? 'external' : 'hosted',
    is_external: !!f.external,
    external_type: f.external ? 'app' : '',
    is_public: f.channels.length > 0,
    display_as_bot: false,
    username: '',
    has_rich_preview: false,
    file_access: 'visible',
    comments_count: 0,
    ...(f.external ? { external_id: f.external.external_id, external_url: f.external.external_url } : {}),
  };
}
