import { caseDecider } from './case.decider';
import { CaseEvent } from './events';
import { INTERIM_USE_END_REASONS } from './values';
import { given, ids, interimUseAgreed, requestSubmitted, sampleCommand, sampleCommands } from '../testing';

const caseId = ids.case;
const agreementId = ids.agreement;
const extended = (newEndsOn: string): CaseEvent => ({
  type: 'InterimUseExtended',
  data: { caseId, agreementId, newEndsOn },
});
const ended: CaseEvent = { type: 'InterimUseEnded', data: { caseId, agreementId, reason: 'ended_by_owner' } };

describe('case interim use', () => {
  describe('AgreeInterimUse', () => {
    it('records an active agreement and moves the case to interim_use', () => {
      const state = given(caseDecider, [requestSubmitted])
        .when(sampleCommands.AgreeInterimUse)
        .then([interimUseAgreed()]);
      expect(state).toMatchObject({
        stage: 'interim_use',
        interimUses: { [agreementId]: { startsOn: '2025-03-01', endsOn: '2025-08-31', status: 'active' } },
      });
    });

    it('accepts an agreement of one day (endsOn the day after startsOn)', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AgreeInterimUse', { startsOn: '2025-03-01', endsOn: '2025-03-02' }))
        .then([interimUseAgreed(agreementId, '2025-03-01', '2025-03-02')]);
    });

    it.each([
      ['2025-03-01', '2025-03-01'],
      ['2025-03-01', '2025-02-28'],
      ['2025-12-31', '2025-01-01'],
    ])('rejects startsOn %s, endsOn %s', (startsOn, endsOn) => {
      const error = given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AgreeInterimUse', { startsOn, endsOn }))
        .thenThrows('INTERIM_USE.INVALID_PERIOD');
      expect(error.details).toEqual({ startsOn, endsOn });
    });

    it('rejects dates that are not calendar dates', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AgreeInterimUse', { startsOn: '2025-02-29' }))
        .thenThrows('CASE.INVALID_DATE');
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AgreeInterimUse', { endsOn: '2025-9-1' }))
        .thenThrows('CASE.INVALID_DATE');
    });

    it('rejects a duplicate agreementId, even after it ended', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommands.AgreeInterimUse)
        .thenThrows('INTERIM_USE.ALREADY_EXISTS');
      given(caseDecider, [requestSubmitted, interimUseAgreed(), ended])
        .when(sampleCommands.AgreeInterimUse)
        .thenThrows('INTERIM_USE.ALREADY_EXISTS');
    });

    it('accepts a second agreement under another id', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommand('AgreeInterimUse', { agreementId: 'agreement-2' }))
        .then([interimUseAgreed('agreement-2')]);
    });
  });

  describe('ExtendInterimUse', () => {
    it('extends an active agreement to a later date', () => {
      const state = given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommands.ExtendInterimUse)
        .then([extended('2025-12-31')]);
      expect(state).toMatchObject({ interimUses: { [agreementId]: { endsOn: '2025-12-31', status: 'active' } } });
    });

    it('compares with the end date in force after earlier extensions', () => {
      const history = [requestSubmitted, interimUseAgreed(), extended('2025-12-31')];
      given(caseDecider, history)
        .when(sampleCommand('ExtendInterimUse', { newEndsOn: '2025-12-31' }))
        .thenThrows('INTERIM_USE.NOT_LATER');
      given(caseDecider, history)
        .when(sampleCommand('ExtendInterimUse', { newEndsOn: '2026-01-01' }))
        .then([extended('2026-01-01')]);
    });

    it.each(['2025-08-31', '2025-08-30'])('rejects newEndsOn %s (not after 2025-08-31)', (newEndsOn) => {
      const error = given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommand('ExtendInterimUse', { newEndsOn }))
        .thenThrows('INTERIM_USE.NOT_LATER');
      expect(error.details).toMatchObject({ currentEndsOn: '2025-08-31', newEndsOn });
    });

    it('rejects an unknown agreement', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommand('ExtendInterimUse', { agreementId: 'unknown' }))
        .thenThrows('INTERIM_USE.NOT_FOUND');
    });

    it('rejects an ended agreement', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed(), ended])
        .when(sampleCommands.ExtendInterimUse)
        .thenThrows('INTERIM_USE.NOT_ACTIVE');
    });

    it('rejects an invalid newEndsOn', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommand('ExtendInterimUse', { newEndsOn: '2025-12-32' }))
        .thenThrows('CASE.INVALID_DATE');
    });
  });

  describe('EndInterimUse', () => {
    it.each(INTERIM_USE_END_REASONS)('ends an active agreement (%s) and keeps the stage', (reason) => {
      const state = given(caseDecider, [requestSubmitted, interimUseAgreed()])
        .when(sampleCommand('EndInterimUse', { reason }))
        .then([{ type: 'InterimUseEnded', data: { caseId, agreementId, reason } }]);
      expect(state).toMatchObject({ stage: 'interim_use', interimUses: { [agreementId]: { status: 'ended' } } });
    });

    it('ends an extended agreement', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed(), extended('2025-12-31')])
        .when(sampleCommand('EndInterimUse', { reason: 'ended_by_owner' }))
        .then([ended]);
    });

    it('rejects an agreement that already ended', () => {
      given(caseDecider, [requestSubmitted, interimUseAgreed(), ended])
        .when(sampleCommands.EndInterimUse)
        .thenThrows('INTERIM_USE.NOT_ACTIVE');
    });

    it('rejects an unknown agreement', () => {
      given(caseDecider, [requestSubmitted]).when(sampleCommands.EndInterimUse).thenThrows('INTERIM_USE.NOT_FOUND');
    });
  });
});
