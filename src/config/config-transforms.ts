// Value conversions shared by the settings classes: environment variables arrive as strings.
import type { AppConfig } from './app-config';

export const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
export const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value; // left as is so @IsBoolean reports it
};
export const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** "1, 2,3" → ["1", "2", "3"]; empty → []. */
export const toIdList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter((id) => id.length > 0) : value;
export const SNOWFLAKE = /^\d{17,20}$/;

/** Twilio is wanted as soon as any of its identifying settings is present; the rest is then required. */
export function twilioWanted(c: AppConfig): boolean {
  return (
    c.TWILIO_ACCOUNT_SID !== undefined ||
    c.TWILIO_API_KEY !== undefined ||
    c.TWILIO_AUTH_TOKEN !== undefined ||
    c.ROUTING_MODE === 'studio'
  );
}
