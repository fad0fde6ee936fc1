import { Injectable } from '@nestjs/common';
import { HelpCases } from '../cases/help-cases';
import type { ConversationMode } from '../generated/prisma/enums';
import { ConversationStore } from './conversation-store';
import { MessageStore } from './message-store';

/**
 * What leads read about help chats: the open ones, and a case's whole transcript with each
 * outbound message's delivery status, as the API shows them.
 */
@Injectable()
export class ConversationReadModels {
  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly helpCases: HelpCases,
  ) {}

  async listOpen(mode?: ConversationMode) {
    const rows = await this.store.listByMode(mode);
    return rows.map((c) => ({
      id: c.id,
      mode: c.mode,
      transport: c.platform,
      player: { id: c.playerId, name: c.playerName, locale: c.locale },
      case: c.case ? { number: c.case.number, status: c.case.status } : null,
      agentName: c.agentName,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      lastMessage: c.messages[0] ? { authorKind: c.messages[0].authorKind, body: c.messages[0].body, createdAt: c.messages[0].createdAt } : null,
    }));
  }

  async transcriptOfCase(caseNumber: number) {
    const caseId = await this.helpCases.idOf(caseNumber);
    const messages = await this.messages.ofCase(caseId);
    return {
      case: caseNumber,
      messages: messages.map((m) => ({
        conversationId: m.conversationId,
        direction: m.direction,
        authorKind: m.authorKind,
        authorName: m.authorName,
        body: m.body,
        details: m.details,
        // Messages to the player: whether the player channel took them (null for the player's own).
        delivery: m.deliveryStatus ? { status: m.deliveryStatus, reason: m.deliveryError } : null,
        createdAt: m.createdAt,
      })),
    };
  }
}
