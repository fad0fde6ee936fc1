import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CaseChange, CaseEventsBus, HELP_CHAT_ACTOR_PREFIX } from '../cases/case-events.bus';
import { CasesService } from '../cases/cases.service';
import { DomainError } from '../common/domain-error';
import { CaseEventType } from '../generated/prisma/enums';
import { notificationEmbed } from './case-embeds';
import { DiscordDeliveryError } from './discord-errors';
import { DiscordMessenger } from './discord-messenger';
import { discordActor } from './discord-identity';

export const NOTIFIER_ACTOR = 'discord-bot';

const FAILURE_REASONS: Record<string, string> = {
  discord_dm_closed: 'dm_closed',
  discord_unavailable: 'unavailable',
  discord_error: 'rejected',
};

/**
 * Tells reporters on Discord when their case changes: a status change made by someone else, or a
 * public note. Each attempt leaves a NOTIFIED or NOTIFICATION_FAILED event on the case, so leads can
 * see whether the player was told. Runs after the change is committed (CaseEventsBus) and never
 * fails the lead's request.
 */
@Injectable()
export class CaseNotifier implements OnModuleInit {
  private readonly logger = new Logger(CaseNotifier.name);

  constructor(
    private readonly bus: CaseEventsBus,
    private readonly cases: CasesService,
    private readonly messenger: DiscordMessenger,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe((change) => this.notify(change));
  }

  async notify(change: CaseChange): Promise<void> {
    const reporterId = change.case.reporter.id;
    if (!reporterId || !this.concernsReporter(change, reporterId)) return;
    const number = change.case.number;
    // In the reporter's Discord language, stored on the case when they filed it (English when unknown).
    const embed = notificationEmbed(change, change.case.reporter.locale ?? 'en');
    try {
      const sent = await this.messenger.sendDm(reporterId, { embeds: [embed] });
      await this.cases.recordEvent(number, CaseEventType.NOTIFIED, NOTIFIER_ACTOR, { kind: change.kind, channelId: sent.channelId, messageId: sent.messageId });
    } catch (error) {
      const reason = error instanceof DomainError ? (FAILURE_REASONS[error.code] ?? 'error') : 'error';
      const discordCode = error instanceof DiscordDeliveryError ? error.discordCode : null;
      if (reason === 'error') this.logger.error({ err: error, case: number }, `Notifying the reporter of case #${number} failed`);
      await this.cases.recordEvent(number, CaseEventType.NOTIFICATION_FAILED, NOTIFIER_ACTOR, { kind: change.kind, reason, discordCode });
    }
  }

  private concernsReporter(change: CaseChange, reporterId: string): boolean {
    if (change.kind === 'note_added') return change.public;
    // The player does not need a DM about what they did themselves, nor about what their help chat already said.
    return change.actor !== discordActor(reporterId) && !change.actor.startsWith(HELP_CHAT_ACTOR_PREFIX);
  }
}
