/**
 * What the background worker does, wired to the browser by entrypoints/background.ts: answers
 * page requests, runs the scheduler, keeps the badge current. Only this module touches the
 * network (through lib/sync and lib/accounts).
 */
import { browser, type Browser } from 'wxt/browser';
import { AccountInputError, addAccount } from './accounts/add-account';
import { AutoreplyError, readAutoreply, saveAutoreply } from './accounts/autoreply';
import { saveSignature } from './accounts/signatures';
import { JmapError } from './jmap/errors';
import { ClientPool } from './accounts/clients';
import { editAccount } from './accounts/edit-account';
import { removeAccountRows } from './accounts/remove-account';
import { refreshBadge } from './badge';
import { routeOfNotification, showNewMail } from './notifications';
import { openComposeWindow } from './compose-window';
import { browserMailtoApis, MailtoLinks } from './mailto-links';
import { parseContentScriptRequest, parseRequest, type BackgroundReply, type BackgroundRequest } from './messages';
import type { MailDB } from './store/db';
import { destroyThreads, emptyMailbox } from './store/destroy';
import { takeNewMail } from './store/new-mail';
import { changeThreads, recordEmailPatches } from './store/mutations';
import { fetchAttachment, fetchMessageSource } from './sync/attachments';
import { loadBodies } from './sync/bodies';
import { refreshIdentities } from './sync/identities';
import { SettingsService } from './settings/settings-service';
import { syncAccount } from './sync/engine';
import { changeFolder, FolderError } from './sync/folders';
import { removeKeywordLocally, removeKeywordOnServer } from './sync/remove-keyword';
import { searchServer } from './sync/search';
import { SyncScheduler } from './sync/scheduler';

export const SYNC_ALARM = 'sync';
export const SYNC_PERIOD_MINUTES = 0.5;

export class BackgroundService {
  readonly pool: ClientPool;
  readonly scheduler: SyncScheduler;
  readonly settings: SettingsService;
  readonly mailto: MailtoLinks;

  constructor(private readonly db: MailDB) {
    this.pool = new ClientPool({ db, hasHostPermission });
    this.settings = new SettingsService(db, (id) => this.pool.clientFor(id));
    this.mailto = new MailtoLinks({ wanted: () => this.settings.preference('handleMailto'), openComposeWindow, ...browserMailtoApis() });
    // The settings ride on the mail sync of their home account: same triggers, same client.
    this.scheduler = new SyncScheduler(db, this.pool, () => void this.updateBadge(), async (deps, accountId) => {
      try {
        await syncAccount(deps, accountId);
      } finally {
        // Whatever the run stored before it failed is decided on too.
        await this.notifyNewMail(accountId);
      }
      await this.settings.afterMailSync(accountId);
    });
  }

  /** Follows the preferences the worker acts on, whichever context or browser changes them. */
  async watchPreferences(): Promise<void> {
    try {
      await this.settings.watchPreference('showBadge', () => void this.updateBadge());
      await this.settings.watchPreference('handleMailto', () => void this.mailto.update());
    } catch (error) {
      // No replica (IndexedDB unavailable): the badge keeps the default until the next wake.
      console.error('Cannot follow the preferences', error);
    }
  }

  async updateBadge(): Promise<void> {
    await refreshBadge(this.db, browser.action ?? browser.browserAction, await this.settings.preference('showBadge'));
  }

  /**
   * After a sync run: one notification for the account's new inbox mail, if any and wanted. The
   * mark moves on even when notifications are off, so turning them on later does not announce
   * old mail. Failures only lose a notification, never the sync.
   */
  private async notifyNewMail(accountId: string): Promise<void> {
    try {
      const mail = await takeNewMail(this.db, accountId);
      if (!mail || !browser.notifications || !(await this.settings.preference('notifyNewMail'))) return;
      const account = await this.db.accounts.get(accountId);
      if (!account) return;
      await showNewMail(browser.notifications, mail, account.email, {
        sound: await this.settings.preference('notifySound'),
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        canSilence: !import.meta.env.FIREFOX,
      });
    } catch (error) {
      console.error('New-mail notification failed', error);
    }
  }

  /** A click on one of our notifications opens the mail tab where it points. */
  async openNotification(id: string): Promise<void> {
    const route = routeOfNotification(id);
    if (!route) return;
    await browser.notifications.clear(id);
    await browser.tabs.create({ url: browser.runtime.getURL(`/mail.html#${route}`) });
  }

  /** The badge at once; the change to the server now (a failure is kept and retried). */
  private afterLocalChange(accountId: string): void {
    void this.updateBadge();
    void this.scheduler.syncOne(accountId).catch(() => undefined);
  }

  /**
   * Every account, even when one fails: the stored emails of all of them change at once, then each
   * enabled account's server (a disabled one's outbox sends its part when it is enabled again). The
   * first failure is reported after the others are done. Returns how many emails changed.
   */
  private async removeKeyword(keyword: string): Promise<number> {
    let count = 0;
    let failure: unknown = null;
    for (const account of await this.db.accounts.toArray()) {
      const handled = await removeKeywordLocally(this.db, account.id, keyword);
      count += handled.length;
      if (account.disabled) continue;
      try {
        count += await removeKeywordOnServer(await this.pool.clientFor(account.id), keyword, new Set(handled));
      } catch (error) {
        failure ??= error;
      }
      this.afterLocalChange(account.id);
    }
    if (failure) throw failure;
    return count;
  }

  private async accountAddress(accountId: string): Promise<string> {
    const account = await this.db.accounts.get(accountId);
    if (!account) throw new JmapError('request', `No account ${accountId}`);
    return account.email;
  }

