import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { REST } from 'discord.js';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';

/**
 * Discord's global REST limit (50 requests/s per bot, "Rate Limits" → Global Rate Limit) counts
 * every process using the token, while discord.js enforces it per process. So every request of
 * every replica first takes the next slot from one Postgres row per bot: slots lie 1000/N ms apart
 * (N = DISCORD_REST_PER_SECOND), so no one-second window of any alignment holds more than N,
 * however many replicas send. Chosen over a fixed-window counter (rate-limiter-flexible), which
 * allows 2N across a window edge, and over routing sends to the leader (one replica's queue
 * would carry all of Discord, and the leader changes). One short statement per request, no
 * transaction held; Discord's interaction endpoints are exempt ("not bound to the Global Rate
 * Limit") so a slash command's 3-second answer never waits behind a burst of DMs.
 */
@Injectable()
export class DiscordRestBudget implements OnModuleInit {
  private readonly logger = new Logger('DiscordRestBudget');
  private readonly bot: string;
  private readonly intervalMs: number;
  private lastWarning = 0;

  constructor(
    private readonly rest: REST,
    private readonly prisma: PrismaService,
    config: AppConfig,
  ) {
    // The application id, else a hash of the token: the token itself is never stored.
    this.bot = config.DISCORD_APPLICATION_ID ?? createHash('sha256').update(config.DISCORD_TOKEN ?? '').digest('hex').slice(0, 32);
    this.intervalMs = 1000 / config.DISCORD_REST_PER_SECOND;
  }

  onModuleInit(): void {
    const send = this.rest.options.makeRequest;
    this.rest.options.makeRequest = async (url, init) => {
      if (countsTowardsGlobalLimit(url)) await this.take(init.signal ?? undefined);
      return send(url, init);
    };
  }

  /** Waits for this request's slot. With the database unreachable it lets the request go (discord.js' own 50/s still holds per replica). */
  async take(signal?: AbortSignal): Promise<void> {
    let waitMs: number;
    try {
      waitMs = await this.reserve();
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`Shared Discord REST budget unavailable, sending without it: ${(error as Error).message}`);
      }
      return;
    }
    if (waitMs > 0) await sleep(waitMs, undefined, { signal }).catch(() => undefined);
  }

  /** Moves the bot's next slot on by one interval and returns how long until the slot taken (ms, by the database's clock). */
  private async reserve(): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ wait_ms: number }[]>`
      INSERT INTO discord_rest_budget AS b (bot, "nextSlotAt")
      VALUES (${this.bot}, clock_timestamp() + ${this.intervalMs}::float8 * interval '1 millisecond')
      ON CONFLICT (bot) DO UPDATE
        SET "nextSlotAt" = GREATEST(b."nextSlotAt", clock_timestamp()) + ${this.intervalMs}::float8 * interval '1 millisecond'
      RETURNING (EXTRACT(EPOCH FROM (b."nextSlotAt" - clock_timestamp())) * 1000 - ${this.intervalMs}::float8)::float8 AS wait_ms`;
    return rows[0].wait_ms;
  }
}

/** Interaction callbacks and interaction webhooks (followups, @original edits) are outside Discord's global limit. */
export function countsTowardsGlobalLimit(url: string): boolean {
  const path = new URL(url).pathname.replace(/^.*?\/v\d+(?=\/)/, '');
  return !/^\/interactions\//.test(path) && !/^\/webhooks\/\d+\/[^/]+/.test(path);
}
