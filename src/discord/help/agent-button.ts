/** The custom id of the "Talk to a live agent" button under the bot's answers. */
export const AGENT_BUTTON_ID = 'help:agent';
/** Custom ids of the "did this help?" buttons: `helpfb/yes/<feedback id>`, `helpfb/no/<feedback id>` (Necord matches ids as paths, so "/" keeps them apart from help:agent). */
export const FEEDBACK_BUTTON_PREFIX = 'helpfb';
