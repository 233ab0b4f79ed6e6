/**
 * The user's own folders (RFC 8621 §2.5 Mailbox/set): create, rename, nest (move under another
 * folder or to the top) and delete. Unlike message changes these are not queued: a folder that
 * exists only locally could not receive moves, so the server answers first and the folder list
 * is then refreshed from it. Deleting moves the folder's conversations to Trash first (through the
 * outbox, sent before the folder is destroyed), so no message is lost with a folder.
 */
import type { JmapClient } from '../jmap/client';
import type { SetResponse } from '../jmap/types';
import type { MailDB } from '../store/db';
import { changeThreads } from '../store/mutations';
import { syncMailboxesFully } from './initial';
import { flushMutations } from './outbox';
import Dexie from 'dexie';

export type FolderChange =
  | { kind: 'create'; name: string; parentId: string | null }
  | { kind: 'rename'; mailboxId: string; name: string }
  | { kind: 'move'; mailboxId: string; parentId: string | null }
  | { kind: 'delete'; mailboxId: string };

export type FolderErrorCode = 'folderName' | 'folderExists' | 'folderHasChildren' | 'folderNotEmpty' | 'folderRefused';

export class FolderError extends Error {
  constructor(
    readonly code: FolderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FolderError';
  }
}

const MAX_NAME_LENGTH = 255;

function checkedName(name: string): string {
  const trimmed = name.trim();
  // "/" would read as a hierarchy separator in IMAP clients of the same account.
  if (!trimmed || trimmed.length > MAX_NAME_LENGTH || trimmed.includes('/')) throw new FolderError('folderName', `Invalid folder name: ${name}`);
  return trimmed;
}

async function checkUnique(db: MailDB, accountId: string, name: string, parentId: string | null, except?: string): Promise<void> {
  const siblings = await db.mailboxes.where('accountId').equals(accountId).filter((m) => m.parentId === parentId && m.id !== except).toArray();
  if (siblings.some((m) => m.name.toLocaleLowerCase() === name.toLocaleLowerCase())) throw new FolderError('folderExists', `A folder named ${name} exists there`);
}

/** Applies the change on the server and refreshes the account's folders; returns the folder's id. */
export async function changeFolder(db: MailDB, client: JmapClient, accountId: string, change: FolderChange): Promise<string> {
  let args: Record<string, unknown>;
  let id: string;
  switch (change.kind) {
    case 'create': {
      const name = checkedName(change.name);
      await checkUnique(db, accountId, name, change.parentId);
      args = { create: { folder: { name, parentId: change.parentId, isSubscribed: true } } };
      id = 'folder';
      break;
    }
    case 'rename': {
      const name = checkedName(change.name);
      const current = await db.mailboxes.get([accountId, change.mailboxId]);
      await checkUnique(db, accountId, name, current?.parentId ?? null, change.mailboxId);
      args = { update: { [change.mailboxId]: { name } } };
      id = change.mailboxId;
      break;
    }
    case 'move': {
      const current = await db.mailboxes.get([accountId, change.mailboxId]);
      if (current) await checkUnique(db, accountId, current.name, change.parentId, change.mailboxId);
      args = { update: { [change.mailboxId]: { parentId: change.parentId } } };
      id = change.mailboxId;
      break;
    }
    case 'delete': {
      const children = await db.mailboxes.where('accountId').equals(accountId).filter((m) => m.parentId === change.mailboxId).count();
      if (children) throw new FolderError('folderHasChildren', 'The folder has subfolders');
      const keys = await db.threadMailboxes
        .where('[accountId+mailboxId+threadId]')
        .between([accountId, change.mailboxId, Dexie.minKey], [accountId, change.mailboxId, Dexie.maxKey])
        .primaryKeys();
      const threadIds = keys.map((key) => (key as unknown as [string, string, string])[2]);
      if (threadIds.length) {
        await changeThreads(db, accountId, threadIds, 'trash', change.mailboxId);
        await flushMutations(db, client, accountId);
      }
      args = { destroy: [change.mailboxId], onDestroyRemoveEmails: false };
      id = change.mailboxId;
      break;
    }
  }
  const batch = client.batch();
  const set = batch.add<SetResponse<{ id: string }>>('Mailbox/set', args);
  const response = (await batch.send()).get(set);
  const refusal = response.notCreated?.folder ?? response.notUpdated?.[id] ?? response.notDestroyed?.[id];
  if (refusal) {
    const code: FolderErrorCode = refusal.type === 'mailboxHasEmail' ? 'folderNotEmpty' : refusal.type === 'mailboxHasChild' ? 'folderHasChildren' : 'folderRefused';
    throw new FolderError(code, `${refusal.type}${refusal.description ? `: ${refusal.description}` : ''}`);
  }
  await syncMailboxesFully(db, client, accountId);
  return response.created?.folder?.id ?? id;
}
