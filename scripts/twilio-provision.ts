// npm run twilio:provision [-- --check] [-- --force]: sets up Twilio for the bridge from the
// environment (see docs/flex.md); the work is in src/flex/provisioning.ts.
import { provisioningSettings, runProvisioning } from '../src/flex/provisioning';

async function main() {
  const args = process.argv.slice(2);
  const report = await runProvisioning(provisioningSettings(process.env), { check: args.includes('--check'), force: args.includes('--force'), log: (line) => console.log(line) });
  if (report.problems.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
