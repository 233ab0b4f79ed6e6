/**
 * The server's half of search, as state for a list: when the search text rests for a moment, each
 * account of the list asks its server (lib/sync/search.ts stores what it finds), and the rows of
 * the threads found are read from the store, live.
 */
import { getDb } from '@/lib/store/db';
import type { ThreadMailboxRow } from '@/lib/store/rows';
import type { ListedMailbox } from '@/lib/store/thread-query';
import { errorText } from '@/lib/i18n/t';
import { request } from './background';
import { live } from './live.svelte';

const DEBOUNCE_MS = 350;

export interface ServerSearch {
  readonly rows: ThreadMailboxRow[];
  readonly state: 'idle' | 'searching' | 'done';
  readonly error: string | null;
}

export function useServerSearch(query: () => { text: string; mailboxes: ListedMailbox[] } | null): ServerSearch {
  let keys = $state.raw<Array<[string, string, string]>>([]);
  let state = $state<ServerSearch['state']>('idle');
  let error = $state<string | null>(null);
  $effect(() => {
    const current = query();
    keys = [];
    error = null;
    state = 'idle';
    if (!current) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      state = 'searching';
      const byAccount = Map.groupBy(current.mailboxes, (m) => m.accountId);
      const found: Array<[string, string, string]> = [];
      for (const [accountId, listed] of byAccount) {
        const reply = await request({ type: 'searchServer', accountId, text: current.text, mailboxIds: listed.map((m) => m.mailboxId) });
        if (cancelled) return;
        if (!reply.ok) error = errorText(reply.error.code);
        else for (const threadId of reply.threadIds ?? []) for (const m of listed) found.push([accountId, m.mailboxId, threadId]);
      }
      keys = found;
      state = 'done';
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  });
  const rows = live(
    () => keys,
    async (k) => (await getDb().threadMailboxes.bulkGet(k)).filter((r): r is ThreadMailboxRow => !!r),
    [] as ThreadMailboxRow[],
  );
  return {
    get rows() {
      return rows.value;
    },
    get state() {
      return state;
    },
    get error() {
      return error;
    },
  };
}
