import type { Client } from 'discord.js';
import { createServer, Server, Socket } from 'node:net';
import { AppConfig } from '../../src/config/app-config';
import { DatabaseConnection } from '../../src/database/database-connection';
import { GatewayLeader } from '../../src/discord/gateway-leader';
import { DiscordShutdown } from '../../src/discord/discord-shutdown';
import { eventually } from '../utils/eventually';
import { createTestDatabase } from '../utils/test-database';

/**
 * The gateway leader when its lock's connection goes silent without closing (the network to
 * Postgres is gone): it leaves the gateway by itself, before Postgres frees the lock for another
 * replica, so two gateway sessions never overlap. A TCP proxy in front of Postgres plays the
 * network: `freeze()` stops forwarding without closing anything, `cut()` closes Postgres' side.
 */
class TcpProxy {
  private readonly pairs: { client: Socket; upstream: Socket }[] = [];
  private server!: Server;
  private frozen = false;
  port = 0;

  async start(target: { host: string; port: number }): Promise<this> {
    this.server = createServer((client) => {
      const upstream = new Socket().connect(target.port, target.host);
      this.pairs.push({ client, upstream });
      client.on('data', (chunk) => !this.frozen && upstream.write(chunk));
      upstream.on('data', (chunk) => !this.frozen && client.write(chunk));
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  freeze(): void {
    this.frozen = true;
  }

  /** Postgres notices the dead client (its TCP keepalives) and ends the backend, freeing its locks. */
  cut(): void {
    for (const { upstream } of this.pairs) upstream.destroy();
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const events: string[] = [];
function fakeClient(name: string, loginFails = false): Client {
  const client = {
    login: async () => {
      events.push(`${name} login`);
      if (loginFails) throw new Error('Discord is unreachable');
      return 'token';
    },
    destroy: async () => {
      events.push(`${name} destroy`);
    },
    isReady: () => true,
    on: () => client,
    rest: { setToken: () => client.rest },
  };
  return client as unknown as Client;
}

describe('GatewayLeader when the lock connection goes silent', () => {
  let database: { url: string; drop: () => Promise<void> };
  let proxy: TcpProxy;
  const leaders: GatewayLeader[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await new TcpProxy().start({ host: url.hostname, port: Number(url.port) });
  });
  afterAll(async () => {
    for (const leader of leaders) await leader.beforeApplicationShutdown();
    await proxy.close();
    await database.drop();
  });

  const start = (name: string, url: string, options: { loginFails?: boolean; applicationId?: string } = {}) => {
    const config = Object.assign(new AppConfig(), { DISCORD_TOKEN: 'aaaa.bbbb.cccc', DISCORD_APPLICATION_ID: options.applicationId ?? '123456789012345678' });
    const client = fakeClient(name, options.loginFails);
    const leader = new GatewayLeader(client, config, new DatabaseConnection(url), new DiscordShutdown());
    leader.onModuleInit();
    void client.login('token');
    leaders.push(leader);
    return leader;
  };

  it('leaves the gateway before another replica can take the lock', async () => {
    const proxied = new URL(database.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const first = start('first', proxied.toString());
    await eventually(() => first.status === 'ready', 10_000, 'the first replica leading');
    const second = start('second', database.url);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(second.status).toBe('follower');

    proxy.freeze();
    await eventually(() => first.status === 'follower', 15_000, 'the first replica leaving the gateway');
    expect(events).toEqual(['first login', 'first destroy']);
    expect(second.status).toBe('follower');

    proxy.cut();
    await eventually(() => second.status === 'ready', 15_000, 'the second replica leading');
    expect(events).toEqual(['first login', 'first destroy', 'second login']);
  });

  it('frees the lock when its login fails, so another replica can lead', async () => {
    events.length = 0;
    // Another bot (application id): its own lock, apart from the first test's.
    const failing = start('failing', database.url, { loginFails: true, applicationId: '223456789012345678' });
    await eventually(() => events.includes('failing login'), 10_000, 'the failing replica trying to log in');
    const healthy = start('healthy', database.url, { applicationId: '223456789012345678' });
    await eventually(() => healthy.status === 'ready', 15_000, 'the healthy replica leading');
    expect(failing.status).not.toBe('ready');
  });
});
