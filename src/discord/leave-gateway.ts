import { Client, Status, Sweepers } from 'discord.js';

/**
 * Ends this replica's gateway session but not the client. discord.js' `Client.destroy()` is meant as
 * the end (14.x): a later `login()` finds `ws.destroyed` set (so `isReady()` stays false) and the
 * manager's status still Ready (so the new session is "ready" before its IDENTIFY and never emits
 * clientReady), and the cache and REST sweepers stopped. A follower keeps sending over REST and may
 * lead again, so those are undone here.
 */
export async function leaveGateway(client: Client, token: string): Promise<void> {
  try {
    await client.destroy();
  } finally {
    // Also after a failed destroy: REST keeps working for this follower.
    client.rest.setToken(token);
    Object.assign(client.ws, { destroyed: false, status: Status.Idle });
    client.readyTimestamp = null;
    (client.rest as unknown as { setupSweepers(): void }).setupSweepers();
    Object.assign(client, { sweepers: new Sweepers(client as Client<true>, client.options.sweepers ?? {}) });
  }
}
