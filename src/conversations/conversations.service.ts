import { Injectable, Logger } from '@nestjs/common';
import { HELP_CHAT_ACTOR_PREFIX } from '../cases/case-events.bus';
import { CasesService } from '../cases/cases.service';
import { canTransition } from '../cases/case-rules';
import { toLocale } from '../chatbot/locales';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../common/prisma-errors';
import { PrismaService } from '../database/prisma.service';
import { Conversation, Message, Prisma } from '../generated/prisma/client';
import { AuthorKind, CaseType, ConversationMode, MessageDirection } from '../generated/prisma/enums';
import { toChatRef } from './conversation.view';
import { RelayWorker } from './relay.worker';
import { helpMessage } from './help-messages';
import {
  AgentMessageEvent,
  AgentPlatform,
  AgentPlatformEvents,
  Locale,
  MediaFile,
  PlayerChannel,
  PlayerNotice,
  SupportBot,
  TranscriptLine,
} from './ports';

export interface PlayerDm {
  discordMessageId: string;
  userId: string;
  userName: string;
  dmChannelId: string;
  body: string;
  media: MediaFile[];
}

const ACTIVE_AGENT_MODES: ConversationMode[] = [ConversationMode.AGENT_REQUESTED, ConversationMode.AGENT];

/**
 * The routing core: where a player's message goes (bot or agent platform), and what the agent
 * platform's events mean for the player and the case. Talks only to ports.
 */
