import { Inject, Injectable } from '@nestjs/common';
import { Chat } from './chat';
import { LeadsQueuePlatform } from './leads-queue.platform';
import { AgentPlatform, FALLBACK_AGENT_PLATFORM } from './ports';

/**
 * Which agent platform carries a chat now, by the platform its record names: the fallback once
 * the chat fell back there (a staff thread after nobody accepted it in Flex), the leads' queue
 * after every hand-off failed, else the configured agent platform. Every core unit that relays,
 * mirrors or closes asks here, so none acts on a platform the chat has left.
 */
@Injectable()
export class Carriers {
  private readonly leads = new LeadsQueuePlatform();

  constructor(
    private readonly platform: AgentPlatform,
    @Inject(FALLBACK_AGENT_PLATFORM) private readonly fallback: AgentPlatform,
  ) {}

  of(chat: Pick<Chat, 'platform'>): AgentPlatform {
    const name = chat.platform;
    if (name === null || name === this.platform.name) return this.platform;
    if (name === this.fallback.name) return this.fallback;
    // The leads' queue (the last resort), or a platform no longer configured since the chat went
    // there: its key means nothing to the platforms we have, so leads answer from the transcript.
    return this.leads;
  }
}
