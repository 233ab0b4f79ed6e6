/**
 * The filters a user picks in the list (shown as chips) turned into one ThreadFilter. Dates are
 * the user's local days: "today" starts at local midnight, "last week" is the last seven days
 * including today, a custom period includes both of its days.
 */
import type { ThreadFilter } from './thread-query';

export type FilterChip =
  | { kind: 'unread' }
  | { kind: 'read' }
  | { kind: 'today' }
  | { kind: 'yesterday' }
  | { kind: 'lastWeek' }
  | { kind: 'period'; from: string; to: string } // yyyy-mm-dd, as <input type=date> gives them
  | { kind: 'flagged' }
  | { kind: 'withAttachment' }
  | { kind: 'withCalendar' }
  | { kind: 'from'; value: string }
  | { kind: 'to'; value: string }
  | { kind: 'tag'; keyword: string };

const DATE_KINDS = new Set(['today', 'yesterday', 'lastWeek', 'period']);
/** Chips that cannot stand together: a new one replaces the other of its group. */
const GROUP: Partial<Record<FilterChip['kind'], string>> = { unread: 'seen', read: 'seen', from: 'from', to: 'to', tag: 'tag' };

function groupOf(chip: FilterChip): string {
  return DATE_KINDS.has(chip.kind) ? 'date' : (GROUP[chip.kind] ?? chip.kind);
}

/** The chips after adding one: it replaces a chip of the same group (unread/read, dates…). */
export function withChip(chips: FilterChip[], chip: FilterChip): FilterChip[] {
  return [...chips.filter((c) => groupOf(c) !== groupOf(chip)), chip];
}

function startOfDay(date: Date, offsetDays = 0): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offsetDays).getTime();
}

function localDay(isoDate: string, offsetDays = 0): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y, m - 1, d + offsetDays).getTime();
}

export function chipsToFilter(chips: FilterChip[], now = new Date()): ThreadFilter {
  const filter: ThreadFilter = {};
  for (const chip of chips) {
    switch (chip.kind) {
      case 'unread':
        filter.unread = true;
        break;
      case 'read':
        filter.unread = false;
        break;
      case 'today':
        filter.since = startOfDay(now);
        break;
      case 'yesterday':
        filter.since = startOfDay(now, -1);
        filter.until = startOfDay(now);
        break;
      case 'lastWeek':
        filter.since = startOfDay(now, -6);
        break;
      case 'period':
        if (chip.from) filter.since = localDay(chip.from);
        if (chip.to) filter.until = localDay(chip.to, 1);
        break;
      case 'flagged':
        filter.flagged = true;
        break;
      case 'withAttachment':
        filter.withAttachment = true;
        break;
      case 'withCalendar':
        filter.withCalendar = true;
        break;
      case 'from':
        filter.from = chip.value;
        break;
      case 'to':
        filter.to = chip.value;
        break;
      case 'tag':
        filter.keyword = chip.keyword;
        break;
    }
  }
  return filter;
}
