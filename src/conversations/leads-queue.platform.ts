import { Injectable } from '@nestjs/common';
import { AgentPlatform, HandOffResult } from './ports';

/**
 * The agent platform when Twilio Flex is not configured: a handed-off chat waits in
 * GET /api/conversations, leads answer with POST /api/cases/:number/messages and close it with
 * POST /api/conversations/:id/close. The transcript in Postgres is all they need, so relaying
 * and mirroring have nothing more to do.
 */
@Injectable()
export class LeadsQueuePlatform extends AgentPlatform {
  readonly name = 'leads';

  async handOff(): Promise<HandOffResult> {
    return { transport: 'leads' };
  }

  async relayPlayerMessage(): Promise<{ platformMessageId?: string }> {
    return {};
  }

  async mirror(): Promise<void> {}

  async close(): Promise<void> {}
}
