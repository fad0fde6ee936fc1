/** The help chat's lifecycle: response-time targets, stale chats, the satisfaction survey, support hours. */
import { ChatClosing } from './chat-closing';
import { ChatLifecycle } from './chat-lifecycle';
import { LifecycleStore } from './lifecycle-store';
import { LifecycleTimers } from './lifecycle-timers';
import { OnceNotices } from './once-notices';
import { Satisfaction } from './satisfaction';
import { SlaEscalation } from './sla-escalation';
import { StaffAlertStream } from './staff-alert-stream';
import { StaleChats } from './stale-chats';
import { SupportSchedule } from './support-schedule';

export { ChatLifecycle, Satisfaction, StaffAlertStream };
export { LoggingStaffAlerts } from './staff-alert-stream';
export type { LifecycleEvent } from './staff-alert-stream';
export { LifecycleController } from './lifecycle.controller';
export { lifecycleMessage } from './lifecycle-messages';

export const LIFECYCLE_PROVIDERS = [LifecycleStore, LifecycleTimers, OnceNotices, SupportSchedule, SlaEscalation, Satisfaction, ChatClosing, StaleChats, ChatLifecycle, StaffAlertStream];
