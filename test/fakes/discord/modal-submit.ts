import { ComponentType, InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { FakeDiscord, InteractionPayload } from './fake-discord';

/**
 * Modals on the fake, kept beside it: the modal a bot opened in answer to an interaction, and the
 * MODAL_SUBMIT the player's client sends back. Shapes from Discord's docs, "Receiving and
 * Responding" (interaction callback type 9 MODAL; modal submit data with Label components, type 18,
 * each wrapping one text input, type 4, with its `value`).
 */
export function modalShown(fake: FakeDiscord, interaction: { id: string; token: string }): { custom_id: string; title: string; components: any[] } | null {
  const callback = fake.requests.find(
    (r) => r.route === '/interactions/{interaction_id}/{interaction_token}/callback' && r.params.interaction_id === interaction.id && r.body?.type === InteractionResponseType.Modal,
  );
  return callback?.body.data ?? null;
}

/** The player submits the modal `customId` with text input values by custom id (opened from `message`'s button). */
export function modalSubmit(fake: FakeDiscord, input: { user: APIUser; customId: string; fields: Record<string, string>; message?: APIMessage; locale?: string }): InteractionPayload {
  const payload = fake.button({ customId: input.customId, user: input.user, message: input.message, locale: input.locale });
  payload.type = InteractionType.ModalSubmit;
  payload.data = {
    custom_id: input.customId,
    components: Object.entries(input.fields).map(([customId, value], i) => ({
      type: 18, // Label (newer than this project's discord-api-types)
      id: 2 * i + 1,
      component: { type: ComponentType.TextInput, id: 2 * i + 2, custom_id: customId, value },
    })),
  };
  return payload;
}
