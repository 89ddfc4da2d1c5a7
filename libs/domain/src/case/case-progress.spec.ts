import { caseDecider } from './case.decider';
import {
  caseClosed,
  given,
  ids,
  interimUseAgreed,
  requestSubmitted,
  sampleCommand,
  sampleCommands,
  supportAgreed,
} from '../testing';

const caseId = ids.case;

describe('case progress: support, funding, staff time, institutionalisation', () => {
  describe('AgreeSupport', () => {
    it('records the support', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AgreeSupport', { kind: 'equipment', description: 'Werkbank' }))
        .then([
          {
            type: 'SupportAgreed',
            data: { caseId, supportId: ids.support, kind: 'equipment', description: 'Werkbank' },
          },
        ]);
    });

    it('rejects a duplicate supportId', () => {
      given(caseDecider, [requestSubmitted, supportAgreed()])
        .when(sampleCommands.AgreeSupport)
        .thenThrows('SUPPORT.ALREADY_EXISTS');
    });

    it('accepts a second support under another id', () => {
      given(caseDecider, [requestSubmitted, supportAgreed()])
        .when(sampleCommand('AgreeSupport', { supportId: 'support-2' }))
        .then([supportAgreed('support-2')]);
    });
  });

  describe('ApplyForFunding', () => {
    const applied = {
      type: 'FundingApplied',
      data: {
        caseId,
        applicationId: ids.application,
        fundId: ids.fund,
        amountRequestedCents: 150_000,
        purpose: 'Werkzeug',
      },
    } as const;

    it('applies on an open case', () => {
      const state = given(caseDecider, [requestSubmitted]).when(sampleCommands.ApplyForFunding).then([applied]);
      expect(state).toMatchObject({ fundingApplications: { [ids.application]: ids.fund } });
    });

    it('rejects a duplicate applicationId', () => {
      given(caseDecider, [requestSubmitted, applied])
        .when(sampleCommand('ApplyForFunding', { fundId: 'another-fund' }))
        .thenThrows('FUNDING_APPLICATION.ALREADY_EXISTS');
    });

    it.each([0, -1, 12.5])('rejects the amount %p', (amountRequestedCents) => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('ApplyForFunding', { amountRequestedCents }))
        .thenThrows('FUNDING_APPLICATION.INVALID_AMOUNT');
    });

    it('is rejected on a closed case', () => {
      given(caseDecider, [requestSubmitted, caseClosed()])
        .when(sampleCommands.ApplyForFunding)
        .thenThrows('CASE.CLOSED');
    });
  });

  describe('LogStaffTime', () => {
    it('logs positive hours without changing the stage', () => {
      const state = given(caseDecider, [requestSubmitted])
        .when(sampleCommand('LogStaffTime', { hours: 0.25 }))
        .then([
          {
            type: 'StaffTimeLogged',
            data: { caseId, unitId: ids.unit, staffRef: 'staff-17', hours: 0.25, activity: 'Vorbereitung' },
          },
        ]);
      expect(state).toMatchObject({ stage: 'request' });
    });

    it.each([0, -2, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p hours', (hours) => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('LogStaffTime', { hours }))
        .thenThrows('STAFF_TIME.INVALID_HOURS');
    });
  });

  describe('InstitutionaliseCase', () => {
    it('carries the budget line when given', () => {
      given(caseDecider, [requestSubmitted, supportAgreed()])
        .when(sampleCommand('InstitutionaliseCase', { form: 'regular_funding', budgetLine: '1.3.01.531800' }))
        .then([
          {
            type: 'CaseInstitutionalised',
            data: { caseId, form: 'regular_funding', effectiveFrom: '2026-01-01', budgetLine: '1.3.01.531800' },
          },
        ]);
    });

    it('is rejected from stage request', () => {
      const error = given(caseDecider, [requestSubmitted])
        .when(sampleCommands.InstitutionaliseCase)
        .thenThrows('CASE.INVALID_STAGE_FOR_INSTITUTIONALISATION');
      expect(error.details).toMatchObject({ stage: 'request' });
    });

    it('is rejected when already institutionalised', () => {
      const error = given(caseDecider, [
        requestSubmitted,
        interimUseAgreed(),
        { type: 'CaseInstitutionalised', data: { caseId, form: 'lease', effectiveFrom: '2026-01-01' } },
      ])
        .when(sampleCommands.InstitutionaliseCase)
        .thenThrows('CASE.INVALID_STAGE_FOR_INSTITUTIONALISATION');
      expect(error.details).toMatchObject({ stage: 'institutionalised' });
    });

    it.each(['2026-13-01', '2026-02-29', '01.01.2026', '2026-01-01T00:00:00Z'])(
      'rejects the effectiveFrom %p',
      (effectiveFrom) => {
        const error = given(caseDecider, [requestSubmitted, supportAgreed()])
          .when(sampleCommand('InstitutionaliseCase', { effectiveFrom }))
          .thenThrows('CASE.INVALID_DATE');
        expect(error.details).toEqual({ field: 'effectiveFrom', value: effectiveFrom });
      },
    );
  });
});
