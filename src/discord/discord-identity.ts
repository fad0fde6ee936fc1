/** How Discord users appear in cases. */

/** The actor recorded on case events for a player's own Discord actions. */
export const discordActor = (userId: string) => `discord:${userId}`;

/** The name the player shows on Discord (global display name, else username), as cases store it. */
export const displayName = (user: { globalName: string | null; username: string }) => (user.globalName ?? user.username).slice(0, 100);
