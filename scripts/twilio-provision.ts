// npm run twilio:provision: creates or updates the Studio flow (flex/studio-flow.json) that
// ROUTING_MODE=studio needs, from the Twilio credentials and PUBLIC_URL in the environment, and
// prints the variables to set. Safe to run again: the flow is found by name and updated.
// Optional: TWILIO_TASK_CHANNEL_SID=TC... for the Send to Flex widget (default: TWILIO_TASK_CHANNEL).
import { ConfigValidationError, loadConfig } from '../src/config/app-config';
import { runProvisioning } from '../src/flex/provisioning';

async function main() {
  // The flow SID is what this prints, so studio mode's requirement for it cannot apply yet.
  const config = loadConfig({ ...process.env, ROUTING_MODE: 'direct' });
  await runProvisioning(config, { taskChannelSid: process.env.TWILIO_TASK_CHANNEL_SID || undefined, log: (line) => console.log(line) });
}

main().catch((error) => {
  console.error(error instanceof ConfigValidationError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : `Provisioning failed: ${error.message}`);
  process.exit(1);
});
