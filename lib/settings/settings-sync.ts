/**
 * Syncs the settings document between the user's browsers through their own mail account
 * (JMAP only). The account's settings mailbox (lib/settings/mailbox.ts) holds messages, each
 * carrying one Yjs update as base64 text; the document is the merge of all of them. One round:
 *
 *   1. list   Mailbox/get (is the mailbox still there?) + Email/query inMailbox   (one request)
 *   2. read   Email/get of the messages not merged yet, bodies included (one request per 4096)
 *             → applied to the document and to the shadow (what the server is known to have)
 *   3. send   if the document has anything the shadow lacks: one message with the difference
 *   4. compact, once COMPACT_AFTER messages have piled up: a snapshot message holding the
 *             shadow (everything merged or sent) is written first; only then are the messages
 *             this round merged destroyed. A message another browser writes meanwhile is not
 *             among them, so it survives to be merged later; two browsers compacting at once
 *             only leave two snapshots, which the next compaction folds.
 *
 * Yjs updates are commutative, associative and idempotent, so the order of messages, duplicates,
 * and a browser that comes back after weeks with an old shadow are all fine: it reads the current
 * snapshot, then sends what it did offline. Only messages with our header are touched; anything
 * else in the mailbox is left alone.
 */
import * as Y from 'yjs';
import type { JmapClient } from '../jmap/client';
import { JmapError } from '../jmap/errors';
import type { GetResponse, QueryResponse, SetResponse } from '../jmap/types';
import { textToUpdate, updateToText } from './codec';
import { ensureSettingsMailbox } from './mailbox';
import { SETTINGS_MAILBOX_NAME } from './mailbox-name';
import { emptySyncState, type SettingsSyncState, type SyncStateStore } from './sync-state';

export const SETTINGS_HEADER = 'X-Postline-Settings';
/** The message format; a future incompatible one gets a new value, which this version leaves alone. */
const FORMAT = 'yjs-1';
/** Messages in the mailbox before a round compacts them into one. */
export const COMPACT_AFTER = 16;
/** The origin of changes this module applies to the document, for listeners that care. */
export const SERVER_ORIGIN = Symbol('settings-server');

const HEADER_PROPERTY = `header:${SETTINGS_HEADER}:asText`;

interface SettingsEmail {
  id: string;
  [HEADER_PROPERTY]: string | null;
  textBody: Array<{ partId: string }> | null;
  bodyValues: Record<string, { value: string; isEncodingProblem?: boolean; isTruncated?: boolean }> | null;
}

export interface SyncRoundResult {
  /** Messages read and merged this round. */
  received: number;
  /** Bytes of the update sent this round (0: nothing to send). */
  sentBytes: number;
  /** Messages destroyed by compaction this round. */
  compacted: number;
  /** Messages with our header whose content could not be read: left on the server and ignored. */
  unreadable: string[];
}

