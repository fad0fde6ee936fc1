import type { APIUser } from 'discord-api-types/v10';
import type { Conversation } from '../../src/generated/prisma/client';
import { eventually } from '../utils/eventually';
import { startTestTwilio, TestTwilio } from '../utils/test-twilio';
import { createStaffDeskApp, StaffDeskOptions, StaffDeskTestApp } from './staff-desk-app';

export interface FlexStaffDeskTestApp extends StaffDeskTestApp {
  twilio: TestTwilio;
  /** How many DMs to the player contain `text`. */
  count(user: APIUser, text: string): number;
  /** The player asks for a person; resolves with the case number once Flex has the chat. */
  askFlex(user: APIUser, content?: string, transferred?: string): Promise<{ caseNumber: number; flexChat: Conversation }>;
}

/**
 * Flex as the agent platform (a fake Twilio) and the Discord staff desk configured as its
 * fallback, with a fast queue; `close()` stops both.
 */
export async function createFlexStaffDeskApp(options: StaffDeskOptions = {}): Promise<FlexStaffDeskTestApp> {
  const twilio = await startTestTwilio();
  let t: StaffDeskTestApp;
  try {
    t = await createStaffDeskApp({ ...options, env: { ...twilio.env, QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200', QUEUE_POLL_MS: '20', ...options.env } });
  } catch (error) {
    await twilio.stop();
    throw error;
  }
  twilio.connect(t);
  return {
    ...t,
    twilio,
    count: (user, text) => t.dms(user).filter((m) => m.content.includes(text)).length,
    askFlex: async (user, content = 'can I talk to a live agent please', transferred = 'Transferring you') => {
      t.discord.dispatchMessage({ user, content });
      const transfer = await t.dmContaining(user, transferred);
      const caseNumber = Number(/#(\d+)/.exec(transfer.content)![1]);
      const flexChat = await eventually(() => t.prisma.conversation.findFirst({ where: { playerId: user.id, platform: 'flex', platformKey: { not: null } } }), 8000, 'the Flex hand-off');
      await twilio.fake.settle();
      return { caseNumber, flexChat };
    },
    close: async () => {
      await t.close();
      await twilio.stop();
    },
  };
}
