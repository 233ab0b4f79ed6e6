/**
 * The mail tab's list against the real server: each filter, search (local and the server's),
 * sort, selection and bulk actions, delete forever and Empty Trash, the context menu and keys.
 * After each action the server's state is read over JMAP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshUser, message, ServerAccount, type TestUser } from '../support/test-server';
import { openWithAccount, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
let user: TestUser;
let server: ServerAccount;
let page: Page;

const DAY = 86_400_000;
const localNoon = (daysAgo: number) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo, 12, 0);
};
/** Received a minute ago, so "today" also holds just after midnight. */
const justNow = () => new Date(Date.now() - 60_000);

interface Seed {
  subject: string;
  from: string;
  to?: string;
  at: Date;
  keywords?: Record<string, true>;
  body?: string;
  attachment?: boolean;
}

const SEEDS: Seed[] = [
  { subject: 'Lunch today?', from: 'Ann Lee <ann@example.org>', at: justNow() },
  { subject: 'Contract signed', from: 'Bob Stone <bob@example.org>', at: justNow(), keywords: { $seen: true, $flagged: true } },
  { subject: 'Quarterly report', from: 'Carol <carol@example.org>', to: 'team@corp.example', at: localNoon(1), keywords: { $seen: true } },
  { subject: 'Weekend plans', from: 'Ann Lee <ann@example.org>', at: localNoon(4) },
  { subject: 'Scanned invoice', from: 'Billing <billing@shop.example>', at: localNoon(20), keywords: { $seen: true }, attachment: true },
  // The word is far beyond the preview: only the server's full-text search finds it.
  { subject: 'Ancient history', from: 'Dan <dan@example.org>', at: localNoon(60), keywords: { $seen: true }, body: `${'Long minutes of a meeting. '.repeat(40)}The codeword is zebracorn.` },
];

