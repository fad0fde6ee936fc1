import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import { HelpCases } from '../cases/help-cases';
import { BridgeMetrics } from '../operations/metrics/bridge-metrics';
import { Chat, toChatRef } from './chat';
import { helpMessage } from './help-messages';
import { PlayerDelivery } from './player-delivery';
import { AgentPlatform, PlayerNotice, SupportBot } from './ports';

/** The bot's turn: its answer (articles, or the offer of a person) in the language it answered in. */
@Injectable()
export class BotReplies {
  constructor(
    private readonly bot: SupportBot,
    private readonly delivery: PlayerDelivery,
    private readonly platform: AgentPlatform,
    private readonly helpCases: HelpCases,
    private readonly clock: Clock,
    @Optional() private readonly metrics?: BridgeMetrics,
  ) {}

  async answer(chat: Chat, question: string, inReplyTo?: string): Promise<void> {
    const answer = await this.bot.answer(question, chat.locale);
    this.metrics?.botAnswered(answer.fallback);
    const agentButtonLabel = helpMessage(answer.locale, 'agentButton');
    // The bot's own words when it has some (small talk, a written answer), else the core's standard lines.
    const text = answer.text || helpMessage(answer.locale, answer.fallback && !answer.articles.length ? 'nothingFound' : 'articlesFound');
    const notice: PlayerNotice = answer.articles.length ? { text, articles: answer.articles, agentButtonLabel } : { text, agentButtonLabel };
    if (answer.feedbackId && answer.feedbackLabels) notice.feedback = { id: answer.feedbackId, yesLabel: answer.feedbackLabels.yes, noLabel: answer.feedbackLabels.no };
    const body = [notice.text, ...(notice.articles ?? []).map((a) => `- ${a.title} (${a.url})`)].join('\n');
    await this.delivery.say(chat, notice, { kind: 'BOT', name: 'bot' }, body, inReplyTo ? { inReplyTo } : undefined);
    // A platform running its own flow keeps the whole dialogue, the bot's turns included.
    if (this.platform.capabilities.routesInOwnFlow) {
      const ref = toChatRef(chat, await this.helpCases.numberOf(chat.caseId));
      await this.platform.mirror(ref, { author: 'BOT', authorName: 'bot', body, at: this.clock.now() });
    }
  }
}
