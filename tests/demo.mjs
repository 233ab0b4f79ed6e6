// Opens Chromium with the extension and the demo account added (see demo.sh).
import { mkdirSync } from 'node:fs';
import { addAccountThroughUi, launchChromiumWithExtension } from './support/chromium.mjs';

const ACCOUNT = { email: 'alice@example.com', password: 'alicepw', sessionUrl: 'http://127.0.0.1:8080/.well-known/jmap' };
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const profileDir = '/tmp/mailext-demo-profile';

const { context, extensionId } = await launchChromiumWithExtension({ extensionDir: '.output/chrome-mv3-loopback', profileDir, headless });
const mail = await context.newPage();
await mail.goto(`chrome-extension://${extensionId}/mail.html#/add-account`);
if (!(await mail.locator(`li.account[data-account-email="${ACCOUNT.email}"]`).count())) {
  await addAccountThroughUi(mail, ACCOUNT);
  await mail.locator(`li.account[data-account-email="${ACCOUNT.email}"]`).waitFor();
}
await mail.locator('.sync-status[data-phase="idle"]').waitFor({ timeout: 60_000 });
const popup = await context.newPage();
await popup.goto(`chrome-extension://${extensionId}/popup.html`);
await popup.locator('li.thread').first().waitFor({ timeout: 30_000 });

if (headless) {
  mkdirSync('docs', { recursive: true });
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.screenshot({ path: 'docs/popup.png' });
  await mail.goto(`chrome-extension://${extensionId}/mail.html#/`);
  await mail.locator('li.thread').first().waitFor();
  await mail.screenshot({ path: 'docs/mail.png' });
  await context.close();
  console.log(`
No display here, so Chromium ran headless: the demo account synced and docs/popup.png and
docs/mail.png show what it looks like. To use it yourself, on a machine with a browser:
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3
  Firefox:         about:debugging → This Firefox → Load Temporary Add-on → .output/firefox-mv2/manifest.json
                   (npm run build:firefox first)
then add the account: ${ACCOUNT.email} / ${ACCOUNT.password}, Advanced settings → JMAP session URL
${ACCOUNT.sessionUrl}, and allow access to 127.0.0.1 when the browser asks.
The test server keeps running (bash tests/server/cyrus.sh stop to stop it).`);
} else {
  console.log(`Chromium is open with the demo account ${ACCOUNT.email}. Close the browser window to end.`);
  await new Promise((resolve) => context.on('close', resolve));
}
