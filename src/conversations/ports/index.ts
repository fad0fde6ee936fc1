/**
 * The routing core's ports. They name no platform: a player is {id, displayName, channelId}, an
 * agent-platform chat an opaque key plus references, and differences are declared capabilities.
 */
export * from './agent-platform';
export * from './agent-platform-events';
export * from './locale';
export * from './media';
export * from './player-channel';
export * from './staff-alerts';
export * from './support-bot';
