/**
 * This browser's replica of the settings document: loaded from and saved to IndexedDB
 * (y-indexeddb, which appends each update and merges them past 500), and kept equal across the
 * extension's open contexts (lib/settings/relay.ts). Every context opens its own.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { ContextRelay } from './relay';
import { Settings } from './settings';
import { syncStateFromJson, syncStateToJson, type SyncStateStore } from './sync-state';

export const SETTINGS_DB_NAME = 'postline-settings';

export interface LocalSettings {
  settings: Settings;
  /** For the server sync (lib/settings/settings-sync.ts), which runs in the background only. */
  doc: Y.Doc;
  /** Where the server sync keeps its bookkeeping, next to the document. */
  syncState: SyncStateStore;
  close(): Promise<void>;
}

export async function openLocalSettings(name = SETTINGS_DB_NAME): Promise<LocalSettings> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const relay = new ContextRelay(doc, name);
  return {
    settings: new Settings(doc),
    doc,
    syncState: {
      // The custom store's declared value type is narrower than what IndexedDB stores; a JSON
      // string fits it and keeps each save one atomic put.
      load: async (key) => {
        const stored: unknown = await persistence.get(`sync ${key}`);
        return typeof stored === 'string' ? syncStateFromJson(stored) : undefined;
      },
      save: async (key, state) => {
        await persistence.set(`sync ${key}`, syncStateToJson(state));
      },
    },
    close: async () => {
      relay.destroy();
      await persistence.destroy();
      doc.destroy();
    },
  };
}
