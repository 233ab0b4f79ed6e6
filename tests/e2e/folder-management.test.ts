/** The user's own folders: create, nest, rename, move, delete, checked on the server over JMAP. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;

const onServer = async (name: string) => (await server.call<{ list: Array<{ id: string; name: string; parentId: string | null }> }>('Mailbox/get', { ids: null })).list.find((m) => m.name === name);
const folderNames = () => page.locator('.folders a .name').allTextContents();

async function folderMenu(name: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for the folder ${name}` }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function fillDialog(fields: { name?: string; parent?: string }): Promise<void> {
  const dialog = page.getByRole('dialog');
  if (fields.name !== undefined) await dialog.getByLabel('Folder name').fill(fields.name);
  if (fields.parent !== undefined) await dialog.getByLabel('Inside').selectOption({ label: fields.parent });
  await dialog.getByRole('button', { name: 'Save' }).click();
}

beforeAll(async () => {
  user = await freshUser('fold');
  server = await ServerAccount.open(user);
  ({ browser, page } = await openWithAccount(user));
});

afterAll(async () => {
  await browser?.close();
});

it('creates a folder and a subfolder inside it', async () => {
  await page.getByRole('button', { name: 'New folder' }).click();
  await fillDialog({ name: 'Clients' });
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await expect.poll(folderNames).toContain('Clients');
  await folderMenu('Clients', 'New subfolder');
  await fillDialog({ name: 'Акме' });
  await expect.poll(folderNames).toContain('Акме');
  const [clients, acme] = [await onServer('Clients'), await onServer('Акме')];
  expect(acme?.parentId).toBe(clients!.id);
});

it('says why a name cannot be used, and keeps what was typed', async () => {
  await page.getByRole('button', { name: 'New folder' }).click();
  await fillDialog({ name: 'Clients' });
  await page.getByRole('dialog').getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
  expect(await page.getByRole('dialog').getByLabel('Folder name').inputValue()).toBe('Clients');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});

it('renames a folder and moves it to the top level', async () => {
  await folderMenu('Акме', 'Rename');
  await fillDialog({ name: 'Acme Ltd' });
  await expect.poll(folderNames).toContain('Acme Ltd');
  await folderMenu('Acme Ltd', 'Move to…');
  await fillDialog({ parent: '(top level)' });
  await expect.poll(async () => (await onServer('Acme Ltd'))?.parentId ?? 'top', { timeout: 10_000 }).toBe('top');
});

it('deletes a folder after a confirmation; its conversations go to Trash', async () => {
  const acme = (await onServer('Acme Ltd'))!;
  await server.importMessage(message({ to: user.email, subject: 'Acme order 42' }).raw, 'inbox');
  const inbox = await server.mailboxId('inbox');
  const [id] = await server.idsWithSubject(inbox, 'Acme order 42');
  await server.setEmail({ [id]: { mailboxIds: { [acme.id]: true } } });
  await page.getByRole('button', { name: 'Get new mail' }).click();
  await page.locator('.folders a', { hasText: 'Acme Ltd' }).click();
  await page.locator('li.thread', { hasText: 'Acme order 42' }).waitFor();
  page.once('dialog', (d) => void d.accept());
  await folderMenu('Acme Ltd', 'Delete folder');
  await expect.poll(folderNames, { timeout: 15_000 }).not.toContain('Acme Ltd');
  expect(await onServer('Acme Ltd')).toBeUndefined();
  expect((await server.idsWithSubject(await server.mailboxId('trash'), 'Acme order 42')).length).toBe(1);
});
