/**
 * Composition root of the background service worker: routing, reminders, badge, toolbar and
 * keyboard toggles, knowledge-base capture menus. Logic lives in lib/background.
 */
import '../../lib/zod-config';
import { browser } from 'wxt/browser';
import { toolbarAction } from '../../lib/background/action';
import { getDb } from '../../lib/db/schema';
import { createRouter, sendToTab } from '../../lib/background/router';
import { acceptPanelPorts, forgetTab } from '../../lib/background/tab-state';
import { isPanelSender } from '../../lib/background/senders';
import {
  REMINDER_ALARM,
  checkReminders,
  followBadge,
  openFollowUpConversation,
  scheduleReminderAlarm,
} from '../../lib/background/reminders';
import { installCaptureMenus, handleCaptureMenuClick } from '../../lib/background/capture-menus';
import { RETENTION_ALARM, runRetention, scheduleRetentionAlarm } from '../../lib/background/retention-alarm';

export default defineBackground(() => {
  const db = getDb();
  const route = createRouter({ db });

  browser.runtime.onMessage.addListener((raw, sender) => route(raw, sender));
  acceptPanelPorts(isPanelSender);

  const toggleIn = (tabId: number | undefined) => {
    if (tabId !== undefined) void sendToTab(tabId, { type: 'tab/toggle-panel' });
  };
  toolbarAction().onClicked.addListener((tab) => toggleIn(tab.id));
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-panel') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    toggleIn(tab?.id);
  });
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

  scheduleReminderAlarm();
  followBadge(db);
  void scheduleRetentionAlarm();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void checkReminders(db);
    if (alarm.name === RETENTION_ALARM) void runRetention(db);
  });
  browser.notifications.onClicked.addListener((id) => void openFollowUpConversation(db, id));

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void installCaptureMenus(db);
    // First run: the options page asks for persistent storage and invites the first brand.
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  browser.runtime.onStartup.addListener(() => void installCaptureMenus(db));
  browser.contextMenus.onClicked.addListener((info, tab) => void handleCaptureMenuClick(db, info, tab));
  // Brands changed in the options page → rebuild the per-brand menus.
  browser.storage.onChanged.addListener((changes) => {
    if (changes.brandsVersion) void installCaptureMenus(db);
  });
});
