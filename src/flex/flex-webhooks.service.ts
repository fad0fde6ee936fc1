import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AgentPlatformEvents, MediaFile } from '../conversations/ports';
import { PermanentJobError } from '../queue/backoff';
import { DeadJob, JobQueue } from '../queue/job-queue';
import { TwilioConversations } from './twilio-conversations';
import { TwilioMediaService } from './twilio-media';
import { classifyBotTurn, classifyConversationEvent, FLEX_WEBHOOK_JOB, FlexWebhookJob, WebhookParams } from './webhook-events';

/**
 * Persist, acknowledge, then deliver: a verified webhook becomes a `flex.webhook` job (one per
 * event, however often Twilio delivers it) before we answer 200; the queue's worker then hands it
 * to the routing core, retrying when Discord or Twilio fail.
 */
@Injectable()
export class FlexWebhooksService implements OnModuleInit {
  private readonly logger = new Logger(FlexWebhooksService.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly events: AgentPlatformEvents,
    private readonly media: TwilioMediaService,
    private readonly conversations: TwilioConversations,
  ) {}

  onModuleInit(): void {
    this.queue.register(FLEX_WEBHOOK_JOB, { run: (job) => this.deliver(job), onDead: (job) => this.undelivered(job) });
  }

  /** POST /forward-to-discord. */
  async acceptConversationEvent(params: WebhookParams): Promise<void> {
    const event = classifyConversationEvent(params);
    if (event) await this.queue.enqueue(FLEX_WEBHOOK_JOB, event.job, { dedupeKey: event.dedupeKey });
  }

  /** POST /chatbot-to-discord. */
  async acceptBotTurn(params: WebhookParams): Promise<void> {
    const event = classifyBotTurn(params);
    if (!event) throw DomainError.validation([{ field: 'ConversationSid, MessageSid', messages: ['the Studio Flow must send both'] }]);
    await this.queue.enqueue(FLEX_WEBHOOK_JOB, event.job, { dedupeKey: event.dedupeKey });
  }

  async deliver(job: FlexWebhookJob): Promise<void> {
    switch (job.type) {
      case 'agentMessage':
        await this.events.agentMessage({
          platformKey: job.conversationSid,
          platformMessageId: job.messageSid,
          authorName: job.authorName,
          body: job.body,
          media: await this.download(job),
        });
        return;
      case 'agentJoined':
        await this.events.agentJoined({ platformKey: job.conversationSid, agentName: job.agentName });
        return;
      case 'platformClosed':
        await this.events.platformClosed({ platformKey: job.conversationSid });
        return;
      case 'botTurn':
        await this.events.botTurn({ platformKey: job.conversationSid, platformMessageId: job.messageSid, body: job.body });
        return;
      default:
        throw new PermanentJobError(`Unknown flex.webhook job ${JSON.stringify(job)}`);
    }
  }

  /** An agent message that never reached the player: the agent is told in the conversation (no webhook fires for it). */
  private async undelivered({ payload, lastError }: DeadJob<FlexWebhookJob>): Promise<void> {
    if (payload.type !== 'agentMessage') return;
    await this.conversations.post(payload.conversationSid, {
      author: 'system',
      body: `This message could not be delivered to the player on Discord (${lastError.slice(0, 200)}): "${payload.body.slice(0, 200)}"`,
      attributes: { author: 'SYSTEM', authorName: 'system', undelivered: payload.messageSid },
      webhooks: false,
    });
    this.logger.warn(`Agent message in ${payload.conversationSid} was not delivered; the agent was told`);
  }

  private async download(job: Extract<FlexWebhookJob, { type: 'agentMessage' }>): Promise<MediaFile[]> {
    if (job.media.length === 0) return [];
    if (!job.chatServiceSid) {
      this.logger.warn(`Message ${job.messageSid} has media but no ChatServiceSid; sending its text only`);
      return [];
    }
    const files: MediaFile[] = [];
    for (const ref of job.media) {
      const file = await this.media.download(job.chatServiceSid, ref.sid);
      files.push({ ...file, filename: ref.filename || file.filename, contentType: file.contentType || ref.contentType || 'application/octet-stream' });
    }
    return files;
  }
}