  /**
   * Our own extension pages may send any request; our content script (a tab, not an extension
   * page) only its own (`openMailto`); other extensions and web pages nothing.
   */
  async handleMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<BackgroundReply> {
    const refused: BackgroundReply = { ok: false, error: { code: 'internal', message: 'Unknown or unauthorised request' } };
    const ours = sender.id === browser.runtime.id;
    const extensionPage = (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
    if (ours && !!sender.tab && !extensionPage) {
      const request = parseContentScriptRequest(message);
      return request ? this.mailto.open(request.url) : refused;
    }
    const ownPage = ours && !sender.tab?.url?.startsWith('http') && extensionPage;
    const request = ownPage ? parseRequest(message) : null;
    if (!request) return refused;
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
      case 'changeThreads': {
        const undo = await changeThreads(this.db, request.accountId, request.threadIds, request.change, request.mailboxId, request.emailIds);
        this.afterLocalChange(request.accountId);
        return { ok: true, undo };
      }
      case 'destroyThreads': {
        const count = await destroyThreads(this.db, request.accountId, request.threadIds, request.mailboxId, Date.now(), request.emailIds);
        this.afterLocalChange(request.accountId);
        return { ok: true, count };
      }
      case 'emptyMailbox': {
        const count = await emptyMailbox(this.db, request.accountId, request.mailboxId);
        this.afterLocalChange(request.accountId);
        return { ok: true, count };
      }
      case 'patchEmails': {
        await recordEmailPatches(this.db, request.accountId, request.patches);
        this.afterLocalChange(request.accountId);
        return { ok: true };
      }
      case 'changeFolder': {
        const mailboxId = await changeFolder(this.db, await this.pool.clientFor(request.accountId), request.accountId, request.change);
        this.afterLocalChange(request.accountId);
        return { ok: true, mailboxId };
      }
      case 'searchServer': {
        const threadIds = await searchServer(this.db, await this.pool.clientFor(request.accountId), request.accountId, request.text, request.mailboxIds);
        return { ok: true, threadIds };
      }
      case 'loadBodies': {
        await loadBodies(this.db, await this.pool.clientFor(request.accountId), request.accountId, request.emailIds);
        return { ok: true };
      }
      case 'removeKeyword':
        return { ok: true, count: await this.removeKeyword(request.keyword) };
      case 'editAccount': {
        await editAccount(this.db, request.accountId, request.edit);
        // The next run connects with the new settings.
        this.scheduler.stopAccount(request.accountId);
        void this.scheduler.syncOne(request.accountId).catch(() => undefined);
        return { ok: true };
      }
      case 'setAccountDisabled': {
        await this.db.accounts.update(request.accountId, { disabled: request.disabled ? 1 : 0 });
        if (request.disabled) this.scheduler.stopAccount(request.accountId);
        else void this.scheduler.syncOne(request.accountId).catch(() => undefined);
        void this.updateBadge();
        return { ok: true };
      }
      case 'removeAccount': {
        this.scheduler.stopAccount(request.accountId);
        await this.scheduler.idle(request.accountId);
        await removeAccountRows(this.db, request.accountId);
        void this.updateBadge();
        return { ok: true };
      }
      case 'fetchAttachment': {
        await fetchAttachment(await this.pool.clientFor(request.accountId), request.accountId, request.blobId, request.mediaType);
        return { ok: true };
      }
      case 'fetchMessageSource':
        return { ok: true, blobId: await fetchMessageSource(this.db, await this.pool.clientFor(request.accountId), request.accountId, request.emailId) };
      case 'getAutoreply': {
        const address = await this.accountAddress(request.accountId);
        const { autoreplies } = await this.settings.settings();
        return { ok: true, autoreply: await readAutoreply(await this.pool.clientFor(request.accountId), autoreplies, address) };
      }
      case 'setAutoreply': {
        const address = await this.accountAddress(request.accountId);
        const { autoreplies } = await this.settings.settings();
        return { ok: true, autoreply: await saveAutoreply(await this.pool.clientFor(request.accountId), autoreplies, address, request.autoreply, request.signature) };
      }
      case 'draftChanged': {
        this.afterLocalChange(request.accountId);
        return { ok: true };
      }
      case 'refreshIdentities': {
        await refreshIdentities(this.db, await this.pool.clientFor(request.accountId), request.accountId);
        return { ok: true };
      }
      case 'setSignature': {
        const account = await this.db.accounts.get(request.accountId);
        if (!account) throw new JmapError('request', `No account ${request.accountId}`);
        const { identityId, html, text, enabled } = request;
        const storedOn = await saveSignature(this.db, () => this.pool.clientFor(account.id), await this.settings.settings(), account, { identityId, html, text, enabled });
        return { ok: true, storedOn };
      }
      case 'dismissFailedChanges': {
        // The user has seen that these were refused (and rolled back); forget them.
        await this.db.pendingMutations.where('status').equals('failed').delete();
        return { ok: true };
      }
    }
  }
}

/** Errors whose code the UI translates (the rest are bugs, shown as "Something went wrong"). */
function isUserFacingError(error: unknown): error is JmapError | AccountInputError | FolderError | AutoreplyError {
  return error instanceof JmapError || error instanceof AccountInputError || error instanceof FolderError || error instanceof AutoreplyError;
}

async function hasHostPermission(url: string): Promise<boolean> {
  const origin = `${new URL(url.replace(/\/\*$/, '/')).origin}/*`;
  try {
    return await browser.permissions.contains({ origins: [origin] });
  } catch {
    return false;
  }
}
