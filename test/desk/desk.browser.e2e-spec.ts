import type { APIUser } from 'discord-api-types/v10';
import type { Page } from 'playwright-core';
import { eventually } from '../utils/eventually';
import type { DiscordTestApp } from '../utils/test-discord';
import { horizontalOverflow, launchBrowser, screenshots, TestBrowser } from './browser';
import { askForPerson, botDms as dmsOf, DeskApp, dmWith as dmOf, startDeskApp } from './desk-harness';
import { gradientPng } from './png';

jest.setTimeout(120_000);
// page.evaluate callbacks run in the browser; this file compiles for Node.
declare const document: { cookie: string; activeElement: { id: string; textContent: string | null } | null };
declare const location: { hash: string };

/**
 * The web desk in a real Chromium against the real app, the fake Discord and Postgres: a lead signs
 * in, sees a player's request for a person appear live, answers and closes it, triages cases, edits an
 * article, and an expired session goes back to sign-in. Each view is saved as a screenshot.
 */
describe('web desk in the browser: a lead at work', () => {
  let desk: DeskApp;
  let app: DiscordTestApp;
  let chrome: TestBrowser;
  let page: Page;
  let base: string;
  let lead: { authorization: string };
  let player: APIUser;
  let reporter: APIUser;
  let chatCase: number;

  beforeAll(async () => {
    desk = await startDeskApp();
    ({ app, base, lead } = desk);
    chrome = await launchBrowser();
    page = chrome.page;
  });
  afterAll(async () => {
    await chrome?.close();
    await desk?.close();
  });

  const botDms = (user: APIUser) => dmsOf(app, user);
  const dmWith = (user: APIUser, text: string) => dmOf(app, user, text);
  const createCase = async (type: string, title: string, reporterUser: APIUser) =>
    (await app.request({ method: 'POST', url: '/api/cases', headers: lead, payload: { type, title, description: `${title}, in detail`, reporterId: reporterUser.id, reporterName: 'Sam' } })).json().number as number;

  it('signs in with an API key (the key is exchanged for an HttpOnly session cookie)', async () => {
    await page.goto(`${base}/desk`);
    await page.getByLabel('API key').waitFor();
    await screenshots(page, 'sign-in');
    // With the keyboard only: Tab to the labelled field, type, Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');
    await page.keyboard.type(desk.leadKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    // The first Tab reaches "Skip to content"; the views are links reachable in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Inbox');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cases');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.goto(`${base}/desk#/inbox`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const session = (await chrome.context.cookies(base)).find((c) => c.name === 'desk_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('desk_session');
    await page.locator('.me', { hasText: 'Alex Rivera' }).waitFor();
  });

  it('shows a player asking for a person in the inbox without reloading, with an opt-in notification', async () => {
    // The browser's Notification API, recorded (headless Chromium shows none): permission granted on request.
    await page.evaluate(() => {
      const shown: string[] = [];
      class RecordingNotification {
        static permission = 'default';
        static async requestPermission() {
          RecordingNotification.permission = 'granted';
          return 'granted';
        }
        constructor(title: string, options: { body: string }) {
          shown.push(`${title}: ${options.body}`);
        }
      }
      Object.assign(globalThis, { Notification: RecordingNotification, shownNotifications: shown });
    });
    await page.getByRole('button', { name: 'Notify me of waiting chats' }).click();
    await page.getByRole('button', { name: 'Notifications on' }).waitFor();
    player = app.discord.user({ username: 'jo', globalName: 'Jo' });
    const interaction = app.discord.dispatchInteraction(app.discord.slashCommand({ name: 'helpme', user: player, locale: 'en-US' }));
    await app.discord.waitForReply(interaction);
    await dmWith(player, 'Hi Jo');
    chatCase = await askForPerson(app, player, 'my raid rewards never arrived, I want to talk to a human');
    // No navigation: the live stream brings it in.
    const row = page.locator('[data-testid="waiting-for-a-person"] .chat-row', { hasText: 'Jo' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`case #${chatCase}`);
    expect(await row.textContent()).toMatch(/waiting \d+ s/);
    // The row may come with an earlier event's refresh; the notification comes with chat.waiting itself.
    const shown = () => page.evaluate(() => (globalThis as unknown as { shownNotifications: string[] }).shownNotifications);
    await eventually(async () => (await shown()).length > 0, 15_000, 'the notification');
    expect(await shown()).toEqual([`A player is waiting: Jo — case #${chatCase}`]);
    await screenshots(page, 'inbox');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('opens the chat, claims it, and a reply sent with Enter reaches the player under the person’s name', async () => {
    await page.locator('.chat-row').getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { name: `Chat for case #${chatCase}` }).waitFor();
    await page.locator('.transcript .line.player', { hasText: 'raid rewards' }).waitFor();
    await page.getByRole('button', { name: 'Claim' }).click();
    await dmWith(player, 'Alex Rivera');
    await page.getByLabel('Reply to the player').fill('Hi Jo, I am re-sending your rewards now.');
    await page.getByLabel('Reply to the player').press('Enter');
    const reply = await dmWith(player, 're-sending your rewards');
    expect(reply.content).toBe('**Alex Rivera:** Hi Jo, I am re-sending your rewards now.');
    await page.locator('.transcript .line.agent', { hasText: 're-sending your rewards' }).waitFor();
    expect(await page.getByLabel('Reply to the player').inputValue()).toBe('');
    // The player answers: it appears live in the open chat.
    app.discord.dispatchMessage({ user: player, content: 'thank you so much!' });
    await page.locator('.transcript .line.player', { hasText: 'thank you so much' }).waitFor();
    // A screenshot from the player shows inline.
    const image = app.discord.addAttachment({ filename: 'rewards.png', contentType: 'image/png', data: gradientPng() });
    app.discord.dispatchMessage({ user: player, content: 'here is what I see', attachments: [image] });
    const inline = page.locator('.transcript img[alt="rewards.png"]');
    await inline.waitFor();
    await eventually(() => inline.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0), 15_000, 'the image to load');
    await screenshots(page, 'chat');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('closes the chat: the player is told and the inbox empties', async () => {
    const before = botDms(player).length;
    await page.getByRole('button', { name: 'Close chat' }).click();
    await eventually(() => botDms(player).length > before, 15_000, 'the closing DM');
    await page.getByRole('link', { name: 'Inbox' }).first().click();
    await page.getByText('Nobody is waiting.').waitFor();
    await page.getByText('No chat has an agent.').waitFor();
    expect(await app.prisma.conversation.count({ where: { playerId: player.id, mode: 'CLOSED' } })).toBe(1);
  });

  it('filters and searches cases; a bulk status change applies the rules and shows the refused one', async () => {
    reporter = app.discord.user({ username: 'sam' });
    const crash = await createCase('BUG', 'Game crashes when opening the map', reporter);
    const lag = await createCase('BUG', 'Lag spikes in the arena', reporter);
    await createCase('FEATURE', 'Add a dark mode to the map', reporter);
    await app.request({ method: 'PATCH', url: `/api/cases/${lag}`, headers: lead, payload: { status: 'CLOSED' } });

    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByLabel('Type').selectOption('BUG');
    await page.getByLabel('Search').fill('map');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectRows(page, [crash]);

    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Search').fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator(`tr[data-case="${lag}"]`).waitFor();
    await page.getByLabel(`Select case #${crash}`).check();
    await page.getByLabel(`Select case #${lag}`).check();
    await page.getByLabel('New status').selectOption('RESOLVED');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('.results .ok', { hasText: `#${crash}` }).waitFor();
    const refused = page.locator('.results .refused', { hasText: `#${lag}` });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('cannot go from CLOSED to RESOLVED');
    expect((await app.request({ method: 'GET', url: `/api/cases/${crash}`, headers: lead })).json().status).toBe('RESOLVED');
    await dmWith(reporter, 'Resolved');
    await screenshots(page, 'cases');
  });

  it("changes a case's status on its page and the reporter gets a DM; a private note does not reach them", async () => {
    const number = await createCase('BUG', 'Inventory resets', reporter);
    // The /bug screenshot, as the Discord adapter stores it.
    const caseRow = await app.prisma.case.findUniqueOrThrow({ where: { number } });
    const png = gradientPng();
    await app.prisma.caseAttachment.create({ data: { caseId: caseRow.id, filename: 'inventory.png', contentType: 'image/png', size: png.length, data: new Uint8Array(png) } });
    await page.goto(`${base}/desk#/case/${number}`);
    const preview = page.locator('.attachments img[alt="inventory.png"]');
    await preview.waitFor();
    await eventually(() => preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth === 96), 15_000, 'the attachment preview');
    await page.getByLabel('Status').selectOption('IN_PROGRESS');
    await page.locator('.history', { hasText: 'IN_PROGRESS' }).waitFor();
    await eventually(async () => (await app.prisma.caseEvent.count({ where: { case: { number }, type: 'NOTIFIED' } })) > 0, 15_000, 'the reporter notification');
    const dmsBefore = botDms(reporter).length;
    await page.getByLabel('Add a note').fill('Probably the save migration');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.history .note.private', { hasText: 'Probably the save migration' }).waitFor();
    await page.waitForTimeout(500);
    expect(botDms(reporter).length).toBe(dmsBefore);
    await page.goto(`${base}/desk#/case/${chatCase}`);
    await page.getByRole('link', { name: /Open the help chat/ }).waitFor();
    await screenshots(page, 'case');
  });

  it('shows stats', async () => {
    await page.getByRole('link', { name: 'Stats' }).click();
    await page.getByText('Cases by type and status').waitFor();
    await page.getByText('Oldest open case').waitFor();
    await screenshots(page, 'stats');
  });

  it('edits a knowledge-base article with a Markdown preview', async () => {
    await page.getByRole('link', { name: 'Knowledge base' }).click();
    const first = page.locator('.articles button').first();
    const title = (await first.textContent())!;
    await first.click();
    await page.getByLabel('Body (Markdown)').fill('## Steps\n\n**Restart** the game.\n\n<script>alert(1)</script>');
    await page.locator('.preview h2', { hasText: 'Steps' }).waitFor();
    expect(await page.locator('.preview').innerHTML()).toContain('<strong>Restart</strong>');
    expect(await page.locator('.preview script').count()).toBe(0);
    await page.getByRole('button', { name: 'Save article' }).click();
    await page.locator('.status', { hasText: 'Saved' }).waitFor();
    const articles = (await app.request({ method: 'GET', url: '/api/kb/articles?locale=en', headers: lead })).json() as { title: string; body: string }[];
    expect(articles.find((a) => a.title === title)!.body).toContain('**Restart** the game.');
    await screenshots(page, 'knowledge-base');
  });

  it('sends an expired session back to sign-in, saying why', async () => {
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.locator('table.cases').waitFor();
    await app.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    // The next request (this navigation, or a live update's refresh that may come first) finds the session expired.
    await page.evaluate(() => (location.hash = '#/stats'));
    await page.getByLabel('API key').waitFor();
    await page.getByText(/expired/).waitFor();
    await screenshots(page, 'session-expired');
  });
});

/** Waits until the cases table lists exactly these case numbers, in this order. */
async function expectRows(page: Page, numbers: number[]) {
  const rows = () => page.locator('table.cases tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-case'))));
  await eventually(async () => JSON.stringify(await rows()) === JSON.stringify(numbers), 15_000, `the rows ${numbers.join(', ')}`).catch(() => undefined);
  expect(await rows()).toEqual(numbers);
}
