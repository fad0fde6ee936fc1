import { CaseTimeline } from '../../../src/cases/case-timeline';
import { CasesService } from '../../../src/cases/cases.service';
import { HelpCases } from '../../../src/cases/help-cases';
import { Clock } from '../../../src/common/clock';
import { AppConfig } from '../../../src/config/app-config';
import { Carriers } from '../../../src/conversations/carriers';
import { ConversationStore } from '../../../src/conversations/conversation-store';
import { ChatClosing } from '../../../src/conversations/lifecycle/chat-closing';
import { ChatLifecycle } from '../../../src/conversations/lifecycle/chat-lifecycle';
import { LifecycleStore } from '../../../src/conversations/lifecycle/lifecycle-store';
import { LifecycleTimers } from '../../../src/conversations/lifecycle/lifecycle-timers';
import { OnceNotices } from '../../../src/conversations/lifecycle/once-notices';
import { Satisfaction } from '../../../src/conversations/lifecycle/satisfaction';
import { SlaEscalation } from '../../../src/conversations/lifecycle/sla-escalation';
import { StaffAlertStream } from '../../../src/conversations/lifecycle/staff-alert-stream';
import { StaleChats } from '../../../src/conversations/lifecycle/stale-chats';
import { SupportSchedule } from '../../../src/conversations/lifecycle/support-schedule';
import { MessageStore } from '../../../src/conversations/message-store';
import { PlayerDelivery } from '../../../src/conversations/player-delivery';
import { PlayerChannel, StaffAlerts } from '../../../src/conversations/ports';
import { PrismaService } from '../../../src/database/prisma.service';
import { JobQueue } from '../../../src/queue/job-queue';

/** The lifecycle units wired by hand for coreUnderTest (their timers are registered on `queue`). */
export function lifecycleUnderTest(parts: {
  prisma: PrismaService;
  store: ConversationStore;
  messages: MessageStore;
  delivery: PlayerDelivery;
  cases: CasesService;
  helpCases: HelpCases;
  queue: JobQueue;
  carriers: Carriers;
  alerts: StaffAlerts;
  player: PlayerChannel;
  clock: Clock;
  config: AppConfig;
}): ChatLifecycle {
  const { prisma, store, messages, delivery, cases, helpCases, queue, carriers, alerts, player, clock, config } = parts;
  const lifecycleStore = new LifecycleStore(prisma);
  const timers = new LifecycleTimers(queue, clock);
  const notices = new OnceNotices(messages, delivery);
  const timeline = new CaseTimeline(prisma, cases, clock);
  const sla = new SlaEscalation(lifecycleStore, store, timers, queue, timeline, helpCases, alerts, new StaffAlertStream(), clock, config);
  const satisfaction = new Satisfaction(lifecycleStore, store, timers, queue, notices, timeline, player, clock, config);
  const closing = new ChatClosing(queue, store, messages, delivery, carriers, alerts, timeline, satisfaction, clock, config);
  const stale = new StaleChats(lifecycleStore, store, timers, queue, notices, timeline, helpCases, closing, clock, config);
  for (const unit of [sla, satisfaction, closing, stale]) unit.onModuleInit();
  return new ChatLifecycle(lifecycleStore, store, delivery, timeline, helpCases, new SupportSchedule(config), sla, stale, closing, clock);
}
