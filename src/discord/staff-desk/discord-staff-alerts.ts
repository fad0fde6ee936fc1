import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { StaffAlert, StaffAlerts, WaitingChatAlert } from '../../conversations/ports';
import { STAFF_DESK } from './staff-desk.platform';
import { StaffDeskStatus } from './staff-desk-status';
import { StaffThreads } from './staff-threads';

/**
 * With Flex as the agent platform, the staff channel is told when a player waits (case number,
 * player, language, a link to the case) and when the chat ends; nobody answers there. On every
 * platform, a chat still waiting past the first-response target pings the staff role again.
 */
@Injectable()
export class DiscordStaffAlerts extends StaffAlerts {
  constructor(
    private readonly threads: StaffThreads,
    private readonly status: StaffDeskStatus,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async chatWaiting(alert: StaffAlert): Promise<void> {
    // A chat on the staff desk has its thread, whose opening message already pings the role once.
    if (alert.platform === STAFF_DESK) return;
    const link = this.config.PUBLIC_URL ? ` ${this.config.PUBLIC_URL.replace(/\/$/, '')}/api/cases/${alert.caseNumber}` : '';
    const roleId = this.config.DISCORD_STAFF_ROLE_ID!;
    await this.post(`<@&${roleId}> Case #${alert.caseNumber}: ${alert.player.displayName} (${alert.locale}) is waiting for a person in ${alert.platform}.${link}`, [roleId]);
  }

  async chatClosed(alert: StaffAlert): Promise<void> {
    if (alert.platform === STAFF_DESK) return; // its thread says so and is archived
    await this.post(`Case #${alert.caseNumber}: the chat with ${alert.player.displayName} is closed.`, []);
  }

  async stillWaiting(alert: WaitingChatAlert): Promise<void> {
    const roleId = this.config.DISCORD_STAFF_ROLE_ID!;
    const what = alert.caseNumber === null ? 'A help chat' : `Case #${alert.caseNumber}`;
    await this.post(`<@&${roleId}> ${what}: ${alert.player.displayName} has waited ${alert.waitingMinutes} min for a person (target ${alert.targetMinutes} min).`, [roleId]);
  }

  private async post(content: string, pingRoles: string[]): Promise<void> {
    if (this.status.problem) throw new DomainError('staff_alerts_unavailable', 503, this.status.problem);
    await this.threads.post(this.config.DISCORD_STAFF_CHANNEL_ID!, { content: content.slice(0, 2000), pingRoles });
  }
}