export class SettingsSync {
  private running: Promise<SyncRoundResult> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly client: JmapClient,
    private readonly store: SyncStateStore,
    /** Names this account's bookkeeping in the store (one per account, e.g. its address). */
    private readonly key: string,
    private readonly compactAfter = COMPACT_AFTER,
  ) {}

  /** One round; a call while one runs waits for it instead of starting a second. */
  round(): Promise<SyncRoundResult> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<SyncRoundResult> {
    const state = (await this.store.load(this.key)) ?? emptySyncState();
    let listed = await this.list(state);
    if (listed === null) {
      // The mailbox is gone (deleted in another client), and everything on the server with it:
      // start over, so that a new mailbox gets the whole document.
      Object.assign(state, emptySyncState());
      listed = await this.list(state);
      if (listed === null) throw new JmapError('server', 'The settings mailbox vanished as soon as it was created');
    }
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, state.shadow);
    const result: SyncRoundResult = { received: 0, sentBytes: 0, compacted: 0, unreadable: [] };
    const merged = new Set(state.merged);
    const foreign = new Set(state.foreign);
    const fresh = listed.filter((id) => !merged.has(id) && !foreign.has(id));
    if (fresh.length) {
      const emails = await this.client.getAll<SettingsEmail>('Email', fresh, ['id', HEADER_PROPERTY, 'textBody', 'bodyValues'], { fetchTextBodyValues: true });
      const updates: Uint8Array[] = [];
      for (const email of emails.list) {
        const update = readUpdate(email);
        // Malformed bytes behind our header are tried on the shadow first, which nothing shows.
        if (update !== 'foreign' && update !== 'unreadable' && appliesTo(shadow, update)) {
          updates.push(update);
          merged.add(email.id);
          continue;
        }
        if (update !== 'foreign') result.unreadable.push(email.id);
        foreign.add(email.id);
      }
      Y.transact(this.doc, () => updates.forEach((update) => Y.applyUpdate(this.doc, update, SERVER_ORIGIN)), SERVER_ORIGIN);
      result.received = updates.length;
    }

    if (!Y.equalSnapshots(Y.snapshot(this.doc), Y.snapshot(shadow))) {
      const update = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(shadow));
      const id = await this.write(state.mailboxId!, update, 'update');
      Y.applyUpdate(shadow, update);
      merged.add(id);
      listed = [...listed, id];
      result.sentBytes = update.byteLength;
    }

    const ours = listed.filter((id) => merged.has(id));
    if (ours.length >= this.compactAfter) {
      const snapshotId = await this.write(state.mailboxId!, Y.encodeStateAsUpdate(shadow), 'snapshot');
      await this.destroy(ours);
      result.compacted = ours.length;
      listed = [...listed.filter((id) => !merged.has(id)), snapshotId];
      merged.clear();
      merged.add(snapshotId);
    }

    // Ids no longer on the server (compacted by another browser) need no remembering.
    const present = new Set(listed);
    await this.store.save(this.key, {
      mailboxId: state.mailboxId,
      merged: [...merged].filter((id) => present.has(id)),
      foreign: [...foreign].filter((id) => present.has(id)),
      shadow: Y.encodeStateAsUpdate(shadow),
    });
    shadow.destroy();
    return result;
  }

  /** The ids of the messages in the settings mailbox, or null if the mailbox no longer exists. */
  private async list(state: SettingsSyncState): Promise<string[] | null> {
    state.mailboxId ??= await ensureSettingsMailbox(this.client);
    const ids: string[] = [];
    for (;;) {
      const batch = this.client.batch();
      const mailbox = batch.add<GetResponse<{ id: string }>>('Mailbox/get', { ids: [state.mailboxId], properties: ['id'] });
      const query = batch.add<QueryResponse>('Email/query', {
        filter: { inMailbox: state.mailboxId },
        position: ids.length,
        limit: this.client.limits.maxObjectsInGet,
      });
      const responses = await batch.send();
      if (!responses.get(mailbox).list.length) return null;
      const page = responses.get(query).ids;
      ids.push(...page);
      if (page.length < this.client.limits.maxObjectsInGet) return ids;
    }
  }

  private async write(mailboxId: string, update: Uint8Array, kind: 'update' | 'snapshot'): Promise<string> {
    const batch = this.client.batch();
    const set = batch.add<SetResponse<{ id: string }>>('Email/set', {
      create: {
        settings: {
          mailboxIds: { [mailboxId]: true },
          // Seen, so that no client counts it as unread mail.
          keywords: { $seen: true },
          subject: SETTINGS_MAILBOX_NAME,
          [HEADER_PROPERTY]: `${FORMAT} ${kind}`,
          bodyValues: { body: { value: updateToText(update) } },
          textBody: [{ partId: 'body', type: 'text/plain' }],
        },
      },
    });
    const response = (await batch.send()).get(set);
    const id = response.created?.settings?.id;
    if (id) return id;
    const refused = response.notCreated?.settings;
    throw new JmapError('method', `Cannot store settings on the server: ${refused?.type ?? 'no answer'}${refused?.description ? ` (${refused.description})` : ''}`);
  }

  /** Destroys merged messages; one already destroyed by another browser's compaction is fine. */
  private async destroy(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += this.client.limits.maxObjectsInSet) {
      const batch = this.client.batch();
      const set = batch.add<SetResponse>('Email/set', { destroy: ids.slice(i, i + this.client.limits.maxObjectsInSet) });
      const refused = Object.entries((await batch.send()).get(set).notDestroyed ?? {}).filter(([, error]) => error.type !== 'notFound');
      if (refused.length) throw new JmapError('method', `Cannot compact the settings on the server: ${refused.map(([id, e]) => `${id} ${e.type}`).join(', ')}`);
    }
  }
}

/** The update a settings message carries, 'foreign' if it is not one of ours, 'unreadable' if it is but cannot be read. */
function readUpdate(email: SettingsEmail): Uint8Array | 'foreign' | 'unreadable' {
  const [format] = (email[HEADER_PROPERTY] ?? '').trim().split(/\s+/);
  if (format !== FORMAT) return 'foreign';
  const part = email.textBody?.[0];
  const body = part && email.bodyValues?.[part.partId];
  if (!body || body.isEncodingProblem || body.isTruncated) return 'unreadable';
  try {
    return textToUpdate(body.value);
  } catch {
    return 'unreadable';
  }
}

function appliesTo(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    Y.applyUpdate(doc, update);
    return true;
  } catch {
    return false;
  }
}
