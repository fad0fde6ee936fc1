import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { StaffAlertStream } from '../../src/conversations/lifecycle';
import type { LifecycleEvent } from '../../src/conversations/lifecycle';
import { Role } from '../../src/generated/prisma/enums';
import { FakeDiscord } from '../fakes/discord';
import { eventually } from './eventually';
import { FakeTime } from './fake-time';
import { createTestApp, TestApp } from './test-app';
import { OpenApiViolations } from './openapi-responses';
import { discordEnv } from './test-discord';

/**
 * The help chat through the real discord.js and the fake Discord, the leads' queue as agent
 * platform, a fake clock, and `restart()`: stop the app as a deploy would, start a new one on the
 * same database. After a restart, send the player no DM: in one Jest process a DM reaching a
 * second app fails on the stopped client's REST (token cleared by destroy); Necord keeps handler
 * metadata on the shared class, a second app in one process shares it, a real restart does not.
 * So each restarting scenario has a file of its own.
 */
export async function lifecycleApp(start: Date, env: Record<string, string> = {}) {
  const discord = await FakeDiscord.start();
  const time = new FakeTime(start);
  const alerts: LifecycleEvent[] = [];
  const config = () => ({ ...discordEnv(discord), QUEUE_POLL_MS: '20', QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200', ...env });
  const boot = async (databaseUrl?: string, discordOff = false) => {
    const env = discordOff ? { ...config(), DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', DISCORD_DEV_GUILD_ID: '' } : config();
    const booted = await createTestApp({ ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    time.attach(booted);
    booted.app.get(StaffAlertStream).events.subscribe((event) => alerts.push(event));
    return booted;
  };
  const first = await boot();
  await discord.waitForCommands();
  const lead = await first.keyFor(Role.LEAD, 'Alex');
  const h = {
    discord,
    time,
    alerts,
    lead,
    app: first,
    restart: async () => {
      await h.app.app.close();
      h.app = await boot(first.databaseUrl);
    },
    replicas: [] as TestApp[],
    /** Another replica on the same database (without the Discord gateway), running its own job worker. */
    replica: async () => {
      const replica = await boot(first.databaseUrl, true);
      h.replicas.push(replica);
      return replica;
    },
    close: async () => {
      for (const replica of h.replicas) await replica.close();
      await h.app.close();
      // first was stopped by restart(): closing it again may fail, but not what its responses showed.
      if (h.app !== first) await first.close().catch((error: unknown) => {
        if (error instanceof OpenApiViolations) throw error;
      });
      await discord.close();
    },
    travelTo: (at: Date) => time.travelTo(h.app, at),
    dms: (user: APIUser, text: string) => discord.dmMessages(user.id).filter((m) => m.author.id === discord.botUser.id && m.content.includes(text)),
    dm: (user: APIUser, text: string) => eventually(() => h.dms(user, text)[0], 8000, `a DM with "${text}"`) as Promise<APIMessage>,
    say: (user: APIUser, content: string) => eventually(() => discord.dispatchMessage({ user, content }), 8000, 'a gateway session'),
    caseOf: async (user: APIUser) => {
      const chat = await eventually(() => h.app.prisma.conversation.findFirst({ where: { playerId: user.id, caseId: { not: null } }, orderBy: { createdAt: 'desc' } }), 8000, 'the hand-off');
      return h.app.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! }, include: { events: { orderBy: { id: 'asc' } } } });
    },
    /** The player asks for a person; resolves once the request is recorded on the case. */
    askForAgent: async (user: APIUser) => {
      await h.say(user, 'I want to talk to a human');
      await h.dm(user, 'Transferring you to a live agent');
      await eventually(async () => (await h.caseOf(user)).agentRequestedAt, 5000, 'the request recorded');
      return h.caseOf(user);
    },
    leadReplies: async (caseNumber: number, body: string) => {
      const res = await h.app.request({ method: 'POST', url: `/api/cases/${caseNumber}/messages`, headers: lead, payload: { body } });
      if (res.statusCode !== 201) throw new Error(`reply: ${res.statusCode} ${res.body}`);
    },
  };
  return h;
}

export type LifecycleApp = Awaited<ReturnType<typeof lifecycleApp>>;
