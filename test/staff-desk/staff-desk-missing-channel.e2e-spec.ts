import { snowflake } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { askForPersonFallsBack, createStaffDeskApp, spyOnErrors, staffDeskLines } from './staff-desk-app';

const error = spyOnErrors();

// One app per file: a second app in the same Jest worker stopped receiving DMs (noted for follow-up).
describe('staff desk start-up check: a missing channel', () => {
  it('a missing channel is one clear line naming the variable, and chats wait in the REST queue', async () => {
    const missing = snowflake();
    const t = await createStaffDeskApp({ staffChannelId: missing });
    try {
      await eventually(() => staffDeskLines(error).length > 0, 10_000, 'the start-up line');
      expect(staffDeskLines(error)).toEqual([
        `DISCORD_STAFF_CHANNEL_ID=${missing}: no such channel, or the bot cannot see it (is the bot in that server, with View Channel?); the staff desk is off and chats wait in the REST queue (GET /api/conversations)`,
      ]);
      await askForPersonFallsBack(t, t.discord.user({ username: 'nochannel' }));
      expect(t.discord.requestsTo('/channels/{channel_id}/threads', 'POST')).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
