import { provisioningSettings, runProvisioning } from '../flex/provisioning';
import { readEnvironment } from '../config/environment';
import { out, UsageError } from './cli-runtime';

const USAGE = 'Usage: bridge twilio provision [--check] [--force]';

/**
 * bridge twilio provision: checks the credentials, finds the Flex workspace, workflow and task
 * channel, sets the TaskRouter event callback and, in studio mode, the Studio flow; prints the env
 * lines to set. Idempotent; `--check` changes nothing, `--force` replaces a callback set elsewhere.
 * Exit code 1 when a problem was found (src/flex/provisioning.ts has the details).
 */
export async function twilioCommand(argv: string[]): Promise<number> {
  const [sub, ...flags] = argv;
  if (sub !== 'provision' || flags.some((flag) => flag !== '--check' && flag !== '--force')) throw new UsageError(USAGE);
  // Reads .env into the environment like every command; provisioning needs less than the app does.
  await readEnvironment({ ROUTING_MODE: 'direct' }).catch(() => undefined);
  const report = await runProvisioning(provisioningSettings(process.env), { check: flags.includes('--check'), force: flags.includes('--force'), log: out });
  return report.problems.length > 0 ? 1 : 0;
}
