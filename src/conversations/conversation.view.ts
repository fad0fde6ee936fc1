import type { Conversation } from '../generated/prisma/client';
import { toLocale } from '../chatbot/locales';
import type { ChatRef } from './ports';

export function toChatRef(conversation: Conversation, caseNumber: number | null): ChatRef {
  return {
    conversationId: conversation.id,
    discordUserId: conversation.discordUserId,
    discordUserName: conversation.discordUserName,
    dmChannelId: conversation.dmChannelId,
    locale: toLocale(conversation.locale),
    caseNumber,
    platformConversationId: conversation.platformConversationId,
    platformInteractionId: conversation.platformInteractionId,
    platformChannelId: conversation.platformChannelId,
  };
}
