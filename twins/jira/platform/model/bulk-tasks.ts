// Bulk issue operations as Jira reports them: one task per submission with its issues processed, failed and inaccessible.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';

export interface BulkTaskDoc extends Doc {
  submittedBy: string;
  created: string;
  started: string;
  updated: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  totalIssueCount: number;
  processedAccessibleIssues: number[];
  /** Issue id → the messages that stopped it. */
  failedAccessibleIssues: Record<string, string[]>;
  invalidOrInaccessibleIssueCount: number;
}

export const bulkTasks = (t: Tenant) => t.collection<BulkTaskDoc>('jira:bulk-tasks');
