import { caseDecider } from './case.decider';
import { CaseEvent } from './events';
import { TRUST_DRIVERS } from './values';
import { caseClosed, given, ids, requestSubmitted, sampleCommand, sampleCommands } from '../testing';

const caseId = ids.case;
const assigned = (staffRef: string, unitId: string = ids.unit): CaseEvent => ({
  type: 'ContactPersonAssigned',
  data: { caseId, staffRef, unitId },
});

describe('case collaboration', () => {
  describe('AssignContactPerson', () => {
    it('assigns the first contact person', () => {
      const state = given(caseDecider, [requestSubmitted])
        .when(sampleCommands.AssignContactPerson)
        .then([assigned('staff-17')]);
      expect(state).toMatchObject({ contactPerson: { staffRef: 'staff-17', unitId: ids.unit } });
    });

    it('hands over to another person, with a note', () => {
      const state = given(caseDecider, [requestSubmitted, assigned('staff-17')])
        .when(
          sampleCommand('AssignContactPerson', {
            staffRef: 'staff-42',
            unitId: ids.otherUnit,
            handoverNote: 'Elternzeit',
          }),
        )
        .then([
          {
            type: 'ContactPersonAssigned',
            data: { caseId, staffRef: 'staff-42', unitId: ids.otherUnit, handoverNote: 'Elternzeit' },
          },
        ]);
      expect(state).toMatchObject({ contactPerson: { staffRef: 'staff-42', unitId: ids.otherUnit } });
    });

    it('rejects the current contact person, also with another unit', () => {
      given(caseDecider, [requestSubmitted, assigned('staff-17')])
        .when(sampleCommands.AssignContactPerson)
        .thenThrows('CASE.SAME_CONTACT_PERSON');
      given(caseDecider, [requestSubmitted, assigned('staff-17')])
        .when(sampleCommand('AssignContactPerson', { unitId: ids.otherUnit }))
        .thenThrows('CASE.SAME_CONTACT_PERSON');
    });

    it('accepts a former contact person again after a handover', () => {
      given(caseDecider, [requestSubmitted, assigned('staff-17'), assigned('staff-42')])
        .when(sampleCommands.AssignContactPerson)
        .then([assigned('staff-17')]);
    });

    it('does not treat the acknowledging staff member as contact person', () => {
      given(caseDecider, [
        requestSubmitted,
        { type: 'RequestAcknowledged', data: { caseId, unitId: ids.unit, staffRef: 'staff-17' } },
      ])
        .when(sampleCommands.AssignContactPerson)
        .then([assigned('staff-17')]);
    });
  });

  describe('RecordInteraction', () => {
    const recorded: CaseEvent = { type: 'InteractionRecorded', data: sampleCommands.RecordInteraction.data };

    it('records an interaction with all its facts', () => {
      const state = given(caseDecider, [requestSubmitted]).when(sampleCommands.RecordInteraction).then([recorded]);
      expect(state).toMatchObject({ interactionIds: [ids.interaction] });
      expect(recorded.data).toMatchObject({
        initiatedBy: 'initiative',
        participationLevel: 'collaborate',
        durationMinutes: 90,
      });
    });

    it('accepts a duration of 0 minutes', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('RecordInteraction', { kind: 'email', durationMinutes: 0 }))
        .then([
          {
            type: 'InteractionRecorded',
            data: { ...sampleCommands.RecordInteraction.data, kind: 'email', durationMinutes: 0 },
          },
        ]);
    });

    it.each([-1, 1.5, Number.NaN])('rejects the duration %p', (durationMinutes) => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('RecordInteraction', { durationMinutes }))
        .thenThrows('INTERACTION.INVALID_DURATION');
    });

    it('rejects a duplicate interactionId', () => {
      given(caseDecider, [requestSubmitted, recorded])
        .when(sampleCommand('RecordInteraction', { summary: 'anders' }))
        .thenThrows('INTERACTION.ALREADY_EXISTS');
    });
  });

  describe('AssignSponsor', () => {
    const sponsored: CaseEvent = {
      type: 'SponsorAssigned',
      data: { caseId, sponsorRef: 'sponsor-3', sponsorKind: 'council_member' },
    };

    it('assigns sponsors', () => {
      given(caseDecider, [requestSubmitted]).when(sampleCommands.AssignSponsor).then([sponsored]);
      given(caseDecider, [requestSubmitted, sponsored])
        .when(sampleCommand('AssignSponsor', { sponsorRef: 'sponsor-4', sponsorKind: 'entrepreneur' }))
        .then([{ type: 'SponsorAssigned', data: { caseId, sponsorRef: 'sponsor-4', sponsorKind: 'entrepreneur' } }]);
    });

    it('rejects a sponsor already assigned', () => {
      given(caseDecider, [requestSubmitted, sponsored])
        .when(sampleCommand('AssignSponsor', { sponsorKind: 'other' }))
        .thenThrows('SPONSOR.ALREADY_ASSIGNED');
    });
  });

  describe('LinkCouncilResolution', () => {
    const linked: CaseEvent = { type: 'CouncilResolutionLinked', data: sampleCommands.LinkCouncilResolution.data };

    it('links a resolution', () => {
      given(caseDecider, [requestSubmitted]).when(sampleCommands.LinkCouncilResolution).then([linked]);
    });

    it('links a later decision on the same resolution (e.g. after deferral)', () => {
      given(caseDecider, [requestSubmitted, linked])
        .when(sampleCommand('LinkCouncilResolution', { decidedOn: '2025-07-10', outcome: 'rejected' }))
        .then([
          {
            type: 'CouncilResolutionLinked',
            data: { ...sampleCommands.LinkCouncilResolution.data, decidedOn: '2025-07-10', outcome: 'rejected' },
          },
        ]);
    });

    it('links another resolution decided on the same date', () => {
      const other = sampleCommand('LinkCouncilResolution', { resolutionRef: 'DS 0999/2025' });
      given(caseDecider, [requestSubmitted, linked])
        .when(other)
        .then([{ type: 'CouncilResolutionLinked', data: other.data }]);
    });

    it('rejects the same resolution and date twice', () => {
      given(caseDecider, [requestSubmitted, linked])
        .when(sampleCommand('LinkCouncilResolution', { outcome: 'deferred' }))
        .thenThrows('COUNCIL_RESOLUTION.ALREADY_LINKED');
    });

    it('rejects an invalid decidedOn', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('LinkCouncilResolution', { decidedOn: '2025-06-12 18:00' }))
        .thenThrows('CASE.INVALID_DATE');
    });
  });

  describe('RecordTrustFeedback', () => {
    const scores = { responsiveness: 1, reliability: 2, integrity: 3, openness: 4, fairness: 5 };

    it('records scores 1..5 and an optional comment, on open and closed cases', () => {
      for (const history of [[requestSubmitted], [requestSubmitted, caseClosed()]]) {
        given(caseDecider, history)
          .when(sampleCommand('RecordTrustFeedback', { respondent: 'administration', scores, comment: 'Gut' }))
          .then([
            {
              type: 'TrustFeedbackRecorded',
              data: { caseId, respondent: 'administration', scores, comment: 'Gut' },
            },
          ]);
      }
    });

    it('leaves the case as it was: an open case stays open, a closed one closed', () => {
      for (const history of [[requestSubmitted], [requestSubmitted, caseClosed()]]) {
        const before = given(caseDecider, history).state;
        const after = given(caseDecider, history)
          .when(sampleCommand('RecordTrustFeedback', { scores }))
          .then([{ type: 'TrustFeedbackRecorded', data: { caseId, respondent: 'initiative', scores } }]);
        expect(after).toStrictEqual(before);
      }
    });

    it('copies only the five drivers into the event', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('RecordTrustFeedback', { scores: { ...scores, extra: 9 } as typeof scores }))
        .then([{ type: 'TrustFeedbackRecorded', data: { caseId, respondent: 'initiative', scores } }]);
    });

    it.each(TRUST_DRIVERS.flatMap((driver) => [0, 6, 2.5, Number.NaN].map((score) => [driver, score] as const)))(
      'rejects %s = %p',
      (driver, score) => {
        const error = given(caseDecider, [requestSubmitted])
          .when(sampleCommand('RecordTrustFeedback', { scores: { ...scores, [driver]: score } }))
          .thenThrows('TRUST_FEEDBACK.INVALID_SCORE');
        expect(error.details).toEqual({ driver, score });
      },
    );
  });
});
