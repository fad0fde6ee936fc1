import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import { HelpCases } from '../cases/help-cases';
import { BridgeMetrics } from '../operations/metrics/bridge-metrics';
import { Chat, isWithAgent, toChatRef } from './chat';
import { ConversationStore } from './conversation-store';
import { helpMessage } from './help-messages';
import { ChatLifecycle } from './lifecycle/chat-lifecycle';
import { MessageStore } from './message-store';
import { PlayerDelivery } from './player-delivery';
import { LEADS_QUEUE } from './leads-queue.platform';
import { AgentPlatform, FALLBACK_AGENT_PLATFORM, HandOff, PlayerChannel, StaffAlert, StaffAlerts } from './ports';

const SYSTEM = { kind: 'SYSTEM' as const, name: 'system' };

/** A chat's way to a person and back: request an agent, an agent present, the chat closed. */
@Injectable()
export class HandOffService {
  private readonly logger = new Logger(HandOffService.name);

  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly delivery: PlayerDelivery,
    private readonly helpCases: HelpCases,
    private readonly platform: AgentPlatform,
    private readonly player: PlayerChannel,
    private readonly clock: Clock,
    @Inject(FALLBACK_AGENT_PLATFORM) private readonly fallback: AgentPlatform,
    private readonly lifecycle: ChatLifecycle,
    private readonly alerts: StaffAlerts,
    @Optional() private readonly metrics?: BridgeMetrics,
  ) {}

  /** The player asked for a person: a HELP case (or their open one), the transfer message, the hand-off. */
  async requestAgent(chat: Chat): Promise<void> {
    if (isWithAgent(chat) || !(await this.store.startHandOff(chat.id))) {
      const n = (await this.helpCases.numberOf(chat.caseId)) ?? 0;
      await this.delivery.say(chat, { text: helpMessage(chat.locale, 'alreadyTransferring', { n }) }, SYSTEM);
      return;
    }
    this.metrics?.agentRequests.inc();
    const requester = { id: chat.player.id, displayName: chat.player.displayName, locale: chat.locale, actor: `${this.player.name}:${chat.player.id}` };
    const helpCase = await this.helpCases.openOrReuse(chat.caseId, requester, await this.messages.recentPlayerBodies(chat, 5));
    chat = await this.store.update(chat.id, { caseId: helpCase.id });
    await this.delivery.say(chat, { text: helpMessage(chat.locale, 'transferring', { n: helpCase.number }) }, SYSTEM);
    await this.lifecycle.agentRequested(chat, helpCase);
    const transcript = await this.messages.transcript(chat);
    const previousCaseNumber = await this.helpCases.numberOf(await this.store.previousCaseOf(chat.player.id, chat.id));
    let carriedBy = this.platform.name;
    const handOff: HandOff = {
      ...toChatRef(chat, helpCase.number),
      caseNumber: helpCase.number,
      transcript,
      previousCaseNumber: previousCaseNumber === helpCase.number ? null : previousCaseNumber,
      requestedAt: this.clock.now(),
    };
    try {
      const result = await this.platform.handOff(handOff);
      await this.store.update(chat.id, {
        platform: this.platform.name,
        platformKey: result.platformKey ?? chat.platformKey,
        platformRefs: { ...chat.platformRefs, ...result.platformRefs },
      });
    } catch (error) {
      // The case exists and the chat stays waiting: on the fallback platform, or at least in GET /api/conversations.
      this.logger.error({ err: error }, `Hand-off of case #${helpCase.number} to ${this.platform.name} failed; the chat waits on ${this.fallback.name}`);
      await this.store.update(chat.id, { platform: this.fallback.name });
      carriedBy = await this.handOffToFallback(chat, handOff);
    }
    await this.alert('chatWaiting', { caseNumber: helpCase.number, player: chat.player, locale: chat.locale, platform: carriedBy });
  }

  /**
   * An agent is with the player now: announced once per agent however often the platform says
   * so (a redelivery after a failed send delivers the stored announcement); the case follows.
   */
  async agentPresent(chat: Chat, agentName: string | null, actor: string, onlyIfNoAgent = false): Promise<void> {
    const event = `agentJoined:${agentName ?? ''}`;
    if (await this.store.markAgentPresent(chat.id, agentName, onlyIfNoAgent)) {
      const caseNumber = await this.helpCases.numberOf(chat.caseId);
      if (caseNumber !== null) await this.helpCases.agentAssigned(caseNumber, agentName, actor);
      const name = agentName ?? helpMessage(chat.locale, 'anAgent');
      await this.delivery.say(chat, { text: helpMessage(chat.locale, 'agentJoined', { name }) }, SYSTEM, undefined, { event });
      return;
    }
    await this.delivery.retryAnnouncement(chat, event);
  }

  /**
   * Nobody took the chat: told once in the player's language, the case stays open, and the chat
   * waits on the fallback platform (which gets the hand-off; a redelivery re-sends the notice only).
   */
  async noAgent(chat: Chat): Promise<void> {
    const event = 'noAgentFree';
    if (!(await this.store.fallBack(chat.id, this.fallback.name))) {
      await this.delivery.retryAnnouncement(chat, event);
      return;
    }
    const n = (await this.helpCases.numberOf(chat.caseId)) ?? 0;
    await this.delivery.say(chat, { text: helpMessage(chat.locale, 'noAgentFree', { n }) }, SYSTEM, undefined, { event });
    const transcript = await this.messages.transcript(chat);
    await this.handOffToFallback(chat, { ...toChatRef(chat, n), caseNumber: n, transcript });
  }

  /**
   * The fallback platform takes the chat (platform already recorded as its name); when it cannot,
   * the chat waits in the leads' REST queue instead. Returns the platform now carrying the chat.
   */
  private async handOffToFallback(chat: Chat, handOff: HandOff): Promise<string> {
    try {
      const result = await this.fallback.handOff(handOff);
      if (result.platformKey || result.platformRefs) {
        await this.store.update(chat.id, { platformKey: result.platformKey ?? chat.platformKey, platformRefs: { ...chat.platformRefs, ...result.platformRefs } });
      }
      return this.fallback.name;
    } catch (error) {
      if (this.fallback.name === LEADS_QUEUE) throw error;
      this.logger.error({ err: error }, `Hand-off of case #${handOff.caseNumber} to ${this.fallback.name} failed; the chat waits on ${LEADS_QUEUE}`);
      await this.store.update(chat.id, { platform: LEADS_QUEUE });
      return LEADS_QUEUE;
    }
  }

  /**
   * Ends the chat once; the player is told, and their next message starts over with the bot.
   * `closePlatform`: a desk other than the carrying platform closed it, so it ends there too.
   */
  async finish(chat: Chat, closePlatform = false): Promise<boolean> {
    const caseNumber = await this.helpCases.numberOf(chat.caseId);
    const notice = { text: helpMessage(chat.locale, 'chatClosed'), event: 'closed' };
    return this.lifecycle.close(chat, { notice, cause: { by: 'desk' }, caseNumber, closePlatform });
  }

  /** Staff alerts are best effort: the chat goes on whatever the alert channel says. */
  private async alert(kind: 'chatWaiting', alert: StaffAlert): Promise<void> {
    await this.alerts[kind](alert).catch((error: unknown) => this.logger.warn({ err: error }, `Staff alert (${kind}) for case #${alert.caseNumber} failed`));
  }
}
