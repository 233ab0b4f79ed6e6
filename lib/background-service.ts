/**
 * What the background worker does, wired to the browser by entrypoints/background.ts: answers
 * page requests, runs the scheduler, keeps the badge current. Only this module touches the
 * network (through lib/sync and lib/accounts).
 */
import { browser, type Browser } from 'wxt/browser';
import { addAccount, isUserFacingError } from './accounts/add-account';
import { ClientPool } from './accounts/clients';
import { refreshBadge } from './badge';
import { parseRequest, type BackgroundReply, type BackgroundRequest } from './messages';
import type { MailDB } from './store/db';
import { changeThread, recordEmailPatches } from './store/mutations';
import { fetchAttachment } from './sync/attachments';
import { loadBodies } from './sync/bodies';
import { SyncScheduler } from './sync/scheduler';

export const SYNC_ALARM = 'sync';
export const SYNC_PERIOD_MINUTES = 0.5;

export class BackgroundService {
  readonly pool: ClientPool;
  readonly scheduler: SyncScheduler;

  constructor(private readonly db: MailDB) {
    this.pool = new ClientPool({ db, hasHostPermission });
    this.scheduler = new SyncScheduler(db, this.pool, () => void this.updateBadge());
  }

  async updateBadge(): Promise<void> {
    await refreshBadge(this.db, browser.action ?? browser.browserAction);
  }

  /** The badge at once; the change to the server now (a failure is kept and retried). */
  private afterLocalChange(accountId: string): void {
    void this.updateBadge();
    void this.scheduler.syncOne(accountId).catch(() => undefined);
  }

  /** Only our own extension pages may send requests; content scripts and other extensions may not. */
  async handleMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<BackgroundReply> {
    const ownPage = sender.id === browser.runtime.id && !sender.tab?.url?.startsWith('http') && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
    const request = ownPage ? parseRequest(message) : null;
    if (!request) return { ok: false, error: { code: 'internal', message: 'Unknown or unauthorised request' } };
    try {
      return await this.handle(request);
    } catch (error) {
      if (isUserFacingError(error)) return { ok: false, error: { code: error.code, message: error.message } };
      console.error('Background request failed', request.type, error);
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  private async handle(request: BackgroundRequest): Promise<BackgroundReply> {
    switch (request.type) {
      case 'addAccount': {
        const { account } = await addAccount(this.db, request.input);
        // The first sync runs on; its progress and any error show in the account's sync status.
        void this.scheduler.syncOne(account.id).catch(() => undefined);
        return { ok: true, accountId: account.id };
      }
      case 'syncNow': {
        if (request.accountId) await this.scheduler.syncOne(request.accountId);
        else await this.scheduler.syncAll();
        return { ok: true };
      }
      case 'changeThread': {
        const undo = await changeThread(this.db, request.accountId, request.threadId, request.change, request.mailboxId);
        this.afterLocalChange(request.accountId);
        return { ok: true, undo };
      }
      case 'patchEmails': {
        await recordEmailPatches(this.db, request.accountId, request.patches);
        this.afterLocalChange(request.accountId);
        return { ok: true };
      }
      case 'loadBodies': {
        await loadBodies(this.db, await this.pool.clientFor(request.accountId), request.accountId, request.emailIds);
        return { ok: true };
      }
      case 'fetchAttachment': {
        await fetchAttachment(await this.pool.clientFor(request.accountId), request.accountId, request.blobId, request.mediaType);
        return { ok: true };
      }
      case 'dismissFailedChanges': {
        // The user has seen that these were refused (and rolled back); forget them.
        await this.db.pendingMutations.where('status').equals('failed').delete();
        return { ok: true };
      }
    }
  }
}

async function hasHostPermission(url: string): Promise<boolean> {
  const origin = `${new URL(url.replace(/\/\*$/, '/')).origin}/*`;
  try {
    return await browser.permissions.contains({ origins: [origin] });
  } catch {
    return false;
  }
}
