/**
 * JMAP patch paths on EmailRow ("keywords/$seen", "mailboxIds/<id>"), applied locally for the
 * optimistic overlay and sent unchanged to the server (RFC 8620 §5.3 PatchObject).
 */
import type { EmailRow } from './rows';

export type EmailPatch = Record<string, true | null>;

type PatchableField = 'keywords' | 'mailboxIds';

function split(path: string): [PatchableField, string] {
  const slash = path.indexOf('/');
  const field = path.slice(0, slash);
  if (field !== 'keywords' && field !== 'mailboxIds') throw new Error(`Unsupported patch path ${path}`);
  // JSON Pointer escaping (RFC 6901): "~1" is "/", "~0" is "~".
  return [field, path.slice(slash + 1).replace(/~1/g, '/').replace(/~0/g, '~')];
}

/** The current value of a path on a row: true or null (absent). */
export function valueAt(row: EmailRow, path: string): true | null {
  const [field, key] = split(path);
  return row[field][key] ? true : null;
}

export function applyPatch(row: EmailRow, patch: EmailPatch): EmailRow {
  const next: EmailRow = { ...row, keywords: { ...row.keywords }, mailboxIds: { ...row.mailboxIds } };
  for (const [path, value] of Object.entries(patch)) {
    const [field, key] = split(path);
    if (value) next[field][key] = true;
    else delete next[field][key];
  }
  return next;
}
