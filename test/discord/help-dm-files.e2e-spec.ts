import type { APIAttachment, APIMessage, APIUser } from 'discord-api-types/v10';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

const KB = 1024;
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size: number) => Buffer.concat([PNG_HEAD, Buffer.alloc(size - PNG_HEAD.length, 7)]);

/** Files in the help DM: bounded per file, per message and per player per day, typed by their bytes. */
describe('help DM files', () => {
  let app: DiscordTestApp;

  beforeAll(async () => {
    app = await createDiscordTestApp({
      DISCORD_ATTACHMENT_MAX_BYTES: String(64 * KB),
      DISCORD_ATTACHMENT_MAX_FILES: '3',
      DISCORD_ATTACHMENT_DAILY_BYTES: String(150 * KB),
      DISCORD_DM_PER_MINUTE: '6',
    });
  });
  afterAll(() => app.close());

  const dms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  const dmContaining = (user: APIUser, text: string) => eventually(() => dms(user).find((m) => m.content.includes(text)), 5000, `a DM with "${text}"`) as Promise<APIMessage>;
  const stored = (user: APIUser) =>
    app.prisma.messageMedia.findMany({ where: { message: { conversation: { playerId: user.id } } }, orderBy: { createdAt: 'asc' }, select: { filename: true, contentType: true, size: true } });
  const file = (filename: string, data: Buffer, contentType = 'image/png'): APIAttachment => app.discord.addAttachment({ filename, data, contentType });
  const send = (user: APIUser, content: string, attachments: APIAttachment[]) => app.discord.dispatchMessage({ user, content, attachments });
  const storedMessage = (user: APIUser, body: string) =>
    eventually(() => app.prisma.message.findFirst({ where: { body, conversation: { playerId: user.id } } }), 5000, `the message "${body}"`);

  it('refuses a file whose bytes are HTML though its name says .png, and tells the player', async () => {
    const player = app.discord.user({ username: 'html-png' });
    send(player, 'here is my screenshot', [file('screenshot.png', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'))]);
    const notice = await dmContaining(player, 'screenshot.png');
    expect(notice.content).toBe('`screenshot.png` was not received: send images, short videos or text/log files.');
    await storedMessage(player, 'here is my screenshot'); // the words still count
    expect(await stored(player)).toEqual([]);
  });

  it('types files by their bytes, not by what the player declared', async () => {
    const player = app.discord.user({ username: 'typed' });
    send(player, 'files', [file('shot.png', png(2 * KB), 'application/octet-stream'), file('client.log', Buffer.from('ERROR 42 at level 3\n'), 'image/png')]);
    await storedMessage(player, 'files');
    expect(await stored(player)).toEqual([
      { filename: 'shot.png', contentType: 'image/png', size: 2 * KB },
      { filename: 'client.log', contentType: 'text/plain; charset=utf-8', size: 20 },
    ]);
    expect(dms(player).some((m) => m.content.includes('not received'))).toBe(false);
  });

  it('takes up to the per-message count and the size cap, naming each refused file; a lying size is caught while downloading', async () => {
    const player = app.discord.user({ username: 'many' });
    const liar = { ...file('liar.png', png(100 * KB)), size: 1 * KB };
    send(player, 'five files', [file('big.png', png(65 * KB)), liar, file('a.png', png(KB)), file('b.png', png(KB)), file('c.png', png(KB))]);
    await storedMessage(player, 'five files');
    const notice = await dmContaining(player, 'big.png');
    expect(notice.content.split('\n')).toEqual([
      '`big.png` was not received: files may be up to 64 KB.',
      '`liar.png` was not received: files may be up to 64 KB.',
      '`b.png` was not received: up to 3 files per message.',
      '`c.png` was not received: up to 3 files per message.',
    ]);
    expect((await stored(player)).map((f) => f.filename)).toEqual(['a.png']);
  });

  it("keeps a daily quota per player, and says so in the player's language", async () => {
    const player = app.discord.user({ username: 'quota' });
    app.discord.dispatchInteraction(app.discord.slashCommand({ name: 'helpme', user: player, locale: 'fr' }));
    await eventually(() => app.prisma.conversation.findFirst({ where: { playerId: player.id } }), 5000, 'the French chat');
    send(player, 'un', [file('1.png', png(60 * KB)), file('2.png', png(60 * KB))]);
    await storedMessage(player, 'un');
    send(player, 'deux', [file('3.png', png(60 * KB)), file('4.png', png(20 * KB))]);
    await storedMessage(player, 'deux');
    const notice = await dmContaining(player, '3.png');
    expect(notice.content).toBe("`3.png` n'a pas été reçu : il dépasserait ta limite de 150 KB de fichiers par jour. Décris le problème par écrit, ou réessaie demain.");
    expect((await stored(player)).map((f) => f.filename)).toEqual(['1.png', '2.png', '4.png']);
    // Another player has a quota of their own.
    const other = app.discord.user({ username: 'quota-2' });
    send(other, 'mine', [file('5.png', png(60 * KB))]);
    await storedMessage(other, 'mine');
    expect((await stored(other)).map((f) => f.filename)).toEqual(['5.png']);
  });

  it('refuses a DM flood with one notice, and keeps the messages within the limit', async () => {
    const player = app.discord.user({ username: 'flood' });
    for (let i = 1; i <= 10; i++) send(player, `spam ${i}`, []);
    await dmContaining(player, 'faster than we can read them');
    await eventually(async () => (await app.prisma.message.count({ where: { authorKind: 'PLAYER', conversation: { playerId: player.id } } })) === 6, 5000, 'six stored');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dms(player).filter((m) => m.content.includes('faster than we can read them'))).toHaveLength(1);
    const bodies = await app.prisma.message.findMany({ where: { authorKind: 'PLAYER', conversation: { playerId: player.id } }, orderBy: { id: 'asc' }, select: { body: true } });
    expect(bodies.map((b) => b.body)).toEqual(['spam 1', 'spam 2', 'spam 3', 'spam 4', 'spam 5', 'spam 6']);
  });
});
