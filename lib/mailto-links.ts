/**
 * mailto: links clicked in web pages open our compose window (Chrome; Firefox has the manifest's
 * `protocol_handlers` instead, see wxt.config.ts).
 *
 * The content script (entrypoints/mailto-links.content.ts) is registered at runtime, never in the
 * manifest, and only while both hold in this browser:
 *
 *   handleMailto preference on (synced: it may have been turned on in another browser)
 *   AND host access to MAILTO_ORIGINS granted here (asked for on the settings page, a user gesture)
 *
 * `MailtoLinks.update()` re-decides from scratch (one decision at a time, so a preference change
 * and a permission change arriving together cannot register twice); the worker calls it when it
 * wakes, when the preference changes and when permissions are added or removed. A preference that
 * is on without access does nothing here; the settings page says that access must be granted in
 * this browser.
 */
import { browser, type Browser } from 'wxt/browser';
import type { BackgroundReply } from './messages';

/**
 * Where the content script runs: every site. The `loopback` build (tests and demo, see
 * wxt.config.ts) uses the local test server's origin instead: it is granted there at install,
 * because automation cannot click the permission prompt, so the e2e test runs the whole path
 * (settings page request → registration → click → compose window) without a broader grant.
 */
export const MAILTO_ORIGINS: string[] = import.meta.env.MODE === 'loopback' ? ['http://127.0.0.1/*'] : ['<all_urls>'];

export const MAILTO_SCRIPT_ID = 'mailto-links';
/** Where WXT puts entrypoints/mailto-links.content.ts. */
export const MAILTO_SCRIPT_FILE = 'content-scripts/mailto-links.js';
/** Clicks closer together than this open one window (a double click, a page that fires two). */
export const MAILTO_MIN_INTERVAL_MS = 1_000;

/** The mail tab's route for a new message filled from a mailto: URL (see components/route.ts). */
export function mailtoRoute(url: string): string {
  return `/compose/new?mailto=${encodeURIComponent(url)}`;
}

type Scripting = Pick<typeof Browser.scripting, 'getRegisteredContentScripts' | 'registerContentScripts' | 'unregisterContentScripts'>;
type Permissions = Pick<typeof Browser.permissions, 'contains'>;

export interface MailtoDeps {
  /** The handleMailto preference as this browser's settings replica has it now. */
  wanted: () => Promise<boolean>;
  openComposeWindow: (hash: string) => Promise<void>;
  /** Absent in builds without the "scripting" permission (Firefox). */
  scripting?: Scripting;
  permissions?: Permissions;
  now?: () => number;
}

export class MailtoLinks {
  private queue: Promise<void> = Promise.resolve();
  private lastOpened = -Infinity;

  constructor(private readonly deps: MailtoDeps) {}

  /** Registers or unregisters the content script to match the preference and the permission. */
  update(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch((error: unknown) => console.error('Cannot update the mailto: link handler', error));
    return this.queue;
  }

  /** Whether the content script should run here: the preference on and access granted in this browser. */
  async active(): Promise<boolean> {
    const { scripting, permissions } = this.deps;
    if (!scripting || !permissions || !(await this.deps.wanted())) return false;
    return permissions.contains({ origins: MAILTO_ORIGINS }).catch(() => false);
  }

  private async apply(): Promise<void> {
    const { scripting } = this.deps;
    if (!scripting) return;
    const on = await this.active();
    const registered = (await scripting.getRegisteredContentScripts({ ids: [MAILTO_SCRIPT_ID] })).length > 0;
    if (on && !registered) {
      await scripting.registerContentScripts([
        // Every frame, from the start, so a link anywhere is caught before the page's own handlers.
        { id: MAILTO_SCRIPT_ID, js: [MAILTO_SCRIPT_FILE], matches: MAILTO_ORIGINS, allFrames: true, runAt: 'document_start', persistAcrossSessions: true },
      ]);
    } else if (!on && registered) {
      await scripting.unregisterContentScripts({ ids: [MAILTO_SCRIPT_ID] });
    }
  }

  /**
   * A link the content script caught (already validated: a mailto: URL of bounded length). A page
   * that still has the script after the preference went off gets a refusal, and the script then
   * lets the browser open the link as it would have without us.
   */
  async open(url: string): Promise<BackgroundReply> {
    if (!(await this.active())) return { ok: false, error: { code: 'mailtoOff', message: 'mailto: links are not handled here' } };
    const now = (this.deps.now ?? Date.now)();
    if (now - this.lastOpened >= MAILTO_MIN_INTERVAL_MS) {
      this.lastOpened = now;
      await this.deps.openComposeWindow(mailtoRoute(url));
    }
    return { ok: true };
  }
}

/** The browser's APIs, where this build has them. */
export function browserMailtoApis(): Pick<MailtoDeps, 'scripting' | 'permissions'> {
  return { scripting: import.meta.env.FIREFOX ? undefined : browser.scripting, permissions: browser.permissions };
}
