import type { FakeTwilio } from './fake-twilio';
import { error, notFound, ProductRoute, Reply, str } from './fake-http';
import { FakeFlow, FakeInteraction, FakeMedia, flowJson, interactionChannelJson, interactionJson, listJson, mediaJson, sid } from './resources';
import type { FormParams } from './spec-routes';

/**
 * Flex v1 Interactions: creating one routes its conversation through TaskRouter (a task with the
 * routing attributes); closing its channel closes the conversation (a backend action: no
 * conversation webhook) and moves the tasks to wrapping, or completes them with
 * Routing={"status":"closed"} (Interactions Channels subresource).
 */
export function flexRoutes(fake: FakeTwilio): ProductRoute[] {
  return [
    { method: 'POST', template: '/v1/Interactions', handler: ({ params }) => createInteraction(fake, params) },
    {
      method: 'GET',
      template: '/v1/Interactions/{Sid}',
      handler: ({ path }) => {
        const interaction = fake.interactions.get(path.Sid);
        return interaction ? { status: 200, json: interactionJson(interaction) } : notFound(`Interaction ${path.Sid}`);
      },
    },
    {
      method: 'GET',
      template: '/v1/Interactions/{InteractionSid}/Channels/{Sid}',
      handler: ({ path }) => {
        const interaction = fake.interactions.get(path.InteractionSid);
        return interaction && interaction.channel.sid === path.Sid ? { status: 200, json: interactionChannelJson(interaction) } : notFound(`Channel ${path.Sid}`);
      },
    },
    { method: 'POST', template: '/v1/Interactions/{InteractionSid}/Channels/{Sid}', handler: ({ params, path }) => updateChannel(fake, path, params) },
  ];
}

function createInteraction(fake: FakeTwilio, params: FormParams): Reply {
  let channel: Record<string, unknown>;
  let routing: { properties?: Record<string, unknown> } | null;
  try {
    channel = JSON.parse(str(params.Channel)!);
    routing = params.Routing ? JSON.parse(str(params.Routing)!) : null;
  } catch {
    return error(400, 20001, 'Channel and Routing must be JSON');
  }
  const mediaChannelSid = (channel.properties as { media_channel_sid?: string } | undefined)?.media_channel_sid;
  if (mediaChannelSid && !fake.conversations.has(mediaChannelSid)) return error(400, 20001, `Conversation ${mediaChannelSid} does not exist`);
  const properties = routing?.properties ?? {};
  const workspace = fake.taskRouter.workspace;
  if (properties.workspace_sid !== workspace.sid || properties.workflow_sid !== workspace.workflow.sid) {
    return error(400, 20001, 'Routing.properties must name an existing workspace_sid and workflow_sid');
  }
  const interaction: FakeInteraction = { sid: sid('KD'), channel: { ...channel, sid: sid('UO') }, routing, channelStatus: 'active', created: new Date() };
  // Flex adds the interaction's references to the task's attributes.
  const attributes = { ...(properties.attributes as Record<string, unknown>), flexInteractionSid: interaction.sid, flexInteractionChannelSid: interaction.channel.sid };
  const task = fake.taskRouter.createTask(attributes, String(properties.task_channel_unique_name ?? properties.task_channel_sid ?? 'default'));
  if (typeof task === 'string') return error(400, 20001, task);
  fake.interactions.set(interaction.sid, interaction);
  return { status: 201, json: interactionJson(interaction) };
}

function updateChannel(fake: FakeTwilio, path: Record<string, string>, params: FormParams): Reply {
  const interaction = fake.interactions.get(path.InteractionSid);
  if (!interaction || interaction.channel.sid !== path.Sid) return notFound(`Channel ${path.Sid}`);
  const status = str(params.Status) as 'closed' | 'inactive';
  let routingStatus: string | undefined;
  if (params.Routing !== undefined) {
    try {
      routingStatus = (JSON.parse(str(params.Routing)!) as { status?: string }).status;
    } catch {
      return error(400, 20001, 'Routing must be JSON');
    }
    if (routingStatus !== 'closed') return error(400, 20001, 'The only routing status allowed is closed');
  }
  if (status === 'inactive' && routingStatus !== 'closed') return error(400, 20001, 'Routing status is required when the channel status is inactive');
  interaction.channelStatus = status;
  const conversationSid = (interaction.channel.properties as { media_channel_sid?: string } | undefined)?.media_channel_sid;
  const conversation = conversationSid ? fake.conversations.get(conversationSid) : undefined;
  if (conversation && status === 'closed') {
    conversation.state = 'closed'; // by Flex's backend: no conversation webhook
    conversation.updated = new Date();
  }
  const task = fake.taskRouter.taskOf((a) => a.flexInteractionSid === interaction.sid);
  if (task) fake.later(() => (routingStatus === 'closed' ? fake.taskRouter.complete(task, 'Interaction channel closed') : fake.taskRouter.wrapUp(task)));
  return { status: 200, json: interactionChannelJson(interaction) };
}

