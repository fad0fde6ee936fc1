import type { APIUser } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';
import { startTestTwilio, TestTwilio } from '../utils/test-twilio';

const MESSAGES = 'POST /v1/Conversations/{ConversationSid}/Messages';

/**
 * Flex as Twilio really behaves, through discord.js and twilio-node against the fakes: the
 * agent's arrival, the end of the chat and "nobody took it" come from TaskRouter's signed
 * workspace events, not from conversation webhooks (which Flex's backend actions never fire).
 */
describe('Flex through TaskRouter events', () => {
  let twilio: TestTwilio;
  let app: DiscordTestApp;

  beforeAll(async () => {
    twilio = await startTestTwilio();
    app = await createDiscordTestApp({ ...twilio.env, QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200', QUEUE_POLL_MS: '20' });
    twilio.connect(app);
  });
  afterAll(async () => {
    await app.close();
    await twilio.stop();
  });

  const botDms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  const dmWith = (user: APIUser, text: string) => eventually(() => botDms(user).find((m) => m.content.includes(text)), 5000, `a DM with "${text}"`);
  const count = (user: APIUser, text: string) => botDms(user).filter((m) => m.content.includes(text)).length;

  async function transfer(player: APIUser, locale = 'en-US', ask = 'can I talk to a live agent please', told = 'Transferring you'): Promise<{ conversationSid: string; caseNumber: number }> {
    await app.discord.waitForReply(app.discord.dispatchInteraction(app.discord.slashCommand({ name: 'helpme', user: player, locale })));
    app.discord.dispatchMessage({ user: player, content: ask });
    const transferred = await dmWith(player, told);
    const row = await eventually(() => app.prisma.conversation.findFirst({ where: { playerId: player.id, platformKey: { not: null } } }), 5000, 'the Twilio conversation');
    await twilio.fake.settle();
    return { conversationSid: row.platformKey!, caseNumber: Number(/#(\d+)/.exec(transferred.content)![1]) };
  }

  it('the agent accepts: the player is told once, though a participant webhook and a redelivery also come', async () => {
    const player = app.discord.user({ username: 'accepted' });
    const { conversationSid, caseNumber } = await transfer(player);

    await twilio.fake.acceptTask(conversationSid, { name: 'alice@example.com', attributes: { full_name: 'Alice' } });
    await dmWith(player, 'Alice from the support team has joined');
    const accepted = twilio.fake.taskRouter.events.find((e) => e.eventType === 'reservation.accepted' && e.delivered?.params.TaskAttributes.includes(conversationSid))!.delivered!;
    expect(accepted.status).toBe(204);
    expect(accepted.headers['x-twilio-signature']).toBeTruthy();
    // Secondary signals: an SDK-side join of the same agent, and TaskRouter retrying the event.
    await twilio.fake.sdkParticipantJoins(conversationSid, 'alice@example.com');
    expect((await twilio.fake.redeliver(accepted)).status).toBe(204);
    await app.app.get(JobQueue).drain();

    expect(count(player, 'has joined')).toBe(1);
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Alice' });
    // Flex added the agent through its backend: no participant webhook fired for it.
    expect(twilio.fake.deliveries.filter((d) => d.params.EventType === 'onParticipantAdded' && d.params.Source !== 'SDK')).toEqual([]);
  });

  it('nobody accepts within the workflow timeout: told in their language, the case stays open, the chat waits for staff', async () => {
    const player = app.discord.user({ username: 'nobody' });
    const { conversationSid, caseNumber } = await transfer(player, 'fr', 'je veux parler à un conseiller', 'Je te transfère');

    await twilio.fake.workflowTimeout(conversationSid);
    const told = await dmWith(player, "Aucun conseiller n'est disponible");
    expect(told.content).toContain(`#${caseNumber}`);
    expect(twilio.fake.taskRouter.events.filter((e) => e.delivered).map((e) => e.eventType)).toEqual(expect.arrayContaining(['workflow.timeout', 'task.canceled']));
    await app.app.get(JobQueue).drain();
    expect(count(player, "Aucun conseiller n'est disponible")).toBe(1); // timeout and cancel: one notice

    expect((await app.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).status).toBe('OPEN');
    const lead = await app.keyFor(Role.LEAD, 'Misty');
    const waiting = (await app.request({ method: 'GET', url: '/api/conversations', headers: lead })).json() as { mode: string; transport: string; case: { number: number } | null }[];
    expect(waiting.find((c) => c.case?.number === caseNumber)).toMatchObject({ mode: 'AGENT_REQUESTED', transport: 'leads' });

    // The player's next message stays for the staff (stored, not posted into the abandoned Flex chat).
    const relayedBefore = twilio.fake.calls(MESSAGES).length;
    app.discord.dispatchMessage({ user: player, content: 'toujours là ?' });
    await eventually(() => app.prisma.message.findFirst({ where: { body: 'toujours là ?' } }), 5000, 'the stored message');
    await app.app.get(JobQueue).drain();
    expect(twilio.fake.calls(MESSAGES).length).toBe(relayedBefore);

    // A lead answers from the REST queue.
    const reply = await app.request({ method: 'POST', url: `/api/cases/${caseNumber}/messages`, headers: lead, payload: { body: 'Bonjour, je regarde ton dossier.' } });
    expect(reply.statusCode).toBeLessThan(300);
    await dmWith(player, 'je regarde ton dossier');
  });

  it('a lead closes from our side: the interaction channel closes with routing status closed and the task completes', async () => {
    const player = app.discord.user({ username: 'leadcloses' });
    const { conversationSid } = await transfer(player);
    await twilio.fake.acceptTask(conversationSid);
    await dmWith(player, 'has joined');
    const chat = await app.prisma.conversation.findFirstOrThrow({ where: { platformKey: conversationSid } });

    const lead = await app.keyFor(Role.LEAD);
    expect((await app.request({ method: 'POST', url: `/api/conversations/${chat.id}/close`, headers: lead })).statusCode).toBe(204);
    await dmWith(player, 'This chat has been closed');

    // The close reaches Flex from the queue, right after the 204.
    const closed = await eventually(
      () => twilio.fake.calls('POST /v1/Interactions/{InteractionSid}/Channels/{Sid}').find((r) => r.path.includes(String((chat.platformRefs as Record<string, string>).interactionSid))),
      8000,
      'the Interaction channel closed',
    );
    expect(closed.params).toEqual({ Status: 'closed', Routing: '{"status":"closed"}' });
    await twilio.fake.settle();
    const task = twilio.fake.taskFor(conversationSid);
    expect(task.assignmentStatus).toBe('completed');
    expect(task.reservations.map((r) => r.status)).toEqual(['completed']);
    // Its task.completed comes back to us and changes nothing: the player was told once.
    await app.app.get(JobQueue).drain();
    expect(count(player, 'This chat has been closed')).toBe(1);
    expect(twilio.fake.calls('POST /v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}')).toEqual([]); // never through the Task API
  });
});
