/**
 * What the server sync of one account remembers between rounds (and worker restarts):
 *  - the settings mailbox's id;
 *  - `merged`: ids of the settings messages whose update this replica has (read or written);
 *  - `foreign`: ids of messages in the mailbox that are not ours, so they are not fetched again;
 *  - `shadow`: everything this replica knows to be on the server, as one Yjs update. What the
 *    document has beyond it is what the next round sends; a compaction writes exactly it.
 * It is saved in one piece, so a stop at any moment leaves a consistent (possibly older) state;
 * an older state only makes the next round fetch or send again what was already there.
 */
import { textToUpdate, updateToText } from './codec';

export interface SettingsSyncState {
  mailboxId: string | null;
  merged: string[];
  foreign: string[];
  shadow: Uint8Array;
}

export interface SyncStateStore {
  load(key: string): Promise<SettingsSyncState | undefined>;
  save(key: string, state: SettingsSyncState): Promise<void>;
}

export function emptySyncState(): SettingsSyncState {
  return { mailboxId: null, merged: [], foreign: [], shadow: new Uint8Array([0, 0]) };
}

export function syncStateToJson(state: SettingsSyncState): string {
  return JSON.stringify({ ...state, shadow: updateToText(state.shadow) });
}

export function syncStateFromJson(text: string): SettingsSyncState {
  const parsed = JSON.parse(text) as Omit<SettingsSyncState, 'shadow'> & { shadow: string };
  return { ...parsed, shadow: textToUpdate(parsed.shadow) };
}

/** For tests and tools: state kept in memory. */
export class MemorySyncStateStore implements SyncStateStore {
  private readonly states = new Map<string, string>();

  async load(key: string): Promise<SettingsSyncState | undefined> {
    const text = this.states.get(key);
    return text === undefined ? undefined : syncStateFromJson(text);
  }

  async save(key: string, state: SettingsSyncState): Promise<void> {
    this.states.set(key, syncStateToJson(state));
  }
}