function raw(seed: Seed): string {
  const base = message({ from: seed.from, to: seed.to ?? user.email, subject: seed.subject, body: seed.body, date: seed.at }).raw;
  if (!seed.attachment) return base;
  const [headers] = base.split('\r\n\r\n');
  const boundary = 'b-attachment';
  return [
    headers.replace('Content-Type: text/plain; charset=utf-8', `Content-Type: multipart/mixed; boundary="${boundary}"`).replace('\r\nContent-Transfer-Encoding: 8bit', ''),
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The invoice is attached.',
    `--${boundary}`,
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 test').toString('base64'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

const subjects = () => page.locator('li.thread .subject').allTextContents();
const sorted = (list: string[]) => [...list].sort();

async function addFilter(name: string): Promise<void> {
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

async function removeFilters(): Promise<void> {
  for (const remove of await page.locator('.chip button').all()) await remove.click();
}

async function expectRows(expected: string[]): Promise<void> {
  await expect.poll(async () => sorted(await subjects()), { timeout: 10_000 }).toEqual(sorted(expected));
}

async function openInbox(): Promise<void> {
  await page.locator('.folders a[data-mailbox-role="inbox"]').click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}

beforeAll(async () => {
  user = await freshUser('list');
  server = await ServerAccount.open(user);
  for (const seed of SEEDS) await server.importMessage(raw(seed), 'inbox', seed.keywords ?? {}, seed.at);
  await server.call('Mailbox/set', { create: { p: { name: 'Projects', parentId: null } } });
  ({ browser, page } = await openWithAccount(user));
  await openInbox();
  await page.waitForFunction((n) => document.querySelectorAll('li.thread').length === n, SEEDS.length);
});

afterAll(async () => {
  await browser?.close();
});

describe('filters', () => {
  const all = SEEDS.map((s) => s.subject);
  const where = (test: (s: Seed) => boolean) => SEEDS.filter(test).map((s) => s.subject);

  it.each<[string, string[]]>([
    ['Unread', where((s) => !s.keywords?.$seen)],
    ['Read', where((s) => !!s.keywords?.$seen)],
    ['Today', where((s) => s.at.getTime() > localNoon(0).getTime() - DAY / 2)],
    ['Yesterday', ['Quarterly report']],
    ['Last week', where((s) => s.at.getTime() > localNoon(7).getTime())],
    ['Flagged', ['Contract signed']],
    ['With attachments', ['Scanned invoice']],
  ])('%s shows only its conversations, as a chip that removes it', async (name, expected) => {
    await addFilter(name);
    await expectRows(expected);
    await page.getByRole('button', { name: `Remove filter: ${name}` }).click();
    await expectRows(all);
  });

  it('combines filters: unread from a sender', async () => {
    await addFilter('Unread');
    await addFilter('From…');
    await page.getByRole('textbox', { name: 'From…' }).fill('ann lee');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectRows(['Lunch today?', 'Weekend plans']);
    await addFilter('Today');
    await expectRows(['Lunch today?']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectRows(all);
  });

  it('filters by recipient and by a custom period', async () => {
    await addFilter('To…');
    await page.getByRole('textbox', { name: 'To…' }).fill('team@corp');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectRows(['Quarterly report']);
    await removeFilters();
    await addFilter('Period…');
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await page.getByLabel('From date').fill(day(localNoon(25)));
    await page.getByLabel('To date').fill(day(localNoon(3)));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectRows(['Weekend plans', 'Scanned invoice']);
    await removeFilters();
    await expectRows(all);
  });
});

it('sorts oldest first', async () => {
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('oldest');
  await expect.poll(async () => (await subjects())[0]).toBe('Ancient history');
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  await expect.poll(async () => (await subjects()).at(-1)).toBe('Ancient history');
});

it('searches as the user types, and finds with the server what only a body holds', async () => {
  const search = page.getByRole('searchbox', { name: 'Search mail' });
  await search.fill('quarterly');
  await expectRows(['Quarterly report']);
  await search.fill('zebracorn');
  await expectRows(['Ancient history']);
  await search.fill('');
  await expectRows(SEEDS.map((s) => s.subject));
});

describe('selection and bulk actions', () => {
  const inboxIds = async (test: (e: { keywords: Record<string, boolean> }) => boolean) => {
    const inbox = await server.mailboxId('inbox');
    const { ids } = await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: inbox } });
    const { list } = await server.call<{ list: Array<{ keywords: Record<string, boolean> }> }>('Email/get', { ids, properties: ['keywords'] });
    return list.filter(test).length;
  };

  it('selects the unread ones and marks them read, then Undo', async () => {
    await page.getByRole('combobox', { name: 'Select' }).selectOption('unread');
    await expect.poll(() => page.locator('li.thread.selected').count()).toBe(2);
    await page.getByRole('toolbar').getByRole('button', { name: 'Mark as read' }).click();
    await expect.poll(() => inboxIds((e) => !e.keywords.$seen), { timeout: 15_000 }).toBe(0);
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => inboxIds((e) => !e.keywords.$seen), { timeout: 15_000 }).toBe(2);
  });

  it('flags the selection, and moves it to a folder', async () => {
    const rows = page.locator('li.thread');
    await rows.filter({ hasText: 'Weekend plans' }).getByRole('checkbox').click();
    await rows.filter({ hasText: 'Scanned invoice' }).getByRole('checkbox').click();
    await page.getByRole('toolbar').getByRole('button', { name: 'Flag', exact: true }).click();
    await expect.poll(() => inboxIds((e) => !!e.keywords.$flagged), { timeout: 15_000 }).toBe(3);
    await rows.filter({ hasText: 'Weekend plans' }).getByRole('checkbox').click();
    await rows.filter({ hasText: 'Scanned invoice' }).getByRole('checkbox').click();
    const projects = (await server.mailboxes()).find((m) => m.name === 'Projects')!;
    await page.getByRole('combobox', { name: 'Move to…' }).selectOption({ label: 'Projects' });
    await expect.poll(async () => (await server.idsWithSubject(projects.id, 'Weekend plans')).length, { timeout: 15_000 }).toBe(1);
    expect((await server.idsWithSubject(projects.id, 'Scanned invoice')).length).toBe(1);
    await expectRows(['Lunch today?', 'Contract signed', 'Quarterly report', 'Ancient history']);
  });

  it('acts from the context menu and from the keys', async () => {
    const row = page.locator('li.thread', { hasText: 'Quarterly report' });
    await row.click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Open in new tab' }).waitFor();
    await page.getByRole('menuitem', { name: 'Flag', exact: true }).click();
    await row.locator('.flag').waitFor();
    await expect.poll(() => inboxIds((e) => !!e.keywords.$flagged), { timeout: 15_000 }).toBe(2);

    await row.locator('button.open').focus();
    await page.keyboard.press('x');
    await expect.poll(() => row.getAttribute('class')).toContain('selected');
    await page.keyboard.press('x');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    // Gone from the page, not only closed: the list's keys work again.
    await page.locator('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
  });

  it('tags the selection with a tag of the settings, lists and filters by it', async () => {
    await page.goto(page.url().replace(/#.*/, '#/settings/tags'));
    await page.getByLabel('Name', { exact: true }).fill('Срочно');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    const tag = page.locator('.tags ol li').first();
    await tag.waitFor();
    const keyword = (await tag.getAttribute('data-keyword'))!;
    await openInbox();
    const rows = page.locator('li.thread');
    await rows.filter({ hasText: 'Quarterly report' }).getByRole('checkbox').click();
    await rows.filter({ hasText: 'Contract signed' }).getByRole('checkbox').click();
    await page.getByRole('combobox', { name: 'Tag…' }).selectOption({ label: 'Срочно' });
    await expect.poll(async () => (await rows.filter({ hasText: 'Срочно' }).count())).toBe(2);
    await expect.poll(() => inboxIds((e) => !!e.keywords[keyword]), { timeout: 15_000 }).toBe(2);

    await page.getByRole('link', { name: 'Срочно' }).click();
    await page.getByRole('heading', { name: 'Срочно' }).waitFor();
    await expectRows(['Quarterly report', 'Contract signed']);
    await openInbox();
    await addFilter('Tag');
    await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Срочно' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectRows(['Quarterly report', 'Contract signed']);
    await removeFilters();

    // In the conversation: the tag under the date, and taken off from there.
    await page.locator('li.thread', { hasText: 'Quarterly report' }).locator('button.open').click();
    await page.getByRole('list', { name: 'Tags' }).getByText('Срочно').waitFor();
    await page.getByRole('combobox', { name: 'Tag…' }).selectOption({ value: `- ${keyword}` });
    await expect.poll(() => inboxIds((e) => !!e.keywords[keyword]), { timeout: 15_000 }).toBe(1);
    await page.getByRole('list', { name: 'Tags' }).waitFor({ state: 'detached' });
    await openInbox();
  });

  it('deletes to Trash, deletes forever after a confirmation, and empties Trash', async () => {
    const trash = await server.mailboxId('trash');
    await page.locator('li.thread', { hasText: 'Ancient history' }).getByRole('checkbox').click();
    await page.locator('li.thread', { hasText: 'Lunch today?' }).getByRole('checkbox').click();
    await page.getByRole('toolbar').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(async () => (await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: trash } })).ids.length, { timeout: 15_000 }).toBe(2);

    await page.locator('.folders a[data-mailbox-role="trash"]').click();
    await page.getByRole('heading', { name: 'Trash' }).waitFor();
    await expectRows(['Ancient history', 'Lunch today?']);
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.locator('li.thread', { hasText: 'Ancient history' }).getByRole('checkbox').click();
    await page.getByRole('toolbar').getByRole('button', { name: 'Delete forever' }).click();
    expect(dialogs[0]).toContain('cannot be undone');
    await expectRows(['Lunch today?']);
    await expect.poll(async () => (await server.idsWithSubject(trash, 'Ancient history')).length, { timeout: 15_000 }).toBe(0);
    expect((await server.call<{ ids: string[] }>('Email/query', { filter: { text: 'zebracorn' } })).ids).toEqual([]);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Empty Trash' }).click();
    await page.getByText('No conversations here.').waitFor();
    await expect.poll(async () => (await server.call<{ ids: string[] }>('Email/query', { filter: { inMailbox: trash } })).ids.length, { timeout: 15_000 }).toBe(0);
  });
});
