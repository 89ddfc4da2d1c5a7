import { caseDecider } from './case.decider';
import { CaseEvent } from './events';
import { caseClosed, given, ids, requestSubmitted, sampleCommand, sampleCommands } from '../testing';

const caseId = ids.case;
const reason = sampleCommands.AwaitInitiative.data.reason;
const awaited = (until?: string): CaseEvent => ({
  type: 'InitiativeAwaited',
  data: { caseId, reason, ...(until === undefined ? {} : { until }) },
});
const resumed: CaseEvent = { type: 'CaseResumed', data: { caseId } };
const reopened: CaseEvent = { type: 'CaseReopened', data: { caseId, reason: 'Neue Räume', stage: 'request' } };

describe('waiting for the initiative', () => {
  describe('AwaitInitiative', () => {
    it('records the wait with its last day', () => {
      const state = given(caseDecider, [requestSubmitted])
        .when(sampleCommands.AwaitInitiative)
        .then([awaited('2025-06-30')]);
      expect(state).toMatchObject({ waitingForInitiative: { until: '2025-06-30' } });
    });

    it('records an open-ended wait without until', () => {
      const state = given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AwaitInitiative', { until: undefined }))
        .then([awaited()]);
      expect(state).toMatchObject({ waitingForInitiative: { until: null } });
    });

    it('is rejected while the case already waits, even after its until (the decider reads no clock)', () => {
      const error = given(caseDecider, [requestSubmitted, awaited('2025-06-30')])
        .when(sampleCommand('AwaitInitiative', { until: '2025-09-30' }))
        .thenThrows('CASE.ALREADY_WAITING');
      expect(error.details).toEqual({ caseId, until: '2025-06-30' });
    });

    it('is accepted again after ResumeCase (how a wait is changed)', () => {
      given(caseDecider, [requestSubmitted, awaited('2025-06-30'), resumed])
        .when(sampleCommand('AwaitInitiative', { until: '2025-09-30' }))
        .then([awaited('2025-09-30')]);
    });

    it.each(['2025-02-30', '30.06.2025', '1899-12-31'])('rejects until %s as no supported date', (until) => {
      const error = given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AwaitInitiative', { until }))
        .thenThrows('CASE.INVALID_DATE');
      expect(error.details).toEqual({ field: 'until', value: until });
    });

    it('is rejected on a closed case', () => {
      given(caseDecider, [requestSubmitted, caseClosed()])
        .when(sampleCommands.AwaitInitiative)
        .thenThrows('CASE.CLOSED');
    });
  });

  describe('ResumeCase', () => {
    it('ends the wait', () => {
      const state = given(caseDecider, [requestSubmitted, awaited('2025-06-30')])
        .when(sampleCommands.ResumeCase)
        .then([resumed]);
      expect(state).toMatchObject({ waitingForInitiative: null });
    });

    it('is rejected when the case does not wait', () => {
      const error = given(caseDecider, [requestSubmitted])
        .when(sampleCommands.ResumeCase)
        .thenThrows('CASE.NOT_WAITING');
      expect(error.details).toEqual({ caseId });
      given(caseDecider, [requestSubmitted, awaited(), resumed])
        .when(sampleCommands.ResumeCase)
        .thenThrows('CASE.NOT_WAITING');
    });

    it('is rejected on a closed case', () => {
      given(caseDecider, [requestSubmitted, awaited(), caseClosed()])
        .when(sampleCommands.ResumeCase)
        .thenThrows('CASE.CLOSED');
    });
  });

  it('closing ends the wait: a reopened case does not wait', () => {
    const history = [requestSubmitted, awaited('2025-06-30'), caseClosed(), reopened];
    expect(given(caseDecider, history).state).toMatchObject({ status: 'open', waitingForInitiative: null });
    given(caseDecider, history).when(sampleCommands.ResumeCase).thenThrows('CASE.NOT_WAITING');
    given(caseDecider, history)
      .when(sampleCommands.AwaitInitiative)
      .then([awaited('2025-06-30')]);
  });
});
