/**
 * Starting a message: a new one, a reply (to the sender, to all, "write to sender") or a forward.
 * Builds the draft row from the stored original (lib/mime does the rules: subjects, recipients,
 * threading headers, quoting) and writes it, so the composer always opens an existing draft.
 * The quoted original is sanitised like the reader shows it, with remote images left out.
 */
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/t';
import type { EmailAddress } from '@/lib/jmap/types';
import { textToHtml } from '@/lib/mime/delta-to-text';
import { escapeHtml } from '@/lib/mime/escape';
import type { MailtoFields } from '@/lib/mime/mailto';
import { newMessageId, replyThreading } from '@/lib/mime/message-ids';
import { attributionParts, formatQuoteDate, forwardHeaderHtml, forwardHeaderText, quoteHtml, quoteText } from '@/lib/mime/quote';
import { replyRecipients, type ReplyMode } from '@/lib/mime/reply-recipients';
import { forwardSubject, replySubject } from '@/lib/mime/reply-subject';
import { SIGNATURE_SEPARATOR_HTML } from '@/lib/mime/signature';
import { sanitiseMessage } from '@/lib/security/sanitise';
import { cleanSignature, signatureText } from '@/lib/security/signature';
import { signatureKey, type SettingsSnapshot, type Signature } from '@/lib/settings/settings';
import type { MailDB } from '@/lib/store/db';
import { createDraft, type NewDraft } from '@/lib/store/drafts';
import { isTagKeyword } from '@/lib/store/threads';
import type { AccountRow, BodyRow, DraftAttachment, EmailRow } from '@/lib/store/rows';
import { request } from '../background';
import { serverSignature } from '../settings/signature-entries';

export type ComposeKind = 'new' | ReplyMode | 'forward';

export interface Sender {
  accountId: string;
  identityId: string | null;
  from: EmailAddress;
}

/** The From choices: each enabled account's identities, or the account's own address when none are known. */
export async function senders(db: MailDB): Promise<Sender[]> {
  const accounts = (await db.accounts.toArray()).filter((a) => !a.disabled);
  const result: Sender[] = [];
  for (const account of accounts) {
    const identities = await db.identities.where('accountId').equals(account.id).toArray();
    // An account named after its address has no display name to put in From.
    const accountName = account.name === account.email ? '' : account.name;
    if (!identities.length) result.push({ accountId: account.id, identityId: null, from: { name: accountName, email: account.email } });
    for (const identity of identities) result.push({ accountId: account.id, identityId: identity.id, from: { name: identity.name || accountName, email: identity.email || account.email } });
  }
  return result;
}

/** The account's own sender (its address), else the default sender's, else the first. */
export function pickSender(all: Sender[], accounts: AccountRow[], accountId: string | null, defaultSender: string | null): Sender | null {
  const byAccount = (id: string) => {
    const email = accounts.find((a) => a.id === id)?.email.toLowerCase();
    return all.find((s) => s.accountId === id && s.from.email.toLowerCase() === email) ?? all.find((s) => s.accountId === id);
  };
  if (accountId) return byAccount(accountId) ?? null;
  const preferred = defaultSender && accounts.find((a) => a.email.toLowerCase() === defaultSender.toLowerCase() && !a.disabled);
  return (preferred ? byAccount(preferred.id) : null) ?? all[0] ?? null;
}

/**
 * The signature a new message from this sender starts with, as editor HTML, or '' (none, or turned
 * off). The settings document's copy wins (it has "Use signature" and is written by every save on
 * the Signatures page); `server`, the identity's own signature (sanitised), counts only without one.
 */
export function signatureFor(snapshot: Pick<SettingsSnapshot, 'signatures'>, accountEmail: string, identityId: string | null, server: Signature | null = null): string {
  const signature = snapshot.signatures[signatureKey(accountEmail, identityId ?? accountEmail)] ?? server;
  return signature?.enabled && signature.html.trim() ? `${SIGNATURE_SEPARATOR_HTML}${signature.html}` : '';
}

