/**
 * The recipient field's text rules, pure so they are tested without a DOM: what a typed or
 * pasted text becomes, what a chip shows and copies, and how a list changes without duplicates.
 */
import type { EmailAddress } from '@/lib/jmap/types';
import { addressKey, formatAddress, isValidEmail, parseAddress, splitTopLevel } from '@/lib/mime/addresses';

/** The chip's text: the name when there is one. */
export const chipLabel = (address: EmailAddress): string => address.name?.trim() || address.email;

export const chipValid = (address: EmailAddress): boolean => isValidEmail(address.email);

/** Selected chips as text for the clipboard: `Name <email>, …`, which a paste reads back. */
export const chipsText = (addresses: EmailAddress[]): string => addresses.map(formatAddress).join(', ');

/** Addresses written in a text (typed, pasted or an edited chip), one per non-empty piece. */
export function addressesFromText(text: string): EmailAddress[] {
  return splitTopLevel(text)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .map((piece) => {
      const { name, email } = parseAddress(piece);
      return { name: name ?? '', email };
    });
}

/**
 * What is typed, split at the last separator outside quotes and angle brackets: the pieces before
 * it are finished (they become chips), the rest is still being typed. A comma inside
 * `"Last, First"` therefore does not cut the name.
 */
export function typedPieces(text: string): { complete: string[]; rest: string } {
  const pieces = splitTopLevel(text);
  const rest = pieces.pop() ?? '';
  return { complete: pieces.map((p) => p.trim()).filter(Boolean), rest: rest.trimStart() };
}

/**
 * `current` with `added` inserted at `at` (the end by default); an address already in the list,
 * or twice in `added`, is kept once, where it already was.
 */
export function insertAddresses(current: EmailAddress[], added: EmailAddress[], at = current.length): EmailAddress[] {
  const seen = new Set(current.map((a) => addressKey(a.email)));
  const fresh: EmailAddress[] = [];
  for (const address of added) {
    const key = addressKey(address.email);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    fresh.push({ name: address.name ?? '', email: address.email.trim() });
  }
  const position = Math.max(0, Math.min(at, current.length));
  return [...current.slice(0, position), ...fresh, ...current.slice(position)];
}

/** The list without the chips at `indices`. */
export const withoutIndices = (current: EmailAddress[], indices: Iterable<number>): EmailAddress[] => {
  const drop = new Set(indices);
  return current.filter((_, i) => !drop.has(i));
};

/** The text that turns a chip back into an editable address. */
export const editText = (address: EmailAddress): string => formatAddress(address);

/** A plain copy, detached from any reactive proxy or frozen store object, for undo snapshots. */
export const copyAddresses = (addresses: EmailAddress[]): EmailAddress[] => addresses.map(({ name, email }) => ({ name, email }));
