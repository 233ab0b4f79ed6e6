/**
 * The in-memory search index of a list (lib/store/search-index.ts) as state: built when the user
 * starts searching, rebuilt after the store changes under the listed folders (at most one build
 * at a time, the next one 2 s after the last, so a running sync does not keep a core busy), and
 * dropped when the search ends.
 */
import Dexie from 'dexie';
import { getDb } from '@/lib/store/db';
import { SearchIndex } from '@/lib/store/search-index';
import type { ListedMailbox } from '@/lib/store/thread-query';
import { live } from './live.svelte';

const REBUILD_DELAY_MS = 2000;

export function useSearchIndex(wanted: () => ListedMailbox[] | null): { readonly index: SearchIndex | null } {
  const db = getDb();
  let index = $state.raw<SearchIndex | null>(null);
  // Re-run by the store on every change to the listed folders' rows; counts the runs.
  let runs = 0;
  const changes = live(
    () => wanted(),
    async (listed) => {
      if (!listed) return runs;
      await Promise.all(listed.map((m) => db.threadMailboxes.where('[accountId+mailboxId+threadId]').between([m.accountId, m.mailboxId, Dexie.minKey], [m.accountId, m.mailboxId, Dexie.maxKey]).count()));
      return ++runs;
    },
    0,
  );

  let building: AbortController | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function build(listed: ListedMailbox[]): void {
    if (building) {
      again = true;
      return;
    }
    const controller = new AbortController();
    building = controller;
    SearchIndex.build(db, listed, controller.signal).then(
      (built) => {
        if (building !== controller) return;
        building = null;
        index = built;
        if (again) {
          again = false;
          timer = setTimeout(() => build(listed), REBUILD_DELAY_MS);
        }
      },
      () => {
        if (building === controller) building = null;
      },
    );
  }

  $effect(() => {
    const listed = wanted();
    void changes.value;
    if (listed) build(listed);
    return () => {
      // Another list, or the search ended: what was built or building is for something else.
      if (JSON.stringify(wanted()) !== JSON.stringify(listed)) {
        building?.abort();
        building = null;
        again = false;
        clearTimeout(timer);
        index = null;
      }
    };
  });

  return {
    get index() {
      return index;
    },
  };
}
