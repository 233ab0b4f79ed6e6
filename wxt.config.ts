import { defineConfig } from 'wxt';

/**
 * Host access to the user's JMAP server is requested at runtime (optional_host_permissions, see
 * components/AccountForm.svelte), never granted up front. The one exception is `--mode loopback`
 * (.output/chrome-mv3-loopback), built for the local test server: it is granted 127.0.0.1 at install,
 * because automation cannot click the browser's permission prompt (Playwright treats that prompt
 * as out of scope), so end-to-end tests and the demo use it; the request code still runs there.
 */
const LOCAL_TEST_SERVER = 'http://127.0.0.1/*';

/**
 * mailto: links (see lib/mailto-links.ts). Chrome: a content script registered at runtime with
 * `scripting`, only while the user has granted access to all sites (`<all_urls>`, optional, asked
 * for on the settings page); the loopback build uses its 127.0.0.1 grant for that instead. Firefox:
 * the browser's own mailto handler list offers the mail tab's compose route (`%s` is the link,
 * escaped; an extension page path is allowed as the uriTemplate there).
 */
/**
 * The PDF viewer (entrypoints/pdf-viewer.sandbox, Chromium only) is a manifest sandbox page: an
 * opaque origin without extension APIs. Its CSP replaces MV3's lax default (which allows inline
 * scripts and eval): only the extension's own scripts and styles, images and fonts pdf.js makes
 * itself, nothing fetched, no forms, no plugins, no frames. Never allow-same-origin.
 */
const SANDBOX_CSP =
  "sandbox allow-scripts; default-src 'none'; script-src 'self'; style-src 'self'; img-src blob: data:; font-src blob: data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";

const MAILTO_HANDLER = { protocol: 'mailto', name: 'Postline Mail', uriTemplate: '/mail.html#/compose/new?mailto=%s' };

export default defineConfig({
  modules: ['@wxt-dev/module-svelte'],
  manifest: ({ browser, mode }) => {
    const permissions = ['storage', 'unlimitedStorage', 'alarms', 'notifications'];
    const hosts = ['http://*/*', 'https://*/*'];
    const granted = mode === 'loopback' ? [LOCAL_TEST_SERVER] : [];
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      action: { default_title: '__MSG_extName__' },
      content_security_policy:
        browser === 'firefox'
          ? { extension_pages: "script-src 'self'; object-src 'none'" }
          : { extension_pages: "script-src 'self'; object-src 'none'", sandbox: SANDBOX_CSP },
      // Firefox builds are MV2, where origins are listed with the other permissions.
      ...(browser === 'firefox'
        ? {
            permissions: [...permissions, ...granted],
            optional_permissions: hosts,
            protocol_handlers: [MAILTO_HANDLER],
            browser_specific_settings: { gecko: { id: 'mail@postline.invalid' } },
          }
        : { permissions: [...permissions, 'scripting'], optional_host_permissions: [...hosts, '<all_urls>'], host_permissions: granted }),
    };
  },
  // No browser runner: `npm run dev` must work on a machine without a display (see README).
  webExt: { disabled: true },
});
