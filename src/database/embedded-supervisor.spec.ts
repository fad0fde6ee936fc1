import { Logger } from '@nestjs/common';
import { EmbeddedSupervisor } from './embedded-supervisor';

const quiet = () => {
  const logger = new Logger('test');
  for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(logger, level).mockImplementation(() => undefined);
  return logger;
};

describe('EmbeddedSupervisor', () => {
  it('restarts a server that died, reporting restarting until it is back', async () => {
    let starts = 0;
    const results = [new Error('shared memory still in use'), undefined];
    const server = { start: async () => {
      const outcome = results[starts++];
      if (outcome) throw outcome;
    } };
    const onFatal = jest.fn();
    const supervisor = new EmbeddedSupervisor(server, { delayMs: 1, onFatal, logger: quiet() });
    expect(supervisor.state).toBe('up');
    supervisor.serverExited('killed by SIGKILL');
    supervisor.serverExited('killed by SIGKILL'); // a second report while healing is the same outage
    expect(supervisor.state).toBe('restarting');
    await supervisor.whenSettled();
    expect(supervisor.state).toBe('up');
    expect(starts).toBe(2);
    expect(onFatal).not.toHaveBeenCalled();
  });

  it('gives up after its attempts and hands the error to onFatal (the service exits non-zero)', async () => {
    const failure = new Error('could not bind IPv4 address');
    const server = { start: jest.fn(async () => Promise.reject(failure)) };
    const onFatal = jest.fn();
    const supervisor = new EmbeddedSupervisor(server, { attempts: 3, delayMs: 1, onFatal, logger: quiet() });
    supervisor.serverExited('exit code 1');
    await supervisor.whenSettled();
    expect(server.start).toHaveBeenCalledTimes(3);
    expect(supervisor.state).toBe('failed');
    expect(onFatal).toHaveBeenCalledWith(failure);
  });
});
