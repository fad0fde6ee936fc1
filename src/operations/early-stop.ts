/**
 * A stop asked for while the service still starts (embedded Postgres, migrations, the knowledge
 * index) comes before Nest's shutdown hooks exist: Node would end at once, skipping its 'exit'
 * handlers, and leave the embedded Postgres running. This exits through process.exit instead
 * (code 0: a stop asked for), whose 'exit' handlers stop that server; nothing is served yet.
 * Returns the function that hands the signals over to the app's own hooks.
 */
export function exitOnStopDuringStartUp(): () => void {
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`Stopped by ${signal} during start-up\n`);
    process.exit(0);
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  for (const signal of signals) process.once(signal, stop);
  return () => {
    for (const signal of signals) process.off(signal, stop);
  };
}
