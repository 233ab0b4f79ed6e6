/**
 * The in-memory search index of a list (lib/store/search-index.ts) as state. Built a second after
 * the list is shown (the first rows are painted by then), so that search and the From / To
 * filters answer from memory at once. When the store changes under the listed folders it is
 * rebuilt if in use (at most one build at a time, the next one 2 s after the last, so a running
 * sync does not keep a core busy), else marked stale and rebuilt when next used; meanwhile the
 * old one still answers (its candidates are re-read and re-tested).
 */
import Dexie from 'dexie';
import { untrack } from 'svelte';
import { getDb } from '@/lib/store/db';
import { SearchIndex } from '@/lib/store/search-index';
import type { ListedMailbox } from '@/lib/store/thread-query';
import { live } from './live.svelte';

const FIRST_BUILD_DELAY_MS = 1000;
const REBUILD_DELAY_MS = 2000;

export function useSearchIndex(listed: () => ListedMailbox[], active: () => boolean): { readonly index: SearchIndex | null } {
  const db = getDb();
  let index = $state.raw<SearchIndex | null>(null);
  let stale = $state(false);
  // The listed folders by content: a parent that hands a new but equal array changes nothing.
  const key = $derived(JSON.stringify(listed()));
  // Re-run by the store on every change to the listed folders' rows; counts the runs per list.
  let runs = 0;
  // Watched only once there is an index to keep: counting a big folder's rows must not compete
  // with painting its first rows.
  const hasIndex = $derived(index !== null);
  const changes = live(
    () => (hasIndex ? key : null),
    async (listedKey) => {
      if (!listedKey) return { listedKey: '', run: 0 };
      const mailboxes = JSON.parse(listedKey) as ListedMailbox[];
      await Promise.all(mailboxes.map((m) => db.threadMailboxes.where('[accountId+mailboxId+threadId]').between([m.accountId, m.mailboxId, Dexie.minKey], [m.accountId, m.mailboxId, Dexie.maxKey]).count()));
      return { listedKey, run: ++runs };
    },
    { listedKey: '', run: 0 },
  );
  let firstRun = new Map<string, number>();

  let building: AbortController | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function build(mailboxes: ListedMailbox[]): void {
    if (building) {
      again = true;
      return;
    }
    const controller = new AbortController();
    building = controller;
    stale = false;
    SearchIndex.build(db, mailboxes, controller.signal).then(
      (built) => {
        if (building !== controller) return;
        building = null;
        index = built;
        if (again) {
          again = false;
          timer = setTimeout(() => build(mailboxes), REBUILD_DELAY_MS);
        }
      },
      () => {
        if (building === controller) building = null;
      },
    );
  }

  // A new list: a new index, a moment after its first rows.
  $effect(() => {
    void key;
    const mailboxes = untrack(listed);
    index = null;
    const first = setTimeout(() => build(mailboxes), FIRST_BUILD_DELAY_MS);
    return () => {
      clearTimeout(first);
      clearTimeout(timer);
      building?.abort();
      building = null;
      again = false;
    };
  });
  // The store changed under the list (its first run only reports the initial state).
  $effect(() => {
    const { listedKey, run } = changes.value;
    if (!firstRun.has(listedKey)) firstRun = new Map([[listedKey, run]]);
    if (run === firstRun.get(listedKey) || !untrack(() => index)) return;
    if (untrack(active)) build(untrack(listed));
    else stale = true;
  });
  $effect(() => {
    if (active() && stale) build(untrack(listed));
  });

  return {
    get index() {
      return index;
    },
  };
}
