import { Injectable } from '@nestjs/common';
import { AgentPlatform, AgentPlatformCapabilities, HandOffResult } from './ports';

/** The name a chat records when it waits for leads (also after a failed hand-off elsewhere). */
export const LEADS_QUEUE = 'leads';

/**
 * The agent platform when no other is configured: a handed-off chat waits in
 * GET /api/conversations, leads answer with POST /api/cases/:number/messages and close it with
 * POST /api/conversations/:id/close. They read the transcript in Postgres, so nothing is relayed.
 */
@Injectable()
export class LeadsQueuePlatform extends AgentPlatform {
  readonly name = LEADS_QUEUE;
  readonly capabilities: AgentPlatformCapabilities = { relaysPlayerMessages: false, routesInOwnFlow: false };

  async handOff(): Promise<HandOffResult> {
    return {};
  }

  async relayPlayerMessage(): Promise<{ platformMessageId?: string }> {
    return {};
  }

  async mirror(): Promise<void> {}

  async close(): Promise<void> {}
}
