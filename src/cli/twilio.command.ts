import { runProvisioning } from '../flex/provisioning';
import { cliConfig, out, UsageError } from './cli-runtime';

/**
 * bridge twilio provision: creates or updates the Studio flow (flex/studio-flow.json) that
 * ROUTING_MODE=studio needs and prints the variables to set; safe to run again (found by name).
 * Optional: TWILIO_TASK_CHANNEL_SID=TC... for the Send to Flex widget (default: TWILIO_TASK_CHANNEL).
 */
export async function twilioCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'provision' || rest.length > 0) throw new UsageError('Usage: bridge twilio provision');
  // The flow SID is what this prints, so studio mode's requirement for it cannot apply yet.
  const config = await cliConfig({ ROUTING_MODE: 'direct' });
  await runProvisioning(config, { taskChannelSid: process.env.TWILIO_TASK_CHANNEL_SID || undefined, log: out });
  return 0;
}
