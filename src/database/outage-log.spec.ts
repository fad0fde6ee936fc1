import { Logger } from '@nestjs/common';
import { OutageLog } from './outage-log';

describe('OutageLog', () => {
  it('logs a run of failures once when it starts and once when it ends', () => {
    const logger = new Logger('test');
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(logger, 'log').mockImplementation(() => undefined);
    const outage = new OutageLog(logger, 'Claiming jobs');
    outage.succeeded();
    for (let i = 0; i < 50; i++) outage.failed(new Error('connect ECONNREFUSED 127.0.0.1:5432\n  at stack line'));
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toContain('Claiming jobs failing');
    expect(error.mock.calls[0][0]).not.toContain('\n');
    outage.succeeded();
    outage.succeeded();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/Claiming jobs works again after \d+ s/);
    outage.failed(new Error('again'));
    expect(error).toHaveBeenCalledTimes(2);
  });
});
