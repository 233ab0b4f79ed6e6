import type { BrowserContext, Page } from 'playwright-core';

export function launchChromiumWithExtension(options: {
  extensionDir: string;
  profileDir?: string;
  headless?: boolean;
  lang?: string;
}): Promise<{ context: BrowserContext; profile: string; extensionId: string }>;

export function addAccountThroughUi(page: Page, account: { email: string; password: string; sessionUrl: string }): Promise<void>;
