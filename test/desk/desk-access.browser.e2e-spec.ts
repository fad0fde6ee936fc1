import type { Page } from 'playwright-core';
import { launchBrowser, screenshots, TestBrowser } from './browser';
import { askForPerson, DeskApp, dmWith, signIn, startDeskApp } from './desk-harness';

jest.setTimeout(120_000);

/**
 * Who may do what in the web desk, in a real Chromium: a viewer sees everything and can change
 * nothing; Discord staff sign in with Discord and players see their server name; cookie writes
 * without the CSRF token are refused.
 */
describe('web desk in the browser: access', () => {
  let desk: DeskApp;
  let chatCase: number;

  beforeAll(async () => {
    desk = await startDeskApp();
    // A chat a lead already answered through the API.
    chatCase = await askForPerson(desk.app, desk.app.discord.user({ username: 'jo', globalName: 'Jo' }));
    const reply = await desk.app.request({ method: 'POST', url: `/api/cases/${chatCase}/messages`, headers: desk.lead, payload: { body: 'I am re-sending your rewards now.' } });
    expect(reply.statusCode).toBe(201);
  });
  afterAll(() => desk?.close());

  async function withBrowser(run: (page: Page) => Promise<void>) {
    const chrome: TestBrowser = await launchBrowser();
    try {
      await run(chrome.page);
    } finally {
      await chrome.close();
    }
  }

  it('a viewer sees the desk and can change nothing', () =>
    withBrowser(async (viewer) => {
      const { base } = desk;
      await signIn(viewer, base, desk.viewerKey);
      await viewer.goto(`${base}/desk#/chat/${chatCase}`);
      await viewer.locator('.transcript', { hasText: 're-sending your rewards' }).waitFor();
      expect(await viewer.locator('#reply').count()).toBe(0);
      expect(await viewer.getByRole('button', { name: /Claim|Close chat/ }).count()).toBe(0);
      await screenshots(viewer, 'viewer-chat');
      await viewer.goto(`${base}/desk#/inbox`);
      await viewer.locator('.chat-row', { hasText: 'Jo' }).waitFor();
      expect(await viewer.getByRole('button', { name: /Claim/ }).count()).toBe(0);
      await viewer.goto(`${base}/desk#/case/${chatCase}`);
      await viewer.getByLabel('Status').waitFor();
      expect(await viewer.getByLabel('Status').isDisabled()).toBe(true);
      expect(await viewer.getByLabel('Priority').isDisabled()).toBe(true);
      expect(await viewer.locator('#note-body').count()).toBe(0);
      await viewer.goto(`${base}/desk#/cases`);
      await viewer.locator('table.cases tbody tr').first().waitFor();
      expect(await viewer.locator('#bulk-status').count()).toBe(0);
      expect(await viewer.locator('table.cases input[type=checkbox]').count()).toBe(0);
      await viewer.goto(`${base}/desk#/kb`);
      await viewer.locator('.articles button').first().click();
      expect(await viewer.getByLabel('Body (Markdown)').getAttribute('readonly')).not.toBeNull();
      expect(await viewer.getByRole('button', { name: /Save article|Delete article|New article/ }).count()).toBe(0);
      // Even a hand-made request from the viewer's page, with the CSRF token, is refused by the API.
      const status = await viewer.evaluate(async (n) => {
        const me = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        const response = await fetch(`/api/cases/${n}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ status: 'CLOSED' }) });
        return response.status;
      }, chatCase);
      expect(status).toBe(403);
      expect((await desk.app.request({ method: 'GET', url: `/api/cases/${chatCase}`, headers: desk.lead })).json().status).toBe('IN_PROGRESS');
    }));

  it('a staff member signs in with Discord and players see their server name on replies', () =>
    withBrowser(async (staff) => {
      const { app, base } = desk;
      const mira = app.discord.user({ username: 'mira_dev', globalName: 'Mira' });
      app.discord.oauth2.setMember(app.discord.guild.id, mira, { roles: [desk.staffRole], nick: 'Mira (Support)' });
      app.discord.oauth2.signInAs(mira);
      const lee = app.discord.user({ username: 'lee', globalName: 'Lee' });
      const number = await askForPerson(app, lee, 'I want to talk to a human please');

      await staff.goto(`${base}/desk`);
      await staff.getByRole('link', { name: 'Sign in with Discord' }).click();
      await staff.getByRole('heading', { name: 'Inbox' }).waitFor();
      await staff.locator('.me', { hasText: 'Mira (Support)' }).waitFor();
      await staff.goto(`${base}/desk#/chat/${number}`);
      await staff.getByLabel('Reply to the player').fill('Hello Lee, Mira here.');
      await staff.getByLabel('Reply to the player').press('Enter');
      const reply = await dmWith(app, lee, 'Mira here');
      expect(reply.content).toBe('**Mira (Support):** Hello Lee, Mira here.');
      expect((await app.request({ method: 'GET', url: `/api/cases/${number}`, headers: desk.lead })).json().assignee).toBe('Mira (Support)');

      // A cookie write without the CSRF token is refused, even for staff.
      const forged = await staff.evaluate(
        async (n) => (await fetch(`/api/cases/${n}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'forged' }) })).status,
        number,
      );
      expect(forged).toBe(403);
    }));

  it('a Discord member without the staff role is told so on the sign-in page', () =>
    withBrowser(async (page) => {
      const { app, base } = desk;
      const player = app.discord.user({ username: 'just_a_player' });
      app.discord.oauth2.setMember(app.discord.guild.id, player, { roles: [] });
      app.discord.oauth2.signInAs(player);
      await page.goto(`${base}/desk`);
      await page.getByRole('link', { name: 'Sign in with Discord' }).click();
      await page.getByText('does not hold the staff role').waitFor();
      expect(await page.getByLabel('API key').isVisible()).toBe(true);
    }));
});