/** Studio v2 Flows, as `npm run twilio:provision` manages them. */
export function studioRoutes(fake: FakeTwilio): ProductRoute[] {
  return [
    { method: 'GET', template: '/v2/Flows', handler: () => ({ status: 200, json: listJson('flows', 'https://studio.twilio.com/v2/Flows', [...fake.flows.values()].map((f) => flowJson(fake.accountSid, f))) }) },
    { method: 'POST', template: '/v2/Flows', handler: ({ params }) => saveFlow(fake, null, params) },
    {
      method: 'GET',
      template: '/v2/Flows/{Sid}',
      handler: ({ path }) => {
        const flow = fake.flows.get(path.Sid);
        return flow ? { status: 200, json: flowJson(fake.accountSid, flow) } : notFound(`Flow ${path.Sid}`);
      },
    },
    {
      method: 'POST',
      template: '/v2/Flows/{Sid}',
      handler: ({ params, path }) => {
        const flow = fake.flows.get(path.Sid);
        return flow ? saveFlow(fake, flow, params) : notFound(`Flow ${path.Sid}`);
      },
    },
  ];
}

function saveFlow(fake: FakeTwilio, existing: FakeFlow | null, params: FormParams): Reply {
  let definition: unknown = existing?.definition;
  if (params.Definition !== undefined) {
    try {
      definition = JSON.parse(str(params.Definition)!);
    } catch {
      return error(400, 20001, 'Definition must be JSON');
    }
  }
  const now = new Date();
  const commitMessage = str(params.CommitMessage) ?? null;
  const flow: FakeFlow = existing
    ? { ...existing, definition, status: str(params.Status) as FakeFlow['status'], friendlyName: str(params.FriendlyName) ?? existing.friendlyName, commitMessage, revision: existing.revision + 1, updated: now }
    : { sid: sid('FW'), friendlyName: str(params.FriendlyName)!, status: str(params.Status) as FakeFlow['status'], definition, commitMessage, revision: 1, created: now, updated: now };
  fake.flows.set(flow.sid, flow);
  return { status: existing ? 200 : 201, json: flowJson(fake.accountSid, flow) };
}

/** Media Content Service (not in Twilio's OpenAPI definitions nor in twilio-node) and its pre-signed direct links. */
export function mediaRoutes(fake: FakeTwilio): { mcs: ProductRoute[]; direct: ProductRoute[] } {
  return {
    mcs: [
      {
        method: 'POST',
        template: '/v1/Services/{ServiceSid}/Media',
        handler: ({ path, headers, body }) => {
          if (body.length === 0) return error(400, 20001, 'The media content is empty');
          const media: FakeMedia = { sid: sid('ME'), serviceSid: path.ServiceSid, contentType: headers['content-type'] ?? 'application/octet-stream', filename: null, data: body, created: new Date() };
          fake.media.set(media.sid, media);
          return { status: 201, json: mediaJson(fake.accountSid, media, fake.directUrl(media)) };
        },
      },
      {
        method: 'GET',
        template: '/v1/Services/{ServiceSid}/Media/{Sid}',
        handler: ({ path }) => {
          const media = fake.media.get(path.Sid);
          return media && media.serviceSid === path.ServiceSid ? { status: 200, json: mediaJson(fake.accountSid, media, fake.directUrl(media)) } : notFound(`Media ${path.Sid}`);
        },
      },
    ],
    direct: [
      {
        method: 'GET',
        template: '/{Sid}',
        handler: ({ path, query }) => {
          const media = fake.media.get(path.Sid);
          if (!media || str(query.Signature) !== fake.mediaSignature(media)) return error(403, 20403, 'Expired or invalid media link');
          return { status: 200, raw: { contentType: media.contentType, data: media.data } };
        },
      },
    ],
  };
}
