/** "Turn off" the autoreply, from the banner or the accounts page: the same save with `isEnabled: false`. */
import { t } from '@/lib/i18n/t';
import type { Autoreply } from '@/lib/settings/autoreplies';
import { request } from './background';
import { showError, showInfo } from './toast.svelte';

/** Keeps dates, subject and text, so turning it on again finds them. Says how it went. */
export async function turnOffAutoreply(accountId: string, autoreply: Autoreply): Promise<void> {
  const { fromDate, toDate, subject, textBody } = autoreply;
  const reply = await request({ type: 'setAutoreply', accountId, autoreply: { isEnabled: false, fromDate, toDate, subject, textBody } });
  if (reply.ok) showInfo(t('autoreplyTurnedOff'));
  else showError(reply.error);
}
