import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { eventually } from '../utils/eventually';
import { announcementServer, AnnouncementTestApp, createAnnouncementTestApp, MANAGE_GUILD } from './announcement-test-app';

const HOUR = 3_600_000;

describe('/announce: form, private preview, post now or at its time', () => {
  const server = announcementServer();
  let t: AnnouncementTestApp;
  let manager: APIUser;

  beforeAll(async () => {
    t = await createAnnouncementTestApp(server, { DISCORD_ANNOUNCER_ROLE_IDS: server.staffRoleId });
    manager = t.discord.user({ username: 'community_cam' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const posted = () => t.discord.channels.get(server.announcementsId)!.messages;
  const dispatch = (payload: Parameters<AnnouncementTestApp["discord"]["dispatchInteraction"]>[0]) => t.discord.dispatchInteraction(payload);

  /** Runs /announce and submits the form; returns the ephemeral preview. */
  async function submitForm(values: Record<string, string>, member: { permissions?: string; roles?: string[] } = { permissions: MANAGE_GUILD }) {
    const command = dispatch(t.discord.slashCommand({ name: 'announce', user: manager, channelId: server.generalId, ...member }));
    const modal = await eventually(() => t.discord.interactions.get(command.token)?.modal, 5000, 'the modal');
    expect(modal.custom_id).toBe('announce/new');
    const ids = modal.components.flatMap((row: { components: { custom_id: string }[] }) => row.components.map((c) => c.custom_id));
    expect(ids).toEqual(['title', 'body', 'image', 'role', 'when']);
    const submit = dispatch(t.discord.modalSubmit({ customId: 'announce/new', values: { image: '', role: '', when: '', ...values }, user: manager, channelId: server.generalId, ...member }));
    return t.discord.waitForReply(submit);
  }

  async function click(message: APIMessage, label: string, member: { permissions?: string; roles?: string[] } = { permissions: MANAGE_GUILD }): Promise<APIMessage> {
    const button = (message.components![0] as { components: { label: string; custom_id: string }[] }).components.find((c) => c.label === label)!;
    const interaction = dispatch(t.discord.button({ customId: button.custom_id, user: manager, message, ...member }));
    return eventually(() => {
      const state = t.discord.interactions.get(interaction.token)!;
      return state.responseType === 7 ? state.message : undefined;
    }, 5000, `the answer to ${label}`);
  }

  it('is refused to members without Manage Server or an announcer role', async () => {
    const player = t.discord.user();
    const command = dispatch(t.discord.slashCommand({ name: 'announce', user: player, channelId: server.generalId }));
    const reply = await t.discord.waitForReply(command);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/Manage Server/);
    expect(t.discord.interactions.get(command.token)!.modal).toBeUndefined();
  });

  it('a scheduled /announce shows a private preview, then posts at its time and is crossposted', async () => {
    const preview = await submitForm({ title: 'Double XP weekend', body: 'All weekend long!', when: 'in 2h', image: 'https://game.example/xp.png' });
    expect(preview.ephemeral).toBe(true);
    expect(preview.message.embeds[0]).toMatchObject({ title: 'Double XP weekend', description: 'All weekend long!', image: { url: 'https://game.example/xp.png' } });
    expect(preview.message.content).toMatch(new RegExp(`<#${server.announcementsId}> at <t:\\d+:F>`));

    const answer = await click(preview.message, 'Schedule');
    expect(answer.content).toMatch(/^Scheduled for <t:\d+:F>\.$/);
    await new Promise((resolve) => setTimeout(resolve, 300)); // several ticks: not due yet
    expect(posted().some((m) => m.embeds[0]?.title === 'Double XP weekend')).toBe(false);

    t.advance(2 * HOUR + 60_000);
    const message = await eventually(() => posted().find((m) => m.embeds[0]?.title === 'Double XP weekend'), 10_000, 'the scheduled post');
    await eventually(() => t.discord.requestsTo('/channels/{channel_id}/messages/{message_id}/crosspost', 'POST').some((r) => r.params.message_id === message.id && r.status === 200), 10_000, 'the crosspost');
    expect(posted().filter((m) => m.embeds[0]?.title === 'Double XP weekend')).toHaveLength(1);
  });

  it('an announcer role may post at once with a role mention; Cancel posts nothing', async () => {
    const member = { roles: [server.staffRoleId] };
    const preview = await submitForm({ title: 'Servers are back', body: 'Thanks for waiting.', role: '<@&323456789012345678>' }, member);
    expect(preview.message.content).toContain('mentioning <@&323456789012345678>');
    expect((await click(preview.message, 'Post', member)).content).toBe('Posting now.');
    const message = await eventually(() => posted().find((m) => m.embeds[0]?.title === 'Servers are back'), 10_000, 'the post');
    expect(message.content).toBe('<@&323456789012345678>');

    const discarded = await submitForm({ title: 'Never mind', body: 'Draft.' }, member);
    expect((await click(discarded.message, 'Cancel', member)).content).toMatch(/^Cancelled/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posted().some((m) => m.embeds[0]?.title === 'Never mind')).toBe(false);
  });

  it('a time it cannot read is refused privately, naming the field', async () => {
    const reply = await submitForm({ title: 'Later', body: 'Sometime.', when: 'next tuesday-ish' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/when: When must be empty, "in 2h"/);
  });
});
