import {
  computeMemberRetention,
  emptyInitiativeHistory,
  foldInitiativeEvent,
  InitiativeHistory,
} from './member-retention';
import { eventBuilder } from './testing/case-events';

describe('member retention', () => {
  const ev = eventBuilder();
  const initiativeId = 'initiative-1';
  const report = (at: string, activeMembers: number, recordedAt?: string) =>
    ev('ActiveMembersReported', { initiativeId, activeMembers }, at, recordedAt);
  let history: InitiativeHistory;
  beforeEach(() => {
    history = [
      report('2026-01-10T00:00:00Z', 10),
      report('2026-02-10T00:00:00Z', 14),
      report('2026-03-10T00:00:00Z', 7),
    ].reduce(foldInitiativeEvent, emptyInitiativeHistory());
  });

  it('latest / highest so far', () => {
    expect(computeMemberRetention(history, new Date('2026-04-01T00:00:00Z')).memberRetention).toBe(0.5); // 7 / 14
    expect(computeMemberRetention(history, new Date('2026-02-15T00:00:00Z')).memberRetention).toBe(1); // 14 / 14
    expect(computeMemberRetention(history, new Date('2026-01-01T00:00:00Z')).memberRetention).toBeNull();
  });

  it('a backdated report recorded later raises the highest but is not the latest', () => {
    const withBackdated = foldInitiativeEvent(history, report('2026-02-15T00:00:00Z', 20, '2026-04-01T00:00:00Z'));
    expect(computeMemberRetention(withBackdated, new Date('2026-04-02T00:00:00Z'))).toEqual({
      initiativeId,
      latestActiveMembers: 7,
      highestActiveMembers: 20,
      memberRetention: 0.35, // 7 / 20
    });
  });

  it('null when the highest is 0', () => {
    const zero = foldInitiativeEvent(emptyInitiativeHistory(), report('2026-01-10T00:00:00Z', 0));
    expect(computeMemberRetention(zero, new Date('2026-02-01T00:00:00Z')).memberRetention).toBeNull();
  });

  it('holds the reports of its own initiative only, and nothing else', () => {
    const own = foldInitiativeEvent(emptyInitiativeHistory(), report('2026-01-10T00:00:00Z', 10));
    expect(own).toEqual({
      v: 1,
      initiativeId,
      memberReports: [{ at: '2026-01-10T00:00:00.000Z', pos: expect.any(Number), activeMembers: 10 }],
    });
    expect(
      foldInitiativeEvent(
        own,
        ev('ActiveMembersReported', { initiativeId: 'initiative-2', activeMembers: 90 }, '2026-01-11T00:00:00Z'),
      ),
    ).toBe(own);
    expect(
      foldInitiativeEvent(own, ev('InitiativeRegistered', { initiativeId, name: 'n' }, '2026-01-11T00:00:00Z')),
    ).toBe(own);
  });
});
