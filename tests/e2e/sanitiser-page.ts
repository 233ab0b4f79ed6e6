/**
 * lib/security in a plain Chromium page (no extension, no network): the sanitiser needs a real
 * DOM and the browser's CSS parser, which node has not. Bundled with esbuild, as the extension is.
 */
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ResourcePolicy, SanitisedMessage } from '@/lib/security/sanitise';

export interface SanitiserPage {
  page: Page;
  sanitise(body: { html?: string; text?: string }, policy?: { allowRemoteImages?: boolean; inlineParts?: Record<string, string> }): Promise<SanitisedMessage>;
  close(): Promise<void>;
}

export async function openSanitiserPage(): Promise<SanitiserPage> {
  const bundle = await build({
    stdin: { contents: "import { sanitiseMessage } from './lib/security/sanitise'; globalThis.sanitiseMessage = sanitiseMessage;", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  });
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>sanitiser</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  return {
    page,
    sanitise: (body, policy = {}) =>
      page.evaluate(
        ([body, policy]) => {
          type Run = (body: { html: string | null; text: string | null }, policy: ResourcePolicy) => SanitisedMessage;
          const run = (globalThis as unknown as { sanitiseMessage: Run }).sanitiseMessage;
          return run({ html: body.html ?? null, text: body.text ?? null }, { allowRemoteImages: !!policy.allowRemoteImages, inlineParts: new Map(Object.entries(policy.inlineParts ?? {})) });
        },
        [body, policy] as const,
      ),
    close: () => browser.close(),
  };
}
