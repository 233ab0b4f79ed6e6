/** Opening settings replicas in unit tests (fake-indexeddb), closed after each test. */
import { afterEach, expect } from 'vitest';
import { openLocalSettings, type LocalSettings } from '@/lib/settings/local';

const opened: LocalSettings[] = [];
let dbCount = 0;

/** A database name no other test uses. */
export const freshName = (prefix: string) => `${prefix}-${dbCount++}`;

export async function open(name: string): Promise<LocalSettings> {
  const local = await openLocalSettings(name);
  opened.push(local);
  return local;
}

/** Closes a replica before the test ends (it is then not closed again). */
export async function close(local: LocalSettings): Promise<void> {
  await local.close();
  opened.splice(opened.indexOf(local), 1);
}

/** Resolves once `check` holds: relayed changes arrive on a later task, not synchronously. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((local) => local.close()));
});
