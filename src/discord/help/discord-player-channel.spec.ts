import { DiscordAPIError } from 'discord.js';
import { PlayerUnreachableError } from '../../conversations/ports';
import { DiscordContent, DiscordMessenger } from '../discord-messenger';
import { toDiscordError } from '../discord-errors';
import { DiscordPlayerChannel } from './discord-player-channel';

/** A messenger failing the way discord.js reports Discord's JSON error `code`. */
class FailingMessenger extends DiscordMessenger {
  readonly sent: DiscordContent[] = [];
  constructor(private readonly code: number | null) {
    super();
  }
  private fail(action: string): never {
    if (this.code === null) throw new Error('unreachable');
    throw toDiscordError(new DiscordAPIError({ code: this.code, message: 'refused' }, this.code, 403, 'POST', '/x', { body: undefined, files: undefined }), action);
  }
  async openDm(): Promise<string> {
    return this.fail('open a direct message');
  }
  async sendDm(): Promise<{ channelId: string; messageId: string }> {
    return this.fail('send a message');
  }
  async sendToChannel(_channelId: string, content: DiscordContent): Promise<{ messageId: string }> {
    this.sent.push(content);
    return this.fail('send a message');
  }
}

describe('DiscordPlayerChannel', () => {
  it.each([50007, 50278])("maps Discord's %i to the core's PlayerUnreachableError, on open and on send", async (code) => {
    const channel = new DiscordPlayerChannel(new FailingMessenger(code));
    await expect(channel.open('1')).rejects.toBeInstanceOf(PlayerUnreachableError);
    await expect(channel.send('2', { text: 'hi' })).rejects.toBeInstanceOf(PlayerUnreachableError);
  });

  it('keeps other Discord failures as they are (retryable)', async () => {
    const error = await new DiscordPlayerChannel(new FailingMessenger(50013)).send('2', { text: 'hi' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PlayerUnreachableError);
    expect(error).toMatchObject({ code: 'discord_error' });
  });

  it('sends the idempotency key as the message nonce, and the agent button with its custom id', async () => {
    const messenger = new FailingMessenger(50013);
    await new DiscordPlayerChannel(messenger).send('2', { text: 'hi', agentButtonLabel: 'Agent' }, { idempotencyKey: 'abcd1234-42' }).catch(() => undefined);
    expect(messenger.sent[0]).toMatchObject({ content: 'hi', nonce: 'abcd1234-42' });
    expect(JSON.stringify(messenger.sent[0].components)).toContain('help:agent');
  });
});
