export { FakeDiscord } from './fake-discord';
export type { ButtonInput, FakeChannelState, FakeDiscordOptions, ModalSubmitInput, InjectedFailure, InteractionPayload, InteractionReply, InteractionState, RecordedRequest, RequestMatch, SlashCommandInput } from './fake-discord';
export type { RecordedFile } from './http';
export { apiUser, messagePayload } from './payloads';
export type { FakeGuild } from './payloads';
export { snowflake } from './snowflake';
export { GuildMessages } from './guild-messages';
export type { ThreadPayload } from './thread-routes';
