import { DiscordAPIError, HTTPError } from 'discord.js';
import { DomainError } from '../common/domain-error';
import { DiscordDeliveryError, toDiscordError } from './discord-errors';

const apiError = (code: number, status: number) =>
  new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', 'https://discord.com/api/v10/channels/1/messages', { body: {}, files: [] });

describe('toDiscordError', () => {
  it('maps 50007 and 50278 to discord_dm_closed (422) keeping the Discord code', () => {
    for (const code of [50007, 50278]) {
      const error = toDiscordError(apiError(code, 403), 'send a message');
      expect(error).toBeInstanceOf(DiscordDeliveryError);
      expect(error).toMatchObject({ code: 'discord_dm_closed', status: 422, discordCode: code });
    }
  });

  it('maps server errors and network failures to discord_unavailable (503)', () => {
    expect(toDiscordError(apiError(0, 500), 'x')).toMatchObject({ code: 'discord_unavailable', status: 503 });
    expect(toDiscordError(new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: {}, files: [] }), 'x')).toMatchObject({ code: 'discord_unavailable', discordCode: null });
    expect(toDiscordError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'open a DM')).toMatchObject({
      code: 'discord_unavailable',
      message: 'Could not reach Discord to open a DM: connect ECONNREFUSED',
    });
  });

  it('maps other refusals to discord_error and leaves DomainErrors alone', () => {
    expect(toDiscordError(apiError(50001, 403), 'x')).toMatchObject({ code: 'discord_error', status: 502, discordCode: 50001 });
    const domain = DomainError.notFound('Case #1');
    expect(toDiscordError(domain, 'x')).toBe(domain);
  });
});
