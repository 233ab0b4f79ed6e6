import { defineConfig } from 'wxt';

/**
 * Host access to the user's JMAP server is requested at runtime (optional_host_permissions, see
 * components/AccountForm.svelte), never granted up front. The one exception is `--mode local`
 * (.output/chrome-mv3-local), built for the local test server: it is granted 127.0.0.1 at install,
 * because automation cannot click the browser's permission prompt (Playwright treats that prompt
 * as out of scope), so end-to-end tests and the demo use it; the request code still runs there.
 */
const LOCAL_TEST_SERVER = 'http://127.0.0.1/*';

export default defineConfig({
  modules: ['@wxt-dev/module-svelte'],
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    ...(mode === 'local' ? (browser === 'firefox' ? { permissions: ['storage', 'unlimitedStorage', 'alarms', LOCAL_TEST_SERVER] } : { host_permissions: [LOCAL_TEST_SERVER] }) : {}),
    action: { default_title: '__MSG_extName__' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'",
    },
    browser_specific_settings: browser === 'firefox' ? { gecko: { id: 'mail@mailext.local' } } : undefined,
  }),
  // No browser runner: `npm run dev` must work on a machine without a display (see README).
  webExt: { disabled: true },
});
