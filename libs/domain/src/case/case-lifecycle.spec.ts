import { CASE_COMMAND_TYPES, CaseCommand } from './commands';
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

describe('case lifecycle', () => {
  describe('SubmitRequest', () => {
    it('opens a case in stage request', () => {
      const state = given(caseDecider).when(sampleCommands.SubmitRequest).then([requestSubmitted]);
      expect(state).toMatchObject({ status: 'open', stage: 'request', initiativeId: ids.initiative });
      expect(state).toMatchObject({
        interactionIds: [],
        supportIds: [],
        sponsorRefs: [],
        councilResolutions: [],
        commitments: {},
        interimUses: {},
        fundingApplications: {},
        waitingForInitiative: null,
        narratives: 'held',
      });
    });

    it('accepts a request for no particular support', () => {
      given(caseDecider)
        .when(sampleCommand('SubmitRequest', { requestedSupport: [] }))
        .then([{ type: 'RequestSubmitted', data: { ...requestSubmitted.data, requestedSupport: [] } }]);
    });

    it('is rejected for an existing case id, open or closed', () => {
      given(caseDecider, [requestSubmitted]).when(sampleCommands.SubmitRequest).thenThrows('CASE.ALREADY_SUBMITTED');
      given(caseDecider, [requestSubmitted, caseClosed()])
        .when(sampleCommands.SubmitRequest)
        .thenThrows('CASE.ALREADY_SUBMITTED');
    });
  });

  describe('every command other than SubmitRequest needs an existing case', () => {
    const others = CASE_COMMAND_TYPES.filter((type) => type !== 'SubmitRequest');

    it('covers all 22 other commands', () => {
      expect(others).toHaveLength(22);
    });

    it.each(others)('%s -> CASE.NOT_FOUND (not_found)', (type) => {
      const error = given(caseDecider)
        .when(sampleCommands[type] as CaseCommand)
        .thenThrows('CASE.NOT_FOUND', 'not_found');
      expect(error.details).toEqual({ caseId });
    });
  });

  describe('a closed case accepts only ReopenCase, RecordTrustFeedback and ShredCaseNarratives', () => {
    const rejected = CASE_COMMAND_TYPES.filter(
      (type) => !['SubmitRequest', 'ReopenCase', 'RecordTrustFeedback', 'ShredCaseNarratives'].includes(type),
    );

    it('covers all 19 other commands', () => {
      expect(rejected).toHaveLength(19);
    });

    it.each(rejected)('%s -> CASE.CLOSED', (type) => {
      // A history in which each command would otherwise be valid.
      const history = [
        requestSubmitted,
        supportAgreed(),
        interimUseAgreed(),
        {
          type: 'CommitmentMade',
          data: { caseId, commitmentId: ids.commitment, promisor: 'initiative', description: 'x', dueOn: '2025-04-01' },
        } as const,
        caseClosed('interim_use'),
      ];
      const error = given(caseDecider, history)
        .when(sampleCommands[type] as CaseCommand)
        .thenThrows('CASE.CLOSED');
      expect(error.details).toMatchObject({ caseId, outcome: 'completed', commandType: type });
    });

    it('accepts RecordTrustFeedback', () => {
      given(caseDecider, [requestSubmitted, caseClosed()])
        .when(sampleCommands.RecordTrustFeedback)
        .then([{ type: 'TrustFeedbackRecorded', data: sampleCommands.RecordTrustFeedback.data }]);
    });

    it('accepts ReopenCase', () => {
      given(caseDecider, [requestSubmitted, caseClosed()])
        .when(sampleCommands.ReopenCase)
        .then([{ type: 'CaseReopened', data: { caseId, reason: 'Neue Förderung', stage: 'request' } }]);
    });
  });

  describe('AcknowledgeRequest', () => {
    const acknowledged = {
      type: 'RequestAcknowledged',
      data: { caseId, unitId: ids.unit, staffRef: 'staff-17' },
    } as const;

    it('acknowledges a request, with an optional note', () => {
      const state = given(caseDecider, [requestSubmitted]).when(sampleCommands.AcknowledgeRequest).then([acknowledged]);
      expect(state).toMatchObject({ acknowledgedBy: { unitId: ids.unit, staffRef: 'staff-17' }, contactPerson: null });
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('AcknowledgeRequest', { note: 'Eingang bestätigt' }))
        .then([{ type: 'RequestAcknowledged', data: { ...acknowledged.data, note: 'Eingang bestätigt' } }]);
    });

    it('acknowledges only once', () => {
      given(caseDecider, [requestSubmitted, acknowledged])
        .when(sampleCommand('AcknowledgeRequest', { staffRef: 'staff-99' }))
        .thenThrows('CASE.ALREADY_ACKNOWLEDGED');
    });
  });

  describe('CloseCase', () => {
    it('closes a case and records the stage it was closed in', () => {
      const state = given(caseDecider, [requestSubmitted, supportAgreed()])
        .when(sampleCommand('CloseCase', { outcome: 'withdrawn' }))
        .then([{ type: 'CaseClosed', data: { caseId, outcome: 'withdrawn', stage: 'support' } }]);
      expect(state).toMatchObject({ status: 'closed', stage: 'support', closedAs: 'withdrawn' });
    });

    it.each(['request', 'support', 'interim_use', 'institutionalised'] as const)('closes from stage %s', (stage) => {
      const history = {
        request: [requestSubmitted],
        support: [requestSubmitted, supportAgreed()],
        interim_use: [requestSubmitted, interimUseAgreed()],
        institutionalised: [
          requestSubmitted,
          supportAgreed(),
          { type: 'CaseInstitutionalised', data: { caseId, form: 'contract', effectiveFrom: '2026-01-01' } } as const,
        ],
      }[stage];
      given(caseDecider, history)
        .when(sampleCommands.CloseCase)
        .then([{ type: 'CaseClosed', data: { caseId, outcome: 'completed', stage } }]);
    });

    it('needs a rationale to decline', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('CloseCase', { outcome: 'declined' }))
        .thenThrows('CASE.RATIONALE_REQUIRED');
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('CloseCase', { outcome: 'declined', rationale: ' ' }))
        .thenThrows('CASE.RATIONALE_REQUIRED');
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('CloseCase', { outcome: 'declined', rationale: 'Nicht zuständig' }))
        .then([
          {
            type: 'CaseClosed',
            data: { caseId, outcome: 'declined', rationale: 'Nicht zuständig', stage: 'request' },
          },
        ]);
    });

    it.each(['completed', 'withdrawn', 'merged'] as const)('closes as %s without a rationale', (outcome) => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('CloseCase', { outcome }))
        .then([{ type: 'CaseClosed', data: { caseId, outcome, stage: 'request' } }]);
    });

    it('cannot close a closed case', () => {
      given(caseDecider, [requestSubmitted, caseClosed()]).when(sampleCommands.CloseCase).thenThrows('CASE.CLOSED');
    });
  });

  describe('ReopenCase', () => {
    it('returns to the stage the case was closed in', () => {
      const state = given(caseDecider, [requestSubmitted, interimUseAgreed(), caseClosed('interim_use')])
        .when(sampleCommands.ReopenCase)
        .then([{ type: 'CaseReopened', data: { caseId, reason: 'Neue Förderung', stage: 'interim_use' } }]);
      expect(state).toMatchObject({ status: 'open', stage: 'interim_use', closedAs: null });
    });

    it('accepts commands again after reopening', () => {
      given(caseDecider, [
        requestSubmitted,
        caseClosed(),
        { type: 'CaseReopened', data: { caseId, reason: 'x', stage: 'request' } },
      ])
        .when(sampleCommands.AgreeSupport)
        .then([{ type: 'SupportAgreed', data: sampleCommands.AgreeSupport.data }]);
    });

    it('is rejected for an open case', () => {
      given(caseDecider, [requestSubmitted]).when(sampleCommands.ReopenCase).thenThrows('CASE.NOT_CLOSED');
    });

    it('is rejected after the case was already reopened', () => {
      given(caseDecider, [
        requestSubmitted,
        caseClosed(),
        { type: 'CaseReopened', data: { caseId, reason: 'x', stage: 'request' } },
      ])
        .when(sampleCommands.ReopenCase)
        .thenThrows('CASE.NOT_CLOSED');
    });
  });

  it('aggregateIdOf returns the case id', () => {
    expect(caseDecider.aggregateIdOf(sampleCommands.LogStaffTime)).toBe(caseId);
  });
});
