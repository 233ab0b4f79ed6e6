/**
 * The synced settings of one user, as typed accessors over one Yjs document (no Yjs type reaches
 * callers). What it holds follows the user across browsers, so it never holds credentials or
 * message content: preferences, tags, senders whose remote images load, and signatures for
 * servers that cannot store them (Cyrus has no Identity/set).
 *
 * Document layout (root maps):
 *   preferences     key → JSON value            (lib/settings/preferences.ts)
 *   tags            keyword → Y.Map {name, colour, order}   (lib/settings/tags.ts)
 *   trustedSenders  "alice@example.org" | "@example.org" → true
 *   signatures      "<account address> <identity id>" → {html, enabled}
 *   autoreplies     "<account address>" → our copy of its autoreply   (lib/settings/autoreplies.ts)
 */
import * as Y from 'yjs';
import { Autoreplies, type SavedAutoreply } from './autoreplies';
import { isValidPreference, PREFERENCE_DEFAULTS, PREFERENCE_KEYS, type Preferences } from './preferences';
import { SettingsInputError, Tags, type Tag } from './tags';

export interface Signature {
  html: string;
  /** "Use signature": off keeps the text for later without adding it to mail. */
  enabled: boolean;
}

/** Everything in the document as plain data: for views, and to compare replicas in tests. */
export interface SettingsSnapshot {
  preferences: Preferences;
  tags: Tag[];
  trustedSenders: string[];
  signatures: Record<string, Signature>;
  /** By account address. */
  autoreplies: Record<string, SavedAutoreply>;
}

/** A signature belongs to an identity of an account, named the same way in every browser. */
export function signatureKey(accountAddress: string, identityId: string): string {
  return `${accountAddress.toLowerCase()} ${identityId}`;
}

/** A trusted sender is an address, or `@domain` for everyone at that domain. */
function normalizedSender(entry: string): string {
  const value = entry.trim().toLowerCase();
  if (!/^[^\s@]*@[^\s@]+\.[^\s@]+$/.test(value)) throw new SettingsInputError('invalidAddress', `Not an address or @domain: ${entry}`);
  return value;
}

function isSignature(value: unknown): value is Signature {
  const candidate = value as Partial<Signature> | null;
  return !!candidate && typeof candidate.html === 'string' && typeof candidate.enabled === 'boolean';
}

export class Settings {
  readonly tags: Tags;
  readonly autoreplies: Autoreplies;
  private readonly preferenceMap: Y.Map<unknown>;
  private readonly senderMap: Y.Map<true>;
  private readonly signatureMap: Y.Map<unknown>;

  constructor(private readonly doc: Y.Doc) {
    this.preferenceMap = doc.getMap('preferences');
    this.senderMap = doc.getMap('trustedSenders');
    this.signatureMap = doc.getMap('signatures');
    this.tags = new Tags(doc, doc.getMap('tags'));
    this.autoreplies = new Autoreplies(doc.getMap('autoreplies'));
  }

  preference<K extends keyof Preferences>(key: K): Preferences[K] {
    const value = this.preferenceMap.get(key);
    return isValidPreference(key, value) ? value : PREFERENCE_DEFAULTS[key];
  }

  preferences(): Preferences {
    return Object.fromEntries(PREFERENCE_KEYS.map((key) => [key, this.preference(key)])) as unknown as Preferences;
  }

  setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
    if (!isValidPreference(key, value)) throw new TypeError(`Invalid value for ${key}: ${String(value)}`);
    // Rewriting an unchanged value would still grow the document and sync a message.
    if (this.preferenceMap.get(key) !== value) this.preferenceMap.set(key, value);
  }

  trustedSenders(): string[] {
    return [...this.senderMap.keys()].sort();
  }

  /** Whether remote images of mail from `address` load: always, or for it or its domain. */
  showsImagesFrom(address: string): boolean {
    if (this.preference('alwaysShowImages')) return true;
    const lower = address.trim().toLowerCase();
    return this.senderMap.has(lower) || this.senderMap.has(lower.slice(lower.lastIndexOf('@')));
  }

  trustSender(addressOrDomain: string): void {
    const key = normalizedSender(addressOrDomain);
    if (!this.senderMap.has(key)) this.senderMap.set(key, true);
  }

  untrustSender(addressOrDomain: string): void {
    this.senderMap.delete(normalizedSender(addressOrDomain));
  }

  signature(key: string): Signature | null {
    const value = this.signatureMap.get(key);
    return isSignature(value) ? value : null;
  }

  setSignature(key: string, signature: Signature): void {
    this.signatureMap.set(key, { html: signature.html, enabled: signature.enabled });
  }

  removeSignature(key: string): void {
    this.signatureMap.delete(key);
  }

  read(): SettingsSnapshot {
    const signatures: Record<string, Signature> = {};
    for (const key of [...this.signatureMap.keys()].sort()) {
      const signature = this.signature(key);
      if (signature) signatures[key] = signature;
    }
    return { preferences: this.preferences(), tags: this.tags.list(), trustedSenders: this.trustedSenders(), signatures, autoreplies: this.autoreplies.all() };
  }

  /** Calls `listener` after every change, local or from another context or browser. */
  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('update', handler);
    return () => this.doc.off('update', handler);
  }
}
