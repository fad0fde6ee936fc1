import { CaseEventsBus } from '../../src/cases/case-events.bus';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** The reporter's Discord language is stored on the case; their notifications use it. */
describe("notifications in the reporter's language", () => {
  let t: DiscordTestApp;
  let lead: { authorization: string };
  let bugChannel: string;

  beforeAll(async () => {
    t = await createDiscordTestApp((fake) => ({ DISCORD_BUG_CHANNEL_IDS: fake.channel('bug-report') }));
    bugChannel = t.discord.channel('bug-report');
    lead = await t.keyFor(Role.LEAD, 'lead-lee');
  });
  afterAll(() => t?.close());

  const settled = () => t.app.get(CaseEventsBus).settled();

  it("a status change on a French player's case reaches them in French", async () => {
    const player = t.discord.user({ username: 'camille' });
    // /bug answers with its form; the report is filed when the form comes back.
    const command = t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'bug', user: player, locale: 'fr', channelId: bugChannel }));
    await t.discord.waitFor((r) => r.route === '/interactions/{interaction_id}/{interaction_token}/callback' && r.params.interaction_token === command.token);
    const modal = t.discord.interactions.get(command.token)!.modal!;
    const values = { title: 'Carte qui plante', steps: 'Le jeu se ferme quand j’ouvre la carte.', expected: 'La carte s’ouvre.', platform: 'PC', version: '1.4.2' };
    t.discord.dispatchInteraction(t.discord.modalSubmit({ customId: modal.custom_id, values, user: player, channelId: bugChannel, locale: 'fr' }));
    const row = await eventually(() => t.prisma.case.findFirst({ where: { reporterId: player.id } }), 5000, 'the case');
    expect(row!.reporterLocale).toBe('fr');

    const res = await t.request({ method: 'PATCH', url: `/api/cases/${row!.number}`, headers: lead, payload: { status: 'IN_PROGRESS' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().reporter).toMatchObject({ id: player.id, locale: 'fr' });
    await settled();
    const [dm] = t.discord.dmMessages(player.id);
    expect(dm.embeds[0]).toMatchObject({ title: `Dossier #${row!.number} : Carte qui plante`, description: 'Ton dossier est maintenant **En cours**.' });
  });

  it("a public note on a help case from a Spanish chat reaches the player in Spanish", async () => {
    const player = t.discord.user({ username: 'lucia' });
    await t.discord.waitForReply(t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'helpme', user: player, locale: 'es-ES' })));
    t.discord.dispatchMessage({ user: player, content: 'quiero hablar con un humano' });
    const row = await eventually(() => t.prisma.case.findFirst({ where: { reporterId: player.id, type: 'HELP' } }), 5000, 'the help case');
    expect(row!.reporterLocale).toBe('es');
    await t.request({ method: 'POST', url: `/api/cases/${row!.number}/notes`, headers: lead, payload: { body: 'Revisamos tu cuenta.', public: true } });
    await settled();
    const dm = await eventually(() => t.discord.dmMessages(player.id).find((m) => m.embeds?.length), 5000, 'the note DM');
    expect(dm!.embeds[0].description).toContain('El equipo de soporte te dejó un mensaje');
  });
});
