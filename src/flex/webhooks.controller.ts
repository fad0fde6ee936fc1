import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/roles';
import { FlexWebhooksService } from './flex-webhooks.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';
import type { WebhookParams } from './webhook-events';

/**
 * The form parameters, read from the request rather than through @Body(): the app's validation
 * pipe refuses NUL in bodies, and an agent's message with one must still reach the player
 * (the classifiers replace it and check every value they use).
 */
const paramsOf = (request: FastifyRequest): WebhookParams => {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as WebhookParams) : {};
};

/**
 * Twilio's webhooks (the seed's endpoints): signed by Twilio instead of an API key. They store the
 * event and answer 200 with an empty body at once; delivery to Discord happens in the job queue.
 */
@ApiExcludeController()
@Public()
@UseGuards(TwilioSignatureGuard)
@Controller()
export class FlexWebhooksController {
  constructor(private readonly webhooks: FlexWebhooksService) {}

  /** The conversation-scoped webhook on every help chat's Twilio conversation. */
  @Post('forward-to-discord')
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  async forward(@Req() request: FastifyRequest): Promise<string> {
    await this.webhooks.acceptConversationEvent(paramsOf(request));
    return '';
  }

  /** Studio mode: the flow's HTTP request widget asks the bot to answer the player's message. */
  @Post('chatbot-to-discord')
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  async chatbot(@Req() request: FastifyRequest): Promise<string> {
    await this.webhooks.acceptBotTurn(paramsOf(request));
    return '';
  }

  /**
   * The TaskRouter workspace's EventCallbackUrl (set by `npm run twilio:provision`): agent
   * accepted, wrap-up, completion, nobody took it. TaskRouter asks for 204 with a JSON content type.
   */
  @Post('twilio/taskrouter-events')
  @HttpCode(204)
  @Header('content-type', 'application/json')
  async taskRouter(@Req() request: FastifyRequest): Promise<void> {
    await this.webhooks.acceptTaskRouterEvent(paramsOf(request));
  }
}
