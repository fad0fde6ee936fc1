import { DomainError } from '../common/domain-error';
import { assertTransition, canTransition, closedAtFor, TRANSITIONS } from './case-rules';

describe('case rules', () => {
  it('allows the normal life cycle', () => {
    expect(canTransition('OPEN', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'WAITING')).toBe(true);
    expect(canTransition('WAITING', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'RESOLVED')).toBe(true);
    expect(canTransition('RESOLVED', 'CLOSED')).toBe(true);
    expect(canTransition('CLOSED', 'OPEN')).toBe(true);
  });

  it('forbids skipping back into work from a closed case and no-op transitions', () => {
    expect(canTransition('CLOSED', 'IN_PROGRESS')).toBe(false);
    expect(canTransition('CLOSED', 'RESOLVED')).toBe(false);
    expect(canTransition('WAITING', 'OPEN')).toBe(false);
    for (const status of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      expect(canTransition(status, status)).toBe(false);
    }
  });

  it('explains a forbidden transition with a 409 and the allowed targets', () => {
    let thrown: unknown;
    try {
      assertTransition(7, 'CLOSED', 'RESOLVED');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ status: 409, code: 'invalid_status_transition' });
    expect((thrown as Error).message).toContain('#7 cannot go from CLOSED to RESOLVED');
    expect((thrown as Error).message).toContain('OPEN');
  });

  it('sets closedAt when a case is resolved or closed and clears it on reopen', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const earlier = new Date('2026-01-01T00:00:00Z');
    expect(closedAtFor('RESOLVED', null, now)).toEqual(now);
    expect(closedAtFor('CLOSED', earlier, now)).toEqual(earlier);
    expect(closedAtFor('OPEN', earlier, now)).toBeNull();
    expect(closedAtFor('IN_PROGRESS', null, now)).toBeNull();
  });
});
