import { loadConfig } from '../config/app-config';
import { isHealthProbe, usePrettyLogs } from './logger-options';

describe('log format', () => {
  it('is pretty in a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(usePrettyLogs(loadConfig({}), true)).toBe(true);
    expect(usePrettyLogs(loadConfig({}), false)).toBe(false);
    expect(usePrettyLogs(loadConfig({ LOG_FORMAT: 'json' }), true)).toBe(false);
    expect(usePrettyLogs(loadConfig({ LOG_FORMAT: 'pretty' }), false)).toBe(true);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT="xml"/);
  });

  it('recognises health probes only', () => {
    for (const url of ['/health', '/health/live', '/health/ready', '/health/ready?x=1']) expect(isHealthProbe(url)).toBe(true);
    for (const url of ['/healthy', '/api/health', '/', undefined]) expect(isHealthProbe(url)).toBe(false);
  });
});
