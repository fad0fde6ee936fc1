import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AgentPlatformEvents, MediaFile } from '../conversations/ports';
import { PermanentJobError } from '../queue/backoff';
import { JobQueue } from '../queue/job-queue';
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
  ) {}

  onModuleInit(): void {
    this.queue.register(FLEX_WEBHOOK_JOB, (payload) => this.deliver(payload as FlexWebhookJob));
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
          platformConversationId: job.conversationSid,
          platformMessageId: job.messageSid,
          authorName: job.authorName,
          body: job.body,
          media: await this.download(job),
        });
        return;
      case 'agentJoined':
        await this.events.agentJoined({ platformConversationId: job.conversationSid, agentName: job.agentName });
        return;
      case 'platformClosed':
        await this.events.platformClosed({ platformConversationId: job.conversationSid });
        return;
      case 'botTurn':
        await this.events.botTurn({ platformConversationId: job.conversationSid, platformMessageId: job.messageSid, body: job.body });
        return;
      default:
        throw new PermanentJobError(`Unknown flex.webhook job ${JSON.stringify(job)}`);
    }
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
