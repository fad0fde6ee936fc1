import { LeadsQueuePlatform } from '../../../src/conversations/leads-queue.platform';
import { Logger } from '@nestjs/common';
import { CaseEventsBus } from '../../../src/cases/case-events.bus';
import { CasesService } from '../../../src/cases/cases.service';
import { HelpCases } from '../../../src/cases/help-cases';
import { Clock } from '../../../src/common/clock';
import { loadConfig } from '../../../src/config/app-config';
import { AgentChatActions } from '../../../src/conversations/agent-chat-actions';
import { AgentEventsHandler } from '../../../src/conversations/agent-events.handler';
import { BotReplies } from '../../../src/conversations/bot-replies';
import { Carriers } from '../../../src/conversations/carriers';
import { ConversationStore } from '../../../src/conversations/conversation-store';
import { HandOffService } from '../../../src/conversations/hand-off.service';
import { LeadRepliesService } from '../../../src/conversations/lead-replies.service';
import { MessageStore } from '../../../src/conversations/message-store';
import { PlayerDelivery } from '../../../src/conversations/player-delivery';
import { PlayerMessagesHandler } from '../../../src/conversations/player-messages.handler';
import { RelayWorker } from '../../../src/conversations/relay.worker';
import { LoggingStaffAlerts } from '../../../src/conversations/lifecycle';
import { AgentPlatform, StaffAlerts } from '../../../src/conversations/ports';
import { MediaStore } from '../../../src/database/media-store';
import { PrismaService } from '../../../src/database/prisma.service';
import { JobQueue } from '../../../src/queue/job-queue';
import { createTestDatabase } from '../../utils/test-database';
import { lifecycleUnderTest } from './lifecycle-under-test';
import { FakeAgentPlatform, FakeBot, FakePlayerChannel } from './fake-ports';

let seq = 0;

/** A player of a test's own (unique ids within the file's database). */
export function newPlayer(displayName = 'Ash') {
  const id = `p${Date.now()}${++seq}`;
  return { id, displayName, channelId: `dm-${id}` };
}

export type TestPlayer = ReturnType<typeof newPlayer>;

/**
 * The routing core wired by hand (no Nest, no HTTP) over the real store on a test database of
 * its own, with fake ports. One per test: `close()` stops the queue and drops the database.
 * Pass a clock whose `now` a test moves to run the lifecycle's timers (test/utils/fake-time.ts).
 */
export async function coreUnderTest(platform = new FakeAgentPlatform(), alerts: StaffAlerts = new LoggingStaffAlerts(), fallback: AgentPlatform = new LeadsQueuePlatform(), clock = new Clock()) {
  Logger.overrideLogger(false); // expected failures (a desk down, a crash) would fill the output
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, QUEUE_POLL_MS: '20', QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '50', QUEUE_MAX_ATTEMPTS: '3' });
  const prisma = new PrismaService(database.url, 4);
  const player = new FakePlayerChannel();
  const bot = new FakeBot();
  const cases = new CasesService(prisma, clock, new CaseEventsBus());
  const helpCases = new HelpCases(prisma, cases);
  const store = new ConversationStore(prisma);
  const mediaStore = new MediaStore(database.url);
  const messages = new MessageStore(prisma, mediaStore);
  const delivery = new PlayerDelivery(messages, player);
  const botReplies = new BotReplies(bot, delivery, platform, helpCases, clock);
  const queue = new JobQueue(prisma, config);
  const carriers = new Carriers(platform, fallback);
  const lifecycle = lifecycleUnderTest({ prisma, store, messages, delivery, cases, helpCases, queue, carriers, alerts, player, clock, config });
  const handOff = new HandOffService(store, messages, delivery, helpCases, platform, player, clock, fallback, lifecycle, alerts);
  const relay = new RelayWorker(store, messages, queue, carriers, delivery, helpCases, clock, config);
  relay.onModuleInit();
  queue.start();
  const players = new PlayerMessagesHandler(store, messages, player, bot, platform, botReplies, handOff, relay, lifecycle, carriers);
  return {
    prisma,
    player,
    bot,
    platform,
    messages,
    queue,
    players,
    /** The player writes, as the player channel would deliver it. */
    say: (from: TestPlayer, body: string) => players.receive({ player: from, playerMessageId: `m${Date.now()}${++seq}`, body, media: [] }),
    /** The player's latest chat, with its case. */
    chatOf: (playerId: string) => prisma.conversation.findFirstOrThrow({ where: { playerId }, orderBy: { createdAt: 'desc' }, include: { case: true } }),
    events: new AgentEventsHandler(store, messages, delivery, handOff, botReplies, carriers, new AgentChatActions(store, messages, helpCases, player, clock), lifecycle),
    leads: new LeadRepliesService(store, messages, delivery, handOff, helpCases, carriers, clock, lifecycle),
    close: async () => {
      await queue.stop();
      await mediaStore.onModuleDestroy();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

export type CoreUnderTest = Awaited<ReturnType<typeof coreUnderTest>>;
