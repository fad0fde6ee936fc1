import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { toLocale } from '../chatbot/locales';
import { isUniqueViolation } from '../common/prisma-errors';
import { PrismaService } from '../database/prisma.service';
import { AuthorKind, MessageDirection } from '../generated/prisma/enums';
import { DeadJob, JobQueue } from '../queue/job-queue';
import { toChatRef } from './conversation.view';
import { helpMessage } from './help-messages';
import { AgentPlatform, PlayerChannel } from './ports';

export const RELAY_JOB = 'help.relay';
/** The Flex webhook job kind (src/flex): its dead agent messages are reported back to the agent. */
const FLEX_WEBHOOK_JOB = 'flex.webhook';


/**
 * Player → agent platform, durably: a player message is stored with `relayPending`, and a
 * `help.relay` job flushes the conversation's pending messages in order, under a row lock on the
 * conversation so two workers never interleave or double-send. Progress made before a failure is
 * committed; the retry continues from there.
 */
@Injectable()
export class RelayWorker implements OnModuleInit {
  private readonly logger = new Logger(RelayWorker.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly platform: AgentPlatform,
    private readonly player: PlayerChannel,
  ) {}

  onModuleInit(): void {
    this.queue.register(RELAY_JOB, (payload) => this.flush((payload as { conversationId: string }).conversationId));
    this.queue.onDeadLetter((job) => this.onDead(job));
  }

  request(conversationId: string): Promise<unknown> {
    return this.queue.enqueue(RELAY_JOB, { conversationId });
  }

  async flush(conversationId: string): Promise<void> {
    let failure: unknown = null;
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "Conversation" WHERE "id" = ${conversationId}::uuid FOR UPDATE`;
        const conversation = await tx.conversation.findUnique({ where: { id: conversationId }, include: { case: { select: { number: true } } } });
        if (!conversation) return;
        const pending = await tx.message.findMany({ where: { conversationId, relayPending: true }, orderBy: { id: 'asc' }, include: { media: true } });
        let platformConversationId = conversation.platformConversationId;
        for (const message of pending) {
          try {
            const chat = toChatRef({ ...conversation, platformConversationId }, conversation.case?.number ?? null);
            const result = await this.platform.relayPlayerMessage(chat, {
              body: message.body,
              discordMessageId: message.discordMessageId ?? `local-${message.id}`,
              media: message.media.map((m) => ({ filename: m.filename, contentType: m.contentType, data: Buffer.from(m.data) })),
            });
            if (result.platformConversationId && result.platformConversationId !== platformConversationId) {
              platformConversationId = result.platformConversationId;
              await tx.conversation.update({ where: { id: conversationId }, data: { platformConversationId, transport: this.platform.name } });
            }
            await tx.message.update({ where: { id: message.id }, data: { relayPending: false, platformMessageId: result.platformMessageId ?? null } }).catch(async (error: unknown) => {
              if (!isUniqueViolation(error)) throw error;
              await tx.message.update({ where: { id: message.id }, data: { relayPending: false } });
            });
          } catch (error) {
            failure = error; // keep what was relayed so far: commit, then let the queue retry the rest
            return;
          }
        }
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    if (failure) throw failure;
  }

  /** What finally could not be delivered is kept (the dead job, the pending message) and the other side is told. */
  private async onDead(job: DeadJob): Promise<void> {
    if (job.kind === RELAY_JOB) {
      const conversation = await this.prisma.conversation.findUnique({ where: { id: (job.payload as { conversationId: string }).conversationId } });
      if (!conversation) return;
      const text = helpMessage(toLocale(conversation.locale), 'relayFailed');
      const sent = await this.player.send(conversation.dmChannelId, { text });
      await this.prisma.message.create({
        data: { conversationId: conversation.id, direction: MessageDirection.OUTBOUND, authorKind: AuthorKind.SYSTEM, authorName: 'system', body: text, discordMessageId: sent.messageId },
      });
      return;
    }
    const payload = job.payload as { type?: string; conversationSid?: string; body?: string };
    if (job.kind === FLEX_WEBHOOK_JOB && payload.type === 'agentMessage' && payload.conversationSid) {
      const conversation = await this.prisma.conversation.findUnique({ where: { platformConversationId: payload.conversationSid }, include: { case: { select: { number: true } } } });
      if (!conversation) return;
      await this.platform.mirror(toChatRef(conversation, conversation.case?.number ?? null), {
        author: 'SYSTEM',
        authorName: 'system',
        body: `This message could not be delivered to the player on Discord (${job.lastError.slice(0, 200)}): "${(payload.body ?? '').slice(0, 200)}"`,
        at: new Date(),
      });
      this.logger.warn(`Agent message in ${payload.conversationSid} was not delivered; the agent was told`);
    }
  }
}
