import { ConfigValidationError } from '../config/app-config';
import { checkDatabase, checkDiscord, checkTwilio, CheckResult } from './doctor-checks';
import { cliConfig, out, UsageError } from './cli-runtime';

const MARK = { ok: 'ok     ', off: 'off    ', problem: 'PROBLEM' } as const;

/** bridge doctor: checks the configuration, the database, Discord and Twilio; exit 1 when anything is wrong. */
export async function doctorCommand(argv: string[]): Promise<number> {
  if (argv.length > 0) throw new UsageError('doctor takes no arguments');
  let config;
  try {
    config = await cliConfig();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    out(`${MARK.problem}  Configuration: ${error.message.replace(/^Invalid configuration:\n/, '')}`);
    out('\nFix the variables above (see .env.example), then run bridge doctor again.');
    return 1;
  }
  const results: CheckResult[] = [{ name: 'Configuration', status: 'ok', detail: 'every variable is valid' }];
  results.push(await checkDatabase(config));
  results.push(...(await Promise.all([checkDiscord(config), checkTwilio(config)])));
  for (const result of results) out(`${MARK[result.status]}  ${result.name}: ${result.detail}`);
  const problems = results.filter((result) => result.status === 'problem').length;
  out(problems ? `\n${problems} problem(s) found.` : '\nEverything checked is fine.');
  return problems ? 1 : 0;
}
