import type { APIUser } from 'discord-api-types/v10';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/generated/prisma/enums';
import { snowflake } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

export interface DeskApp {
  app: DiscordTestApp;
  /** http://127.0.0.1:<port>: the desk and the API on one origin. */
  base: string;
  lead: { authorization: string };
  leadKey: string;
  viewerKey: string;
  staffRole: string;
  close(): Promise<void>;
}

/**
 * The real app on a socket, logged in to the fake Discord, which also plays Discord's OAuth2 server
 * ("Sign in with Discord" is on); the desk built from this checkout's sources.
 */
export async function startDeskApp(): Promise<DeskApp> {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'desk', 'build.mjs')], { stdio: 'pipe' });
  const staffRole = snowflake();
  const clientId = snowflake();
  const app = await createDiscordTestApp((fake) => ({
    DISCORD_CLIENT_ID: clientId,
    DISCORD_CLIENT_SECRET: 'desk-client-secret',
    DISCORD_GUILD_ID: fake.guild.id,
    DISCORD_STAFF_ROLE_ID: staffRole,
  }));
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.app.getUrl();
  app.discord.oauth2.registerApp({ clientId, clientSecret: 'desk-client-secret', redirectUris: [`${base}/desk/auth/discord/callback`] });
  const lead = await app.keyFor(Role.LEAD, 'Alex Rivera');
  const viewer = await app.keyFor(Role.VIEWER, 'Vic Viewer');
  const secret = (header: { authorization: string }) => header.authorization.slice('Bearer '.length);
  return { app, base, lead, leadKey: secret(lead), viewerKey: secret(viewer), staffRole, close: () => app.close() };
}

export const botDms = (app: DiscordTestApp, user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);

export const dmWith = (app: DiscordTestApp, user: APIUser, text: string) =>
  eventually(() => botDms(app, user).find((m) => JSON.stringify(m).includes(text)), 15_000, `a DM to ${user.username} with "${text}"`);

/** The player asks the bot for a person; resolves with the HELP case number the transfer DM names. */
export async function askForPerson(app: DiscordTestApp, player: APIUser, text = 'I want to talk to a human'): Promise<number> {
  app.discord.dispatchMessage({ user: player, content: text });
  const transfer = await eventually(() => botDms(app, player).find((m) => /#\d+/.test(m.content)), 15_000, 'the transfer DM');
  return Number(/#(\d+)/.exec(transfer.content)![1]);
}

export async function signIn(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/desk`);
  await page.getByLabel('API key').fill(key);
  await page.getByLabel('API key').press('Enter');
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}
