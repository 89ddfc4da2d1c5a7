import { caseDecider } from './case.decider';
import { CaseEvent } from './events';
import { advanceStage, CASE_STAGES } from './values';
import {
  caseClosed,
  caseInstitutionalised,
  given,
  interimUseAgreed,
  requestSubmitted,
  sampleCommand,
  sampleCommands,
  supportAgreed,
} from '../testing';
import { fold } from '../shared';

const stageAfter = (events: CaseEvent[]) => {
  const state = fold(caseDecider.evolve, caseDecider.initialState(), events);
  return state.status === 'none' ? null : state.stage;
};

describe('case stages: request < support < interim_use < institutionalised, forward only', () => {
  it('lists the stages in order', () => {
    expect(CASE_STAGES).toEqual(['request', 'support', 'interim_use', 'institutionalised']);
  });

  it('advanceStage keeps the later of two stages', () => {
    expect(advanceStage('request', 'support')).toBe('support');
    expect(advanceStage('interim_use', 'support')).toBe('interim_use');
    expect(advanceStage('institutionalised', 'interim_use')).toBe('institutionalised');
    expect(advanceStage('support', 'support')).toBe('support');
  });

  it('a new case is in stage request', () => {
    expect(stageAfter([requestSubmitted])).toBe('request');
  });

  it('AgreeSupport moves request -> support', () => {
    const state = given(caseDecider, [requestSubmitted]).when(sampleCommands.AgreeSupport).then([supportAgreed()]);
    expect(state).toMatchObject({ stage: 'support' });
  });

  it('AgreeInterimUse moves support -> interim_use', () => {
    const state = given(caseDecider, [requestSubmitted, supportAgreed()])
      .when(sampleCommands.AgreeInterimUse)
      .then([interimUseAgreed()]);
    expect(state).toMatchObject({ stage: 'interim_use' });
  });

  it('a case may go straight from request to interim_use', () => {
    const state = given(caseDecider, [requestSubmitted])
      .when(sampleCommands.AgreeInterimUse)
      .then([interimUseAgreed()]);
    expect(state).toMatchObject({ stage: 'interim_use' });
  });

  it('support agreed during interim use is accepted and leaves the stage at interim_use', () => {
    const state = given(caseDecider, [requestSubmitted, interimUseAgreed()])
      .when(sampleCommands.AgreeSupport)
      .then([supportAgreed()]);
    expect(state).toMatchObject({ stage: 'interim_use' });
  });

  it('events that would move an institutionalised case backwards leave it institutionalised', () => {
    expect(
      stageAfter([
        requestSubmitted,
        supportAgreed(),
        caseInstitutionalised,
        supportAgreed('support-2'),
        interimUseAgreed('agreement-2'),
      ]),
    ).toBe('institutionalised');
  });

  it('InstitutionaliseCase moves support or interim_use -> institutionalised', () => {
    for (const history of [
      [requestSubmitted, supportAgreed()],
      [requestSubmitted, interimUseAgreed()],
    ]) {
      const state = given(caseDecider, history).when(sampleCommands.InstitutionaliseCase).then([caseInstitutionalised]);
      expect(state).toMatchObject({ stage: 'institutionalised' });
    }
  });

  it('closing keeps the stage; reopening returns to it', () => {
    const history = [requestSubmitted, supportAgreed(), caseClosed('support')];
    expect(stageAfter(history)).toBe('support');
    const state = given(caseDecider, history)
      .when(sampleCommands.ReopenCase)
      .then([
        {
          type: 'CaseReopened',
          data: { caseId: requestSubmitted.data.caseId, reason: 'Neue Förderung', stage: 'support' },
        },
      ]);
    expect(state).toMatchObject({ status: 'open', stage: 'support' });
  });

  it('an institutionalised case closed and reopened is institutionalised again', () => {
    const history = [requestSubmitted, supportAgreed(), caseInstitutionalised];
    given(caseDecider, history)
      .when(sampleCommand('CloseCase', { outcome: 'completed' }))
      .then([caseClosed('institutionalised')]);
    const reopened = given(caseDecider, [...history, caseClosed('institutionalised')])
      .when(sampleCommands.ReopenCase)
      .then([
        {
          type: 'CaseReopened',
          data: { caseId: requestSubmitted.data.caseId, reason: 'Neue Förderung', stage: 'institutionalised' },
        },
      ]);
    expect(reopened).toMatchObject({ stage: 'institutionalised' });
  });

  it('events without a case leave the initial state unchanged (evolve is total)', () => {
    expect(fold(caseDecider.evolve, caseDecider.initialState(), [supportAgreed(), caseClosed()])).toEqual({
      status: 'none',
    });
  });
});
