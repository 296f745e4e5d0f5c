/** Message content arguments (text, blocks, attachments, metadata) read and checked as Slack does. */
import { SlackError } from '../errors.js';
import { json, str, type Args } from './args.js';

export interface Content {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
}

/** Block types Block Kit accepts in messages (https://docs.slack.dev/reference/block-kit/blocks). */
const MESSAGE_BLOCKS = new Set(['actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video', 'call', 'table', 'context_actions', 'plan', 'task_card']);
/** Surfaces (modals, App Home) accept these. */
export const VIEW_BLOCKS = new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video', 'file', 'markdown']);

/** Validates blocks; failures are `invalid_blocks` with `[ERROR] … [json-pointer:…]` lines, as Slack reports them. */
export function checkBlocks(blocks: unknown, allowed = MESSAGE_BLOCKS, max = 50): unknown[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) throw new SlackError('invalid_blocks_format');
  if (blocks.length > max) problems.push(`no more than ${max} items allowed [json-pointer:/blocks]`);
  blocks.forEach((b, i) => {
    const at = `/blocks/${i}`;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return problems.push(`expected an object [json-pointer:${at}]`);
    const block = b as Record<string, unknown>;
    if (typeof block.type !== 'string') return problems.push(`missing required field: type [json-pointer:${at}]`);
    if (!allowed.has(block.type)) return problems.push(`unsupported type: ${block.type} [json-pointer:${at}/type]`);
    if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > 255)) problems.push(`invalid block_id [json-pointer:${at}/block_id]`);
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined && block.expand === undefined) problems.push(`must provide either text or fields [json-pointer:${at}]`);
        if (block.text !== undefined) checkText(block.text, `${at}/text`, problems);
        break;
      case 'header':
        checkText(block.text, `${at}/text`, problems, 'plain_text');
        break;
      case 'image':
        if (!block.image_url && !block.slack_file) problems.push(`missing required field: image_url [json-pointer:${at}]`);
        if (typeof block.alt_text !== 'string') problems.push(`missing required field: alt_text [json-pointer:${at}]`);
        break;
      case 'actions':
      case 'context':
        if (!Array.isArray(block.elements) || !block.elements.length) problems.push(`missing required field: elements [json-pointer:${at}]`);
        break;
      case 'input':
        if (!block.label) problems.push(`missing required field: label [json-pointer:${at}]`);
        if (!block.element) problems.push(`missing required field: element [json-pointer:${at}]`);
        break;
      case 'markdown':
        if (typeof block.text !== 'string') problems.push(`missing required field: text [json-pointer:${at}]`);
        break;
    }
  });
  if (problems.length) throw new SlackError('invalid_blocks', { errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
  return blocks;
}

function checkText(t: unknown, at: string, problems: string[], only?: string): void {
  if (!t || typeof t !== 'object') return void problems.push(`missing required field: text [json-pointer:${at}]`);
  const o = t as Record<string, unknown>;
  if (o.type !== 'plain_text' && o.type !== 'mrkdwn') problems.push(`must be one of plain_text, mrkdwn [json-pointer:${at}/type]`);
  else if (only && o.type !== only) problems.push(`must be ${only} [json-pointer:${at}/type]`);
  if (typeof o.text !== 'string' || o.text.length === 0) problems.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  else if (o.text.length > 3000) problems.push(`must be less than 3001 characters [json-pointer:${at}/text]`);
}

/**
 * Reads text/blocks/attachments/metadata. chat.postMessage truncates text
 * over 40,000 characters (https://docs.slack.dev/reference/methods/chat.postMessage#truncating);
 * other methods refuse it with `msg_too_long` (`truncate: false`).
 */
export function readContent(a: Args, o: { requireSome?: boolean; truncate?: boolean } = {}): Content {
  let text = str(a, 'text');
  const markdown = str(a, 'markdown_text');
  if (markdown !== undefined && text !== undefined) throw new SlackError('markdown_text_conflict');
  const blocksRaw = json<unknown>(a, 'blocks', 'invalid_blocks_format');
  const attachmentsRaw = json<unknown>(a, 'attachments', 'invalid_attachments');
  const metadata = json<unknown>(a, 'metadata', 'invalid_metadata_format');
  let blocks = blocksRaw === undefined ? undefined : checkBlocks(blocksRaw);
  if (blocks && blocks.length === 0) blocks = undefined;
  if (markdown !== undefined) {
    if (markdown.length > 12000) throw new SlackError('msg_too_long');
    blocks = [{ type: 'markdown', text: markdown }];
    text = markdown;
  }
  let attachments: unknown[] | undefined;
  if (attachmentsRaw !== undefined) {
    if (!Array.isArray(attachmentsRaw)) throw new SlackError('invalid_attachments');
    if (attachmentsRaw.length > 100) throw new SlackError('too_many_attachments');
    attachments = attachmentsRaw.map((att, i) => (att && typeof att === 'object' ? { id: i + 1, ...(att as object) } : att));
    if (!attachments.length) attachments = undefined;
  }
  if (metadata !== undefined) {
    const m = metadata as Record<string, unknown>;
    if (!m || typeof m !== 'object' || typeof m.event_type !== 'string') throw new SlackError('invalid_metadata_format');
  }
  if (text !== undefined && text.length > 40000) {
    if (o.truncate) text = text.slice(0, 40000);
    else throw new SlackError('msg_too_long');
  }
  if (o.requireSome !== false && !text && !blocks && !attachments) throw new SlackError('no_text');
  return { text, blocks, attachments, metadata };
}
