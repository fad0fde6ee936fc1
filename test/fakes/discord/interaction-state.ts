import { APIMessage, MessageFlags } from 'discord-api-types/v10';
import type { InteractionPayload, InteractionReply, InteractionState } from './types';

/** The state the fake keeps for a dispatched interaction until the bot answers it. */
export function newInteractionState(payload: InteractionPayload): InteractionState {
  return {
    id: payload.id,
    token: payload.token,
    applicationId: payload.application_id,
    type: payload.type,
    channelId: payload.channel_id,
    guildId: payload.guild_id,
    dispatchedAt: Date.now(),
    acknowledged: false,
    followUps: [],
    message: payload.message,
    payload,
  };
}

/** The interaction's visible answer: the last follow-up, else the original reply once it is no longer "thinking…". */
export function visibleReply(state: InteractionState | undefined): InteractionReply | null {
  if (!state) return null;
  const followUp = state.followUps[state.followUps.length - 1];
  if (followUp) return { message: followUp, ephemeral: isEphemeral(followUp), via: 'followup' };
  const original = state.original;
  if (!original || state.originalDeleted || (original.flags ?? 0) & MessageFlags.Loading) return null;
  const via = state.responseType === 5 ? 'edit' : 'callback';
  return { message: original, ephemeral: isEphemeral(original), via };
}

function isEphemeral(message: APIMessage): boolean {
  return Boolean((message.flags ?? 0) & MessageFlags.Ephemeral);
}
