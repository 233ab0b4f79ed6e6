/**
 * The background's side of the settings: this browser's replica, synced through one "settings
 * home" account (the default sender's account if one is set, else the enabled account added
 * first). A round runs after every mail sync of that account, so the alarm, live polling and
 * push all drive it, and a moment after every change made in any context of this browser.
 * A failed round shows as the home account's sync error until its next successful sync.
 */
import { JmapError } from '../jmap/errors';
import type { JmapClient } from '../jmap/client';
import type { MailDB } from '../store/db';
import type { AccountRow } from '../store/rows';
import { updateStatus } from '../sync/status';
import { openLocalSettings, type LocalSettings } from './local';
import { PREFERENCE_DEFAULTS, type Preferences } from './preferences';
import type { Settings } from './settings';
import { SERVER_ORIGIN, SettingsSync } from './settings-sync';

/** Edits come in bursts (typing a tag name, reordering): one message for the burst. */
export const LOCAL_CHANGE_DELAY_MS = 2_000;

export class SettingsService {
  private local: Promise<LocalSettings> | null = null;
  private readonly rounds = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: MailDB,
    private readonly clientFor: (accountId: string) => Promise<JmapClient>,
    private readonly openLocal: () => Promise<LocalSettings> = () => openLocalSettings(),
  ) {}

  /** Runs a round if `accountId` is the settings home. */
  async afterMailSync(accountId: string): Promise<void> {
    try {
      const home = await this.home();
      if (home?.id === accountId) await this.round(home);
    } catch (error) {
      await this.report(accountId, error);
      throw error;
    }
  }

  /** The background's replica, for the few requests that write settings (e.g. the autoreply copy). */
  async settings(): Promise<Settings> {
    return (await this.open()).settings;
  }

  /**
   * A preference's value, and `listener` after each change of it made in any context of this
   * browser or merged from another browser (the replica relays and syncs; other edits are ignored).
   * The default when the replica cannot be opened, so the badge and notifications still work.
   */
  async preference<K extends keyof Preferences>(key: K): Promise<Preferences[K]> {
    try {
      return (await this.open()).settings.preference(key);
    } catch {
      return PREFERENCE_DEFAULTS[key];
    }
  }

  async watchPreference<K extends keyof Preferences>(key: K, listener: (value: Preferences[K]) => void): Promise<() => void> {
    const { settings } = await this.open();
    let current = settings.preference(key);
    return settings.onChange(() => {
      const next = settings.preference(key);
      if (next === current) return;
      current = next;
      listener(next);
    });
  }

  private async home(): Promise<AccountRow | undefined> {
    const { settings } = await this.open();
    const sender = settings.preference('defaultSender');
    const accounts = (await this.db.accounts.toArray()).filter((a) => !a.disabled).sort((a, b) => a.createdAt - b.createdAt);
    return accounts.find((a) => a.email.toLowerCase() === sender?.toLowerCase()) ?? accounts[0];
  }

  private round(account: AccountRow): Promise<void> {
    let round = this.rounds.get(account.id);
    if (!round) {
      round = this.runRound(account).finally(() => this.rounds.delete(account.id));
      this.rounds.set(account.id, round);
    }
    return round;
  }

  private async runRound(account: AccountRow): Promise<void> {
    const local = await this.open();
    const client = await this.clientFor(account.id);
    const result = await new SettingsSync(local.doc, client, local.syncState, account.email.toLowerCase()).round();
    if (result.unreadable.length) throw new JmapError('server', `Unreadable settings messages on the server: ${result.unreadable.join(', ')}`);
  }

  private async report(accountId: string, error: unknown): Promise<void> {
    const code = error instanceof JmapError ? error.code : 'server';
    await updateStatus(this.db, accountId, { error: { code, message: `Settings: ${error instanceof Error ? error.message : String(error)}` } });
  }

  private open(): Promise<LocalSettings> {
    this.local ??= this.openLocal().then(
      (local) => {
        local.doc.on('update', (_update: Uint8Array, origin: unknown) => {
          if (origin !== SERVER_ORIGIN) this.soon();
        });
        return local;
      },
      (error: unknown) => {
        this.local = null; // IndexedDB may be back next time (e.g. after a browser restart)
        throw error;
      },
    );
    return this.local;
  }

  private soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.home().then(async (home) => {
        if (!home) return;
        await this.round(home).catch((error: unknown) => this.report(home.id, error));
      });
    }, LOCAL_CHANGE_DELAY_MS);
  }

  /** Stops the pending round and closes the replica (tests; a worker just ends). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const local = await this.local;
    await local?.close();
  }
}
