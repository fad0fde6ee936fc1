import { APIMessage, ChannelType, MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import { discordError } from './http';
import type { Route, RouteResult } from './rest-routes';

/**
 * Announcement channels (GUILD_ANNOUNCEMENT, type 5) and what posting to them needs, as in
 * Discord's OpenAPI document (specs/discord/openapi.json): `crosspost_message`
 * (POST /channels/{channel_id}/messages/{message_id}/crosspost, 200 with the message) and
 * `delete_message` (DELETE /channels/{channel_id}/messages/{message_id}, 204).
 * Per Discord's "Crosspost Message" docs the message gains the CROSSPOSTED flag (1 << 0); a second
 * crosspost fails with 40033, and only Announcement channels can crosspost at all.
 */
const fail = (status: number, code: number, message: string): RouteResult => ({ status, body: discordError(code, message) });
const unknownMessage = () => fail(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');

export function announcementRoutes(fake: FakeDiscord): Route[] {
  return [
    {
      method: 'POST',
      template: '/channels/{channel_id}/messages/{message_id}/crosspost',
      auth: 'bot',
      handle: ({ params }) => {
        const channel = fake.channels.get(params.channel_id);
        if (!channel) return fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
        const message = channel.messages.find((m) => m.id === params.message_id);
        if (!message) return unknownMessage();
        if (channel.payload.type !== ChannelType.GuildAnnouncement) {
          return fail(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
        }
        // The bot may crosspost its own messages with Send Messages; others' need Manage Messages (not granted here).
        if (message.author.id !== fake.botUser.id) return fail(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
        if ((message.flags ?? 0) & MessageFlags.Crossposted) return fail(400, RESTJSONErrorCodes.ThisMessageWasAlreadyCrossposted, 'This message has already been crossposted.');
        const published = { ...message, flags: (message.flags ?? 0) | MessageFlags.Crossposted } as APIMessage;
        fake.storeMessage(published);
        return { status: 200, body: published };
      },
    },
    {
      method: 'DELETE',
      template: '/channels/{channel_id}/messages/{message_id}',
      auth: 'bot',
      handle: ({ params }) => {
        const channel = fake.channels.get(params.channel_id);
        const index = channel?.messages.findIndex((m) => m.id === params.message_id) ?? -1;
        if (!channel || index < 0) return unknownMessage();
        channel.messages.splice(index, 1);
        return { status: 204 };
      },
    },
  ];
}