@Injectable()
export class ConversationsService extends AgentPlatformEvents {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesService,
    private readonly bot: SupportBot,
    private readonly platform: AgentPlatform,
    private readonly player: PlayerChannel,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly relayWorker: RelayWorker,
  ) {
    super();
  }

  /** Studio mode: every player message goes through the platform, whose flow calls the bot back. */
  private get studio(): boolean {
    return this.config.ROUTING_MODE === 'studio' && this.platform.name !== 'leads';
  }

  // ---- the player side ------------------------------------------------------------------------

  /** /helpme: open the DM (nothing is created if the player's DMs are closed), greet, answer the question. */
  async startHelp(input: { userId: string; userName: string; locale: string; question?: string }): Promise<{ conversationId: string }> {
    const dmChannelId = await this.player.openDm(input.userId);
    const locale = toLocale(input.locale);
    await this.player.send(dmChannelId, {
      text: helpMessage(locale, 'greeting', { name: input.userName }),
      agentButtonLabel: helpMessage(locale, 'agentButton'),
    });
    const conversation = await this.openConversation(input.userId, input.userName, dmChannelId, locale, true);
    if (input.question?.trim()) {
      const message = await this.storePlayerMessage(conversation, { body: input.question.trim(), discordMessageId: null, media: [] });
      if (message) await this.route(conversation, message.body, message.id);
    }
    return { conversationId: conversation.id };
  }

  /** A DM from the player: stored first (once, whatever Discord redelivers), then routed. */
  async handlePlayerDm(dm: PlayerDm): Promise<{ duplicate: boolean }> {
    const conversation = await this.openConversation(dm.userId, dm.userName, dm.dmChannelId, null, false);
    const message = await this.storePlayerMessage(conversation, dm);
    if (!message) return { duplicate: true };
    await this.route(conversation, dm.body, message.id);
    return { duplicate: false };
  }

  /** The "Talk to a live agent" button. */
  async requestAgentByButton(userId: string, userName: string, dmChannelId: string, locale: string): Promise<void> {
    const conversation = await this.openConversation(userId, userName, dmChannelId, toLocale(locale), false);
    await this.requestAgent(conversation);
  }

  private async route(conversation: Conversation, body: string, messageRowId: bigint): Promise<void> {
    if (ACTIVE_AGENT_MODES.includes(conversation.mode)) {
      await this.relay(conversation, messageRowId);
      return;
    }
    if (this.bot.wantsHuman(body)) {
      await this.requestAgent(conversation);
      return;
    }
    if (this.studio) {
      // The Studio flow decides and calls POST /chatbot-to-discord for the bot's turn.
      await this.relay(conversation, messageRowId);
      return;
    }
    await this.answerWithBot(conversation, body);
  }

  /** Hands a stored player message to the relay worker (the leads' queue reads the transcript itself). */
  private async relay(conversation: Conversation, messageRowId: bigint): Promise<void> {
    if (this.platform.name === 'leads') return;
    await this.prisma.message.update({ where: { id: messageRowId }, data: { relayPending: true } });
    await this.relayWorker.request(conversation.id);
  }

  private async answerWithBot(conversation: Conversation, question: string): Promise<void> {
    const { notice, transcriptBody } = await this.botAnswer(conversation, question);
    await this.sendAndStore(conversation, notice, AuthorKind.BOT, 'bot', transcriptBody);
    if (this.studio) {
      await this.platform.mirror(toChatRef(conversation, await this.caseNumberOf(conversation)), { author: 'BOT', authorName: 'bot', body: transcriptBody, at: this.clock.now() });
    }
  }

  /** The bot's answer in the language it chose (the player's words or their Discord language), and its transcript line. */
  private async botAnswer(conversation: Conversation, question: string): Promise<{ notice: PlayerNotice; transcriptBody: string }> {
    const answer = await this.bot.answer(question, toLocale(conversation.locale));
    const locale = answer.locale ?? toLocale(conversation.locale);
    const agentButtonLabel = helpMessage(locale, 'agentButton');
    const notice: PlayerNotice = answer.articles.length
      ? { text: answer.text, articles: answer.articles, agentButtonLabel }
      : { text: answer.text || helpMessage(locale, answer.fallback ? 'nothingFound' : 'articlesFound'), agentButtonLabel };
    if (answer.feedbackId && answer.feedbackLabels) notice.feedback = { id: answer.feedbackId, yesLabel: answer.feedbackLabels.yes, noLabel: answer.feedbackLabels.no };
    const transcriptBody = [notice.text, ...(notice.articles ?? []).map((a) => `- ${a.title} (${a.url})`)].join('\n');
    return { notice, transcriptBody };
  }

  /** The player asked for a person: a HELP case (or their open one), the transfer message, the hand-off. */
  async requestAgent(conversation: Conversation): Promise<void> {
    const locale = toLocale(conversation.locale);
    if (ACTIVE_AGENT_MODES.includes(conversation.mode)) {
      const number = (await this.caseNumberOf(conversation)) ?? 0;
      await this.sendAndStore(conversation, { text: helpMessage(locale, 'alreadyTransferring', { n: number }) }, AuthorKind.SYSTEM, 'system');
      return;
    }
    const caseNumber = await this.helpCaseFor(conversation);
    const caseRow = await this.cases.findRow(caseNumber);
    conversation = await this.prisma.conversation.update({
      where: { id: conversation.id },
      data: { mode: ConversationMode.AGENT_REQUESTED, caseId: caseRow.id },
    });
    await this.sendAndStore(conversation, { text: helpMessage(locale, 'transferring', { n: caseNumber }) }, AuthorKind.SYSTEM, 'system');
    const transcript = await this.transcriptOf(conversation.id);
    let result;
    try {
      result = await this.platform.handOff({ ...toChatRef(conversation, caseNumber), caseNumber, transcript });
    } catch (error) {
      // The case exists and the chat stays waiting: leads see it in GET /api/conversations.
      this.logger.error({ err: error }, `Hand-off of case #${caseNumber} to ${this.platform.name} failed; the chat waits in the leads' queue`);
      result = { transport: 'leads' };
    }
    await this.prisma.conversation.update({
      where: { id: conversation.id },
      data: {
        transport: result.transport,
        platformConversationId: result.platformConversationId ?? conversation.platformConversationId,
        platformInteractionId: result.platformInteractionId ?? conversation.platformInteractionId,
        platformChannelId: result.platformChannelId ?? conversation.platformChannelId,
      },
    });
  }

  private async helpCaseFor(conversation: Conversation): Promise<number> {
    if (conversation.caseId) {
      const existing = await this.prisma.case.findUnique({ where: { id: conversation.caseId }, select: { number: true, status: true } });
      if (existing && !['RESOLVED', 'CLOSED'].includes(existing.status)) return existing.number;
    }
    const recent = await this.prisma.message.findMany({
      where: { conversationId: conversation.id, authorKind: AuthorKind.PLAYER },
      orderBy: { id: 'desc' },
      take: 5,
      select: { body: true },
    });
    const description = recent.reverse().map((m) => m.body).join('\n').slice(0, 4000) || 'The player asked for a live agent from the Discord help chat.';
    const created = await this.cases.create(
      {
        type: CaseType.HELP,
        title: `Help chat with ${conversation.discordUserName}`.slice(0, 200),
        description,
        reporterId: conversation.discordUserId,
        reporterName: conversation.discordUserName,
        reporterLocale: conversation.locale,
      },
      `discord:${conversation.discordUserId}`,
    );
    return created.number;
  }

  // ---- the agent platform's events -----------------------------------------------------------

  async agentMessage(event: AgentMessageEvent): Promise<void> {
    const conversation = await this.byPlatformId(event.platformConversationId);
    if (!conversation) return;
    const stored = await this.prisma.message.upsert({
      where: { platformMessageId: event.platformMessageId },
      create: {
        conversationId: conversation.id,
        direction: MessageDirection.OUTBOUND,
        authorKind: AuthorKind.AGENT,
        authorName: event.authorName,
        body: event.body,
        platformMessageId: event.platformMessageId,
        details: event.media.length ? { attachments: event.media.map((m) => ({ filename: m.filename, contentType: m.contentType, size: m.data.length })) } : undefined,
      },
      update: {},
    });
    const who = event.authorName ?? conversation.agentName ?? helpMessage(toLocale(conversation.locale), 'anAgent');
    try {
      await this.deliverOnce(stored.id, conversation, { text: `**${who}:** ${event.body}`, files: event.media });
    } catch (error) {
      // The player closed their DMs: retrying cannot help, the agent is told through the dead-letter hook.
      if (error instanceof DomainError && error.code === 'discord_dm_closed') throw Object.assign(error, { retryable: false });
      throw error;
    }
  }

  async agentJoined(event: { platformConversationId: string; agentName: string | null }): Promise<void> {
    const conversation = await this.byPlatformId(event.platformConversationId);
    if (!conversation || conversation.mode === ConversationMode.CLOSED) return;
    if (conversation.mode === ConversationMode.AGENT && conversation.agentName === event.agentName) return; // redelivered
    await this.markAgentPresent(conversation, event.agentName, `${HELP_CHAT_ACTOR_PREFIX}flex`);
  }

  async platformClosed(event: { platformConversationId: string }): Promise<void> {
    const conversation = await this.byPlatformId(event.platformConversationId);
    if (!conversation || conversation.mode === ConversationMode.CLOSED) return;
    await this.finish(conversation);
  }

  async botTurn(event: { platformConversationId: string; platformMessageId: string; body: string }): Promise<void> {
    const conversation = await this.byPlatformId(event.platformConversationId);
    if (!conversation || conversation.mode !== ConversationMode.BOT) return;
    const already = await this.prisma.message.findFirst({
      where: { conversationId: conversation.id, authorKind: AuthorKind.BOT, details: { path: ['inReplyTo'], equals: event.platformMessageId } },
      select: { id: true },
    });
    if (already) return;
    const { notice, transcriptBody } = await this.botAnswer(conversation, event.body);
    await this.sendAndStore(conversation, notice, AuthorKind.BOT, 'bot', transcriptBody, { inReplyTo: event.platformMessageId });
    await this.platform.mirror(toChatRef(conversation, await this.caseNumberOf(conversation)), { author: 'BOT', authorName: 'bot', body: transcriptBody, at: this.clock.now() });
  }

  // ---- leads through the REST API ------------------------------------------------------------

  /** A lead or agent answers a waiting chat through the API: the text reaches the player's DM and the transcript. */
  async replyToCase(caseNumber: number, body: string, authorName: string): Promise<{ delivered: boolean }> {
    const caseRow = await this.cases.findRow(caseNumber);
    const conversation = await this.prisma.conversation.findFirst({
      where: { caseId: caseRow.id, mode: { not: ConversationMode.CLOSED } },
      orderBy: { createdAt: 'desc' },
    });
    if (!conversation) throw DomainError.conflict('no_open_chat', `Case #${caseNumber} has no open help chat to reply to`);
    if (conversation.mode !== ConversationMode.AGENT || conversation.agentName !== authorName) {
      await this.markAgentPresent(conversation, authorName, `${HELP_CHAT_ACTOR_PREFIX}api:${authorName}`);
    }
    const stored = await this.prisma.message.create({
      data: { conversationId: conversation.id, direction: MessageDirection.OUTBOUND, authorKind: AuthorKind.AGENT, authorName, body },
    });
    await this.deliverOnce(stored.id, conversation, { text: `**${authorName}:** ${body}` });
    if (conversation.transport && conversation.transport !== 'leads') {
      await this.platform.mirror(toChatRef(conversation, caseNumber), { author: 'AGENT', authorName, body, at: this.clock.now() });
    }
    return { delivered: true };
  }

  async closeById(id: string): Promise<void> {
    const conversation = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.conversation.findUnique({ where: { id } }) : null;
    if (!conversation) throw DomainError.notFound(`Conversation ${id}`);
    if (conversation.mode === ConversationMode.CLOSED) throw DomainError.conflict('conversation_closed', 'This conversation is already closed');
    await this.finish(conversation);
    await this.platform.close(toChatRef(conversation, await this.caseNumberOf(conversation))).catch((error: unknown) =>
      this.logger.warn({ err: error }, `Closing conversation ${id} on ${this.platform.name} failed`),
    );
  }

  async listOpen(mode?: ConversationMode) {
    const rows = await this.prisma.conversation.findMany({
      where: mode ? { mode } : { mode: { in: ACTIVE_AGENT_MODES } },
      orderBy: { updatedAt: 'asc' },
      take: 200,
      include: { case: { select: { number: true, status: true } }, messages: { orderBy: { id: 'desc' }, take: 1 } },
    });
    return rows.map((c) => ({
      id: c.id,
      mode: c.mode,
      transport: c.transport,
      player: { id: c.discordUserId, name: c.discordUserName, locale: c.locale },
      case: c.case ? { number: c.case.number, status: c.case.status } : null,
      agentName: c.agentName,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      lastMessage: c.messages[0] ? { authorKind: c.messages[0].authorKind, body: c.messages[0].body, createdAt: c.messages[0].createdAt } : null,
    }));
  }

  async transcriptOfCase(caseNumber: number) {
    const caseRow = await this.cases.findRow(caseNumber);
    const messages = await this.prisma.message.findMany({
      where: { conversation: { caseId: caseRow.id } },
      orderBy: { id: 'asc' },
      include: { conversation: { select: { id: true } } },
    });
    return {
      case: caseNumber,
      messages: messages.map((m) => ({
        conversationId: m.conversation.id,
        direction: m.direction,
        authorKind: m.authorKind,
        authorName: m.authorName,
        body: m.body,
        details: m.details,
        createdAt: m.createdAt,
      })),
    };
  }

  // ---- shared steps --------------------------------------------------------------------------

  /** The player's open conversation, or a new one in BOT mode (one open per player, enforced by an index). */
  private async openConversation(userId: string, userName: string, dmChannelId: string, locale: Locale | null, refreshLocale: boolean): Promise<Conversation> {
    const existing = await this.prisma.conversation.findFirst({ where: { discordUserId: userId, mode: { not: ConversationMode.CLOSED } } });
    if (existing) {
      if (refreshLocale && locale && existing.locale !== locale) {
        return this.prisma.conversation.update({ where: { id: existing.id }, data: { locale, discordUserName: userName } });
      }
      return existing;
    }
    try {
      return await this.prisma.conversation.create({ data: { discordUserId: userId, discordUserName: userName, dmChannelId, locale: locale ?? 'en' } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.prisma.conversation.findFirstOrThrow({ where: { discordUserId: userId, mode: { not: ConversationMode.CLOSED } } });
    }
  }

  /** Stores a player's message; null when Discord delivered it before (its message id is unique). */
  private async storePlayerMessage(conversation: Conversation, input: { body: string; discordMessageId: string | null; media: MediaFile[] }): Promise<Message | null> {
    const details: Prisma.InputJsonObject | undefined = input.media.length
      ? { attachments: input.media.map((m) => ({ filename: m.filename, contentType: m.contentType, size: m.data.length })) }
      : undefined;
    try {
      return await this.prisma.message.create({
        data: {
          conversationId: conversation.id,
          direction: MessageDirection.INBOUND,
          authorKind: AuthorKind.PLAYER,
          authorName: conversation.discordUserName,
          body: input.body,
          discordMessageId: input.discordMessageId,
          details,
          media: input.media.length
            ? { create: input.media.map((m) => ({ filename: m.filename, contentType: m.contentType, size: m.data.length, data: new Uint8Array(m.data) })) }
            : undefined,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  private async sendAndStore(conversation: Conversation, notice: PlayerNotice, authorKind: AuthorKind, authorName: string, body = notice.text, details?: Prisma.InputJsonObject) {
    const sent = await this.player.send(conversation.dmChannelId, notice);
    await this.prisma.message.create({
      data: { conversationId: conversation.id, direction: MessageDirection.OUTBOUND, authorKind, authorName, body, discordMessageId: sent.messageId, details },
    });
  }

  /**
   * Sends a stored outbound message to the player unless it already went out: the row lock makes
   * a redelivered webhook wait for the first delivery and then see it done.
   */
  private async deliverOnce(messageRowId: bigint, conversation: Conversation, notice: PlayerNotice): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<{ discordMessageId: string | null }[]>`
          SELECT "discordMessageId" FROM "Message" WHERE "id" = ${messageRowId} FOR UPDATE`;
        if (!row || row.discordMessageId) return;
        const sent = await this.player.send(conversation.dmChannelId, notice);
        await tx.message.update({ where: { id: messageRowId }, data: { discordMessageId: sent.messageId } });
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  private async markAgentPresent(conversation: Conversation, agentName: string | null, actor: string): Promise<void> {
    const locale = toLocale(conversation.locale);
    await this.prisma.conversation.update({ where: { id: conversation.id }, data: { mode: ConversationMode.AGENT, agentName } });
    await this.sendAndStore(conversation, { text: helpMessage(locale, 'agentJoined', { name: agentName ?? helpMessage(locale, 'anAgent') }) }, AuthorKind.SYSTEM, 'system');
    const caseNumber = await this.caseNumberOf(conversation);
    if (caseNumber === null) return;
    const current = await this.cases.get(caseNumber);
    await this.cases.update(
      caseNumber,
      {
        ...(canTransition(current.status, 'IN_PROGRESS') ? { status: 'IN_PROGRESS' as const } : {}),
        ...(agentName ? { assignee: agentName.slice(0, 100) } : {}),
      },
      actor,
    );
  }

  private async finish(conversation: Conversation): Promise<void> {
    await this.prisma.conversation.update({ where: { id: conversation.id }, data: { mode: ConversationMode.CLOSED, closedAt: this.clock.now() } });
    await this.sendAndStore(conversation, { text: helpMessage(toLocale(conversation.locale), 'chatClosed') }, AuthorKind.SYSTEM, 'system').catch((error: unknown) =>
      this.logger.warn({ err: error }, `Could not tell the player that conversation ${conversation.id} closed`),
    );
  }

  private byPlatformId(platformConversationId: string): Promise<Conversation | null> {
    return this.prisma.conversation.findUnique({ where: { platformConversationId } });
  }

  private async caseNumberOf(conversation: Conversation): Promise<number | null> {
    if (!conversation.caseId) return null;
    const row = await this.prisma.case.findUnique({ where: { id: conversation.caseId }, select: { number: true } });
    return row?.number ?? null;
  }

  private async transcriptOf(conversationId: string): Promise<TranscriptLine[]> {
    const messages = await this.prisma.message.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });
    return messages.map((m) => ({ author: m.authorKind, authorName: m.authorName, body: m.body, at: m.createdAt }));
  }
}

