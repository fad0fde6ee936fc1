import { Client, GatewayIntentBits } from 'discord.js';
import type { AppConfig } from '../config/app-config';
import { DatabaseConnection } from '../database/database-connection';
import { DiscordShutdown } from './discord-shutdown';
import { GatewayLeader } from './gateway-leader';

// A client error (Necord's READY handler racing a destroy) must be logged, not thrown out of the process.
describe('GatewayLeader', () => {
  it('keeps an error listener on the client', () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds] });
    const config = { DISCORD_TOKEN: 'not.a.token' } as AppConfig;
    expect(() => client.emit('error', new Error('before'))).toThrow('before');
    new GatewayLeader(client, config, {} as DatabaseConnection, new DiscordShutdown()).onModuleInit();
    expect(() => client.emit('error', new Error('Expected token to be set for this request'))).not.toThrow();
    void client.destroy();
  });
});
