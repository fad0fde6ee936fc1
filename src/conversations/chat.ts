import type { ChatRef, Locale, PlatformRefs, PlayerRef } from './ports';

export type ChatMode = 'BOT' | 'AGENT_REQUESTED' | 'AGENT' | 'CLOSED';

/** A help chat as the core's handlers see it (the store maps rows to this). */
export interface Chat {
  id: string;
  player: PlayerRef;
  locale: Locale;
  mode: ChatMode;
  platform: string | null;
  platformKey: string | null;
  platformRefs: PlatformRefs;
  agentName: string | null;
  caseId: string | null;
}

/** A chat waiting for an agent, or with one. */
export const isWithAgent = (chat: Chat): boolean => chat.mode === 'AGENT_REQUESTED' || chat.mode === 'AGENT';

export type AuthorKind = 'PLAYER' | 'BOT' | 'AGENT' | 'SYSTEM';

/** The chat as agent platforms are given it. */
export function toChatRef(chat: Chat, caseNumber: number | null): ChatRef {
  return {
    conversationId: chat.id,
    player: chat.player,
    locale: chat.locale,
    caseNumber,
    platformKey: chat.platformKey,
    platformRefs: chat.platformRefs,
  };
}
