/**
 * The one decision about every resource a message references: load it, or block it and count it.
 * Only images may ever load from a server, and only when the user allowed them; cid: parts load
 * from the URL the caller resolved them to; everything else stays unloaded.
 */
import { absoluteRemote, contentId, urlKind } from './urls';

export interface ResourcePolicy {
  /** The user chose "Show images" for this message or trusts its sender. */
  readonly allowRemoteImages: boolean;
  /** Content id → a URL the page made for that part (blob: or data:). */
  readonly inlineParts: ReadonlyMap<string, string>;
}

/** Remote loads that were blocked: images would load after "Show images", other never. */
export interface BlockedCount {
  images: number;
  other: number;
}

/** The URL an image reference may load from, or null when it must not load. */
export function imageSource(raw: string, policy: ResourcePolicy, blocked: BlockedCount): string | null {
  switch (urlKind(raw)) {
    case 'remote':
      if (policy.allowRemoteImages) return absoluteRemote(raw);
      blocked.images++;
      return null;
    case 'cid':
      return policy.inlineParts.get(contentId(raw)) ?? null;
    case 'data-image':
      return raw.trim();
    default:
      return null;
  }
}

/** For references that never load (fonts, stylesheets, media, frames): counts the remote ones. */
export function blockResource(raw: string, blocked: BlockedCount): void {
  if (urlKind(raw) === 'remote') blocked.other++;
}
