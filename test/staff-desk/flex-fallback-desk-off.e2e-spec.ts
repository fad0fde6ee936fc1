import { snowflake } from '../fakes/discord';
import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from '../utils/eventually';
import { createFlexStaffDeskApp, FlexStaffDeskTestApp } from './flex-staff-desk-app';
import { spyOnErrors, staffDeskLines } from './staff-desk-app';

const error = spyOnErrors();

/** Flex on, the staff desk configured but turned off at start-up: a chat nobody accepts still reaches the leads' REST queue. */
describe('Flex fallback when the staff desk is off', () => {
  let t: FlexStaffDeskTestApp;
  beforeAll(async () => (t = await createFlexStaffDeskApp({ staffChannelId: snowflake() })));
  afterAll(() => t?.close());

  it('the timed-out chat waits in the REST queue, the player is told once, and a lead answers from there', async () => {
    await eventually(() => staffDeskLines(error).length > 0, 10_000, 'the start-up line');
    const player = t.discord.user({ username: 'deskoff' });
    const { caseNumber, flexChat } = await t.askFlex(player);

    await t.twilio.fake.workflowTimeout(flexChat.platformKey!);
    await t.dmContaining(player, 'No agent is free right now');
    await eventually(async () => (await t.prisma.conversation.findUniqueOrThrow({ where: { id: flexChat.id } })).platform === 'leads', 8000, 'the REST queue');
    await t.app.get(JobQueue).drain();
    expect(t.count(player, 'No agent is free right now')).toBe(1); // timeout and cancel: one notice
    expect(t.discord.requestsTo('/channels/{channel_id}/threads', 'POST')).toHaveLength(0);

    const lead = await t.keyFor(Role.LEAD);
    const waiting = (await t.request({ method: 'GET', url: '/api/conversations', headers: lead })).json() as { mode: string; transport: string; case: { number: number } | null }[];
    expect(waiting.find((c) => c.case?.number === caseNumber)).toMatchObject({ mode: 'AGENT_REQUESTED', transport: 'leads' });
    const reply = await t.request({ method: 'POST', url: `/api/cases/${caseNumber}/messages`, headers: lead, payload: { body: 'A lead is looking at it.' } });
    expect(reply.statusCode).toBeLessThan(300);
    await t.dmContaining(player, 'A lead is looking at it.');
  });
});
