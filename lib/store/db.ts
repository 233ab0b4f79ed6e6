/**
 * The Dexie database. Every schema change is a new numbered version in lib/store/migrations.ts,
 * tested in tests/unit/store/migrations.test.ts.
 */
import Dexie, { type Table } from 'dexie';
import { applyMigrations } from './migrations';
import type {
  AccountRow,
  BodyRow,
  CredentialRow,
  DraftBlobRow,
  DraftRow,
  EmailRow,
  IdentityRow,
  MailboxRow,
  NewMailMarkRow,
  PendingChangeRow,
  PendingMutationRow,
  SyncStateRow,
  SyncStatusRow,
  ThreadMailboxRow,
} from './rows';

export const DEFAULT_DB_NAME = 'mailext';

export class MailDB extends Dexie {
  accounts!: Table<AccountRow, string>;
  credentials!: Table<CredentialRow, string>;
  mailboxes!: Table<MailboxRow, [string, string]>;
  emails!: Table<EmailRow, [string, string]>;
  threadMailboxes!: Table<ThreadMailboxRow, [string, string, string]>;
  bodies!: Table<BodyRow, [string, string]>;
  syncStates!: Table<SyncStateRow, [string, string]>;
  syncStatus!: Table<SyncStatusRow, string>;
  pendingMutations!: Table<PendingMutationRow, number>;
  pendingChanges!: Table<PendingChangeRow, number>;
  drafts!: Table<DraftRow, string>;
  draftBlobs!: Table<DraftBlobRow, string>;
  identities!: Table<IdentityRow, [string, string]>;
  newMailMarks!: Table<NewMailMarkRow, string>;

  constructor(name = DEFAULT_DB_NAME) {
    // Live query results are frozen rather than deep-cloned for every reader (Dexie's default):
    // lists read thousands of rows, and nothing mutates what a query returns.
    super(name, { cache: 'immutable' });
    applyMigrations(this);
  }
}

let shared: MailDB | null = null;

/** The one database of this extension context. */
export function getDb(): MailDB {
  shared ??= new MailDB();
  return shared;
}
