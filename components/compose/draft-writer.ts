/**
 * The composer's writes, in order: changes are gathered for a moment (typing produces many),
 * written to the store (lib/store/drafts.ts), and the background is told once the user pauses,
 * so that it saves the draft to the server. Images in the body become the draft's inline files
 * here (inline-images.ts). `flush()` writes what is pending at once: before Send, on close, and
 * when the page is hidden.
 */
import type { MailDB } from '@/lib/store/db';
import { addDraftFile, removeDraftFile, SAVE_AFTER_IDLE_MS, updateDraft, type DraftContent } from '@/lib/store/drafts';
import { extractInlineImages, referencedCids } from './inline-images';

const WRITE_AFTER_MS = 250;

export class DraftWriter {
  private pending: Partial<DraftContent> = {};
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: MailDB,
    private readonly draftId: string,
    /** Tells the background a draft changed (it saves it when due). */
    private readonly notify: () => void,
    private readonly onerror: (error: unknown) => void,
  ) {}

  change(change: Partial<DraftContent>): void {
    this.pending = { ...this.pending, ...change };
    clearTimeout(this.writeTimer);
    this.writeTimer = setTimeout(() => void this.flush(), WRITE_AFTER_MS);
  }

  /** Writes what is pending; resolves when every earlier write is done too. */
  flush(): Promise<void> {
    clearTimeout(this.writeTimer);
    const change = this.pending;
    this.pending = {};
    if (Object.keys(change).length) {
      this.chain = this.chain.then(() => this.write(change)).catch(this.onerror);
      clearTimeout(this.notifyTimer);
      this.notifyTimer = setTimeout(this.notify, SAVE_AFTER_IDLE_MS + 100);
    }
    return this.chain;
  }

  /** Written now and the background told now (closing, sending). */
  async finish(): Promise<void> {
    await this.flush();
    clearTimeout(this.notifyTimer);
    this.notify();
  }

  private async write(change: Partial<DraftContent>): Promise<void> {
    if (typeof change.html === 'string') change = { ...change, html: await this.inlineImages(change.html) };
    await updateDraft(this.db, this.draftId, change);
  }

  /** data: images → cid: references, each picture a file of the draft once; files of removed pictures go. */
  private async inlineImages(html: string): Promise<string> {
    const { html: withCids, images } = await extractInlineImages(html);
    const draft = await this.db.drafts.get(this.draftId);
    if (!draft) return withCids;
    const present = new Set(draft.attachments.filter((a) => a.cid).map((a) => a.cid));
    for (const image of images) if (!present.has(image.cid)) await addDraftFile(this.db, this.draftId, image.data, image.name, image.cid);
    const used = referencedCids(withCids);
    for (const attachment of draft.attachments) if (attachment.cid && !used.has(attachment.cid)) await removeDraftFile(this.db, this.draftId, attachment.id);
    return withCids;
  }
}
