/**
 * When syncs happen: on demand, from the periodic alarm, every few seconds while a popup or mail
 * tab is open ("live"), and on push where the server has it. Failures are recorded in the sync
 * status by the engine; here they only drop the cached client so the next run reconnects.
 */
import type { ClientPool } from '../accounts/clients';
import { runEventSource } from '../jmap/push';
import type { MailDB } from '../store/db';
import { syncAccount, type SyncDeps } from './engine';
import { updateStatus } from './status';

export const LIVE_POLL_MS = 3_000;

export class SyncScheduler {
  private liveViews = 0;
  private liveTimer: ReturnType<typeof setInterval> | null = null;
  private readonly pushes = new Map<string, AbortController>();
  /** The sync run of each account, so that removing an account can wait for it to stop writing. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly deps: SyncDeps;
  /** One timer per account for its next due draft (a pause ending, Undo send running out). */
  private readonly draftTimers = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly db: MailDB,
    private readonly pool: ClientPool,
    onChange: (accountId: string) => void,
    /** The sync run itself; replaceable so that the scheduling can be tested on its own. */
    private readonly sync: (deps: SyncDeps, accountId: string) => Promise<void> = syncAccount,
  ) {
    this.deps = { db, clientFor: (id) => pool.clientFor(id), onChange, onDraftsDue: (id, at) => this.runAt(id, at) };
  }

  /** Runs the account's sync at `at` (the worker lives on while a page is open or a timer is near). */
  private runAt(accountId: string, at: number): void {
    const current = this.draftTimers.get(accountId);
    if (current && current.at <= at) return;
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => {
      this.draftTimers.delete(accountId);
      void this.syncOne(accountId).catch(() => undefined);
    }, Math.max(0, at - Date.now()) + 10);
    this.draftTimers.set(accountId, { at, timer });
  }

  /** A disabled or removed account is skipped: every trigger (push, local change, request) comes here. */
  async syncOne(accountId: string): Promise<void> {
    const account = await this.db.accounts.get(accountId);
    if (!account || account.disabled) return;
    const run = this.sync(this.deps, accountId);
    this.inFlight.set(accountId, run);
    try {
      await run;
      void this.ensurePush(accountId);
    } catch (error) {
      this.pool.forget(accountId);
      throw error;
    } finally {
      if (this.inFlight.get(accountId) === run) this.inFlight.delete(accountId);
    }
  }

  /** Syncs every enabled account; errors are already in each account's status. */
  async syncAll(): Promise<void> {
    const accounts = await this.db.accounts.filter((a) => !a.disabled).toArray();
    await Promise.allSettled(accounts.map((a) => this.syncOne(a.id)));
  }

  /** Resolves when the account's sync run in flight (if any) has ended, however it ended. */
  async idle(accountId: string): Promise<void> {
    await this.inFlight.get(accountId)?.catch(() => undefined);
  }

  liveViewOpened(): void {
    this.liveViews++;
    void this.syncAll();
    this.liveTimer ??= setInterval(() => void this.syncAll(), LIVE_POLL_MS);
  }

  liveViewClosed(): void {
    this.liveViews = Math.max(0, this.liveViews - 1);
    if (!this.liveViews && this.liveTimer) {
      clearInterval(this.liveTimer);
      this.liveTimer = null;
    }
  }

  stopAccount(accountId: string): void {
    this.pushes.get(accountId)?.abort();
    this.pushes.delete(accountId);
    this.pool.forget(accountId);
  }

  /** Opens the account's event stream once per worker life, if the server offers one. */
  private async ensurePush(accountId: string): Promise<void> {
    if (this.pushes.has(accountId)) return;
    const controller = new AbortController();
    this.pushes.set(accountId, controller);
    const client = await this.pool.clientFor(accountId);
    await runEventSource(
      client.session,
      client.auth,
      {
        onStateChange: (change) => {
          if (change.changed[client.accountId]) void this.syncOne(accountId).catch(() => undefined);
        },
        onUnsupported: () => void updateStatus(this.db, accountId, { push: 'polling' }),
      },
      controller.signal,
    );
  }
}
