// Escalation ladders: the reminders of alert subscriptions while a breached cycle stays open
// (which levels a rung hears, and where, is routing's: outbox/routing.ts).
// The one entry other folders and @breachless/db import this folder through.
export { DEFAULT_REMINDERS, queueReminders, reminderLevel } from './reminders.js';
