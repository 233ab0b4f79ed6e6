import { describe, expect, it } from 'vitest';
import { chipsToFilter, withChip, type FilterChip } from '@/lib/store/thread-filters';

// Noon on Thursday 2026-11-26, local time.
const now = new Date(2026, 10, 26, 12, 0);
const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

describe('filter chips', () => {
  it.each<[FilterChip, object]>([
    [{ kind: 'today' }, { since: local(2026, 11, 26) }],
    [{ kind: 'yesterday' }, { since: local(2026, 11, 25), until: local(2026, 11, 26) }],
    [{ kind: 'lastWeek' }, { since: local(2026, 11, 20) }],
    [{ kind: 'period', from: '2026-10-30', to: '2026-11-02' }, { since: local(2026, 10, 30), until: local(2026, 11, 3) }],
    [{ kind: 'from', value: 'ann' }, { from: 'ann' }],
    [{ kind: 'tag', keyword: '$label1' }, { keyword: '$label1' }],
    [{ kind: 'withCalendar' }, { withCalendar: true }],
  ])('%j is a filter on local days and fields', (chip, filter) => {
    expect(chipsToFilter([chip], now)).toEqual(filter);
  });

  it('combine, and a chip replaces the other of its group (read/unread, dates)', () => {
    let chips: FilterChip[] = [];
    chips = withChip(chips, { kind: 'unread' });
    chips = withChip(chips, { kind: 'today' });
    chips = withChip(chips, { kind: 'flagged' });
    chips = withChip(chips, { kind: 'read' });
    chips = withChip(chips, { kind: 'yesterday' });
    chips = withChip(chips, { kind: 'withCalendar' });
    chips = withChip(chips, { kind: 'withAttachment' });
    expect(chips.map((c) => c.kind)).toEqual(['flagged', 'read', 'yesterday', 'withCalendar', 'withAttachment']);
    expect(chipsToFilter(chips, now)).toEqual({ flagged: true, unread: false, since: local(2026, 11, 25), until: local(2026, 11, 26), withCalendar: true, withAttachment: true });
  });
});