/** The identity's signature on the server (set by another mail app), sanitised, or null. */
async function serverSignatureOf(db: MailDB, sender: Sender): Promise<Signature | null> {
  const identity = sender.identityId ? await db.identities.get([sender.accountId, sender.identityId]) : undefined;
  const signature = identity ? serverSignature(identity) : null;
  return signature && { ...signature, html: cleanSignature(signature.html) };
}

function quotedHtml(body: Partial<BodyRow> | undefined): string {
  return sanitiseMessage({ html: body?.html ?? null, text: body?.text ?? '' }, { allowRemoteImages: false, inlineParts: new Map() }).html;
}

/** The original's text part, or the text of its HTML when it has none. */
function quotedText(body: Partial<BodyRow> | undefined): string {
  if (body?.text) return body.text;
  return new DOMParser().parseFromString(body?.html ?? '', 'text/html').body.textContent?.trim() ?? '';
}

/** The original's body, fetched first if it is not stored yet (a reply needs its text). */
async function bodyOf(db: MailDB, email: EmailRow): Promise<BodyRow | undefined> {
  const key: [string, string] = [email.accountId, email.id];
  if (!(await db.bodies.get(key))?.attachments) {
    const reply = await request({ type: 'loadBodies', accountId: email.accountId, emailIds: [email.id] });
    if (!reply.ok) throw reply.error;
  }
  return db.bodies.get(key);
}

/**
 * A draft saved on the server (by us in another browser, or by another client) opened to go on:
 * the local draft that saved it if there is one, else a new local draft that replaces it.
 */
export async function resumeServerDraft(db: MailDB, email: EmailRow): Promise<string> {
  const local = await db.drafts.where('accountId').equals(email.accountId).filter((d) => d.serverEmailId === email.id).first();
  if (local) return local.id;
  const body = await bodyOf(db, email);
  const account = await db.accounts.get(email.accountId);
  const from = email.from?.[0] ?? { name: account?.name ?? '', email: account?.email ?? '' };
  const identity = await db.identities.where('accountId').equals(email.accountId).filter((i) => i.email.toLowerCase() === from.email.toLowerCase()).first();
  const html = body?.html ? sanitiseMessage({ html: body.html, text: null }, { allowRemoteImages: true, inlineParts: new Map() }).html : null;
  return (
    await createDraft(db, {
      accountId: email.accountId,
      identityId: identity?.id ?? null,
      from,
      to: email.to ?? [],
      cc: email.cc ?? [],
      bcc: body?.bcc ?? [],
      subject: email.subject,
      html: html ?? (body?.text ? null : '<p><br></p>'),
      text: body?.text ?? '',
      quote: null,
      keywords: Object.keys(email.keywords).filter((k) => email.keywords[k] && isTagKeyword(k)),
      messageId: email.messageId?.[0] ?? newMessageId(from.email),
      inReplyTo: email.inReplyTo,
      references: body?.references ?? null,
      attachments: (body?.attachments ?? []).map((a) => ({ id: crypto.randomUUID(), name: a.name ?? t('compose_unnamedFile'), type: a.type, size: a.size, blobId: a.blobId, cid: a.cid })),
      serverEmailId: email.id,
    })
  ).id;
}

const locale = () => browser.i18n.getUILanguage();

export interface StartOptions {
  kind: ComposeKind;
  /** The original of a reply or forward. */
  email?: EmailRow;
  /** The account to send from (a new message from an account's folder). */
  accountId?: string | null;
  /** A new message's recipients, subject and plain-text body (from a mailto: link). */
  prefill?: MailtoFields | null;
  snapshot: SettingsSnapshot;
}

