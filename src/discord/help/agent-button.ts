/** The custom id of the "Talk to a live agent" button under the bot's answers. */
export const AGENT_BUTTON_ID = 'help:agent';
