import { GatewayIntentBits } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { TEST_PUBLIC_URL } from '../utils/test-twilio';
import { createFlexStaffDeskApp, FlexStaffDeskTestApp } from './flex-staff-desk-app';

/** With Flex configured, Flex carries the chat and the staff channel only gets alerts. */
describe('staff alerts when Twilio Flex is the agent platform', () => {
  let t: FlexStaffDeskTestApp;
  beforeAll(async () => (t = await createFlexStaffDeskApp()));
  afterAll(() => t?.close());

  it('a waiting chat and its close are posted in the staff channel, with the case number, a link and one ping; no thread', async () => {
    // Chats nobody accepts in Flex fall back to staff threads, whose replies need message content.
    const identify = t.discord.gatewayPayloads.find((p) => p.op === 2)!.d as { intents: number };
    expect(identify.intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);

    const player = t.discord.user({ username: 'flexplayer', globalName: 'Ana' });
    const { caseNumber, flexChat } = await t.askFlex(player, undefined, 'Transferring you to a live agent');
    const alert = await eventually(() => t.guild.messages(t.staffChannelId).find((m) => m.content.includes(`Case #${caseNumber}`)), 8000, 'the alert');
    expect(alert.content).toBe(`<@&${t.staffRoleId}> Case #${caseNumber}: Ana (en) is waiting for a person in flex. ${TEST_PUBLIC_URL}/api/cases/${caseNumber}`);
    const post = t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').find((r) => r.params.channel_id === t.staffChannelId)!;
    expect(post.body.allowed_mentions).toEqual({ parse: [], roles: [t.staffRoleId] });
    expect(t.guild.threadsIn(t.staffChannelId)).toHaveLength(0);

    const closed = await t.request({ method: 'POST', url: `/api/conversations/${flexChat.id}/close`, headers: await t.keyFor(Role.LEAD) });
    expect(closed.statusCode).toBe(204);
    await eventually(() => t.guild.messages(t.staffChannelId).find((m) => m.content === `Case #${caseNumber}: the chat with Ana is closed.`), 8000, 'the closed alert');
  });
});