/** A new message with a mailto: link's fields; the link's body goes above the signature, as if typed. */
function prefilled(base: NewDraft, fields: MailtoFields, signature: string): NewDraft {
  const { to, cc, bcc, subject, body } = fields;
  if (!body) return { ...base, to, cc, bcc, subject };
  return {
    ...base,
    to,
    cc,
    bcc,
    subject,
    html: `${textToHtml(body)}${signature}`,
    text: signature ? `${body}\n\n${signatureText(signature)}` : body,
  };
}

/** Writes the new draft and returns its id. */
export async function startDraft(db: MailDB, options: StartOptions): Promise<string> {
  const all = await senders(db);
  const accounts = await db.accounts.toArray();
  const sender = pickSender(all, accounts, options.email?.accountId ?? options.accountId ?? null, options.snapshot.preferences.defaultSender);
  if (!sender) throw { code: 'noAccount', message: t('compose_noAccount') };
  const accountEmail = accounts.find((a) => a.id === sender.accountId)!.email;
  const signature = signatureFor(options.snapshot, accountEmail, sender.identityId, await serverSignatureOf(db, sender));
  const base: NewDraft = {
    accountId: sender.accountId,
    identityId: sender.identityId,
    from: sender.from,
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    html: `<p><br></p>${signature}`,
    // The plain-text part until the body is edited (the editor then writes both).
    text: signature ? `\n\n${signatureText(signature)}` : '',
    quote: null,
    keywords: [],
    messageId: newMessageId(sender.from.email),
  };
  const original = options.email;
  if (!original || options.kind === 'new') return (await createDraft(db, options.prefill ? prefilled(base, options.prefill, signature) : base)).id;

  // A forward needs the original's files; a reply can quote the preview when the text cannot be
  // fetched (offline, never opened).
  const body: Partial<BodyRow> | undefined = options.kind === 'forward' ? await bodyOf(db, original) : await bodyOf(db, original).catch(() => ({ text: original.preview, html: null }));
  if (options.kind === 'forward') {
    const fields = { from: original.from, date: formatQuoteDate(original.sentAt ?? original.receivedAt, locale()), subject: original.subject, to: original.to, cc: original.cc };
    const labels = { title: t('compose_forwardedMessage'), from: t('compose_from'), date: t('compose_date'), subject: t('compose_subject'), to: t('compose_to'), cc: t('compose_cc') };
    const attachments: DraftAttachment[] = (body?.attachments ?? [])
      .filter((a) => !a.cid || a.disposition === 'attachment')
      .map((a) => ({ id: crypto.randomUUID(), name: a.name ?? t('compose_unnamedFile'), type: a.type, size: a.size, blobId: a.blobId, cid: null }));
    return (
      await createDraft(db, {
        ...base,
        subject: forwardSubject(original.subject),
        quote: { html: `${forwardHeaderHtml(fields, labels)}${quotedHtml(body)}`, text: `${forwardHeaderText(fields, labels)}\n\n${quotedText(body)}` },
        attachments,
        source: { emailId: original.id, kind: 'forward' },
      })
    ).id;
  }
  const own = [...accounts.map((a) => a.email), ...all.map((s) => s.from.email)];
  const { to, cc } = replyRecipients({ from: original.from, to: original.to, cc: original.cc, replyTo: body?.replyTo ?? null }, own, options.kind);
  const { date, sender: who } = attributionParts(original.sentAt ?? original.receivedAt, original.from?.[0] ?? null, locale());
  const attribution = who ? t('compose_attribution', date, who) : t('compose_attributionNoSender', date);
  return (
    await createDraft(db, {
      ...base,
      to,
      cc,
      subject: replySubject(original.subject),
      quote: { html: quoteHtml(quotedHtml(body), escapeHtml(attribution)), text: `${attribution}\n${quoteText(quotedText(body))}` },
      ...replyThreading({ messageId: original.messageId, inReplyTo: original.inReplyTo, references: body?.references ?? null }),
      source: { emailId: original.id, kind: 'reply' },
    })
  ).id;
}
