/** "Turn off" the autoreply, from the banner or the accounts page: the same save with `isEnabled: false`. */
import { t } from '@/lib/i18n/t';
import { autoreplyFields, type Autoreply } from '@/lib/settings/autoreplies';
import { request } from './background';
import { showError, showInfo } from './toast.svelte';

/**
 * Keeps dates, subject, message and "Add my signature", so turning it on again finds them. Says how
 * it went. No signature is sent: nothing goes out while off, and the settings page's next save adds it.
 */
export async function turnOffAutoreply(accountId: string, autoreply: Autoreply): Promise<void> {
  const reply = await request({ type: 'setAutoreply', accountId, autoreply: { ...autoreplyFields(autoreply), isEnabled: false }, signature: null });
  if (reply.ok) showInfo(t('autoreplyTurnedOff'));
  else showError(reply.error);
}
