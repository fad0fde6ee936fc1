import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { AgentPlatformEvents, MediaFile } from '../conversations/ports';
import { PermanentJobError } from '../queue/backoff';
import { DeadJob, JobQueue } from '../queue/job-queue';
import { classifyTaskRouterEvent } from './taskrouter-events';
import { TwilioConversations } from './twilio-conversations';
import { TwilioMediaService } from './twilio-media';
import { InvalidWebhookField } from './twilio-sids';
import { ClassifiedEvent, classifyBotTurn, classifyConversationEvent, FLEX_WEBHOOK_JOB, FlexWebhookJob, MediaRef, WebhookParams } from './webhook-events';
import { splitForPlayer } from './webhook-text';

/**
 * Persist, acknowledge, then deliver: a verified webhook becomes a `flex.webhook` job (one per
 * event, however often Twilio delivers it) before we answer; the queue's worker then hands it
 * to the routing core, retrying when Discord or Twilio fail. A malformed value is a 400 for its
 * own request and is never enqueued, so it cannot fail the batch other webhooks are written in.
 */
@Injectable()
export class FlexWebhooksService implements OnModuleInit {
  private readonly logger = new Logger(FlexWebhooksService.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly events: AgentPlatformEvents,
    private readonly media: TwilioMediaService,
    private readonly conversations: TwilioConversations,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(FLEX_WEBHOOK_JOB, { run: (job) => this.deliver(job), onDead: (job) => this.undelivered(job) });
  }

  /** POST /forward-to-discord. */
  acceptConversationEvent(params: WebhookParams): Promise<void> {
    return this.store(() => classifyConversationEvent(params));
  }

  /** POST /chatbot-to-discord. */
  acceptBotTurn(params: WebhookParams): Promise<void> {
    return this.store(() => classifyBotTurn(params));
  }

  /** POST /twilio/taskrouter-events. */
  acceptTaskRouterEvent(params: WebhookParams): Promise<void> {
    return this.store(() => classifyTaskRouterEvent(params, this.config.TWILIO_WORKSPACE_SID));
  }

  private async store(classify: () => ClassifiedEvent | null): Promise<void> {
    let event: ClassifiedEvent | null;
    try {
      event = classify();
    } catch (error) {
      if (error instanceof InvalidWebhookField) throw DomainError.validation([{ field: error.field, messages: [error.reason] }]);
      throw error;
    }
    if (event) await this.queue.enqueue(FLEX_WEBHOOK_JOB, event.job, { dedupeKey: event.dedupeKey });
  }

  async deliver(job: FlexWebhookJob): Promise<void> {
    switch (job.type) {
      case 'agentMessage':
        return this.deliverAgentMessage(job);
      case 'agentJoined':
        return this.events.agentJoined({ platformKey: job.conversationSid, agentName: job.agentName, onlyIfNoAgent: job.onlyIfNoAgent, platformRefs: job.platformRefs });
      case 'platformClosed':
        return this.events.platformClosed({ platformKey: job.conversationSid });
      case 'noAgent':
        return this.events.noAgentAvailable({ platformKey: job.conversationSid });
      case 'botTurn':
        return this.events.botTurn({ platformKey: job.conversationSid, platformMessageId: job.messageSid, body: job.body });
      default:
        throw new PermanentJobError(`Unknown flex.webhook job ${JSON.stringify(job)}`);
    }
  }

  /**
   * A body longer than one Discord message goes as several, each with its own id (the message
   * SID, then `:2`, `:3`...), so a redelivery sends none twice; files travel with the last part.
   */
  private async deliverAgentMessage(job: Extract<FlexWebhookJob, { type: 'agentMessage' }>): Promise<void> {
    const media = await this.download(job);
    const parts = splitForPlayer(job.body);
    for (const [index, body] of parts.entries()) {
      const last = index === parts.length - 1;
      await this.events.agentMessage({
        platformKey: job.conversationSid,
        platformMessageId: index === 0 ? job.messageSid : `${job.messageSid}:${index + 1}`,
        authorName: job.authorName,
        body,
        media: last ? media : [],
      });
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

  /**
   * Twilio's guide does not list ChatServiceSid for onMessageAdded: without it, the service is
   * the one our conversation lives in (configured, or read from the conversation itself).
   */
  private async download(job: { conversationSid: string; chatServiceSid: string | null; media: MediaRef[] }): Promise<MediaFile[]> {
    if (job.media.length === 0) return [];
    const serviceSid = job.chatServiceSid ?? this.config.TWILIO_CONVERSATIONS_SERVICE_SID ?? (await this.conversations.serviceOf(job.conversationSid));
    const files: MediaFile[] = [];
    for (const ref of job.media) {
      const file = await this.media.download(serviceSid, ref.sid);
      files.push({ ...file, filename: ref.filename || file.filename, contentType: file.contentType || ref.contentType || 'application/octet-stream' });
    }
    return files;
  }
}
