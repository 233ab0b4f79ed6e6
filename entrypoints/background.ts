import { BackgroundService, SYNC_ALARM, SYNC_PERIOD_MINUTES } from '@/lib/background-service';
import { LIVE_PORT } from '@/lib/messages';
import { getDb } from '@/lib/store/db';

export default defineBackground(() => {
  const service = new BackgroundService(getDb());

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/mail.html#/welcome') });
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void service.handleMessage(message, sender).then(sendResponse);
    return true; // answer asynchronously
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT || port.sender?.id !== browser.runtime.id) return;
    service.scheduler.liveViewOpened();
    port.onDisconnect.addListener(() => service.scheduler.liveViewClosed());
  });
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.scheduler.syncAll();
  });
  browser.notifications.onClicked.addListener((id) => void service.openNotification(id));
  // Access to all sites is granted or taken back on the settings page or in the browser's own UI.
  browser.permissions.onAdded.addListener(() => void service.mailto.update());
  browser.permissions.onRemoved.addListener(() => void service.mailto.update());
  // Every wake: badge from the store at once, then catch up with the servers.
  void service.updateBadge();
  void service.watchPreferences();
  void service.mailto.update();
  void service.scheduler.syncAll();
});
