import { REST, Routes } from 'discord.js';
import type { APIChannel } from 'discord-api-types/v10';
import { callDiscord } from './discord-errors';

/** Channel types by id, looked up once each: a Discord channel never changes its type. */
export class ChannelTypes {
  private readonly known = new Map<string, number>();

  /** `lookup` names the call in errors, e.g. "look up the staff channel". */
  constructor(
    private readonly rest: REST,
    private readonly lookup: string,
  ) {}

  async of(channelId: string): Promise<number> {
    const known = this.known.get(channelId);
    if (known !== undefined) return known;
    const channel = (await callDiscord(this.lookup, () => this.rest.get(Routes.channel(channelId)))) as APIChannel;
    this.known.set(channelId, channel.type);
    return channel.type;
  }

  /** A type learnt elsewhere (e.g. from the gateway's cache). */
  remember(channelId: string, type: number): void {
    this.known.set(channelId, type);
  }
}
