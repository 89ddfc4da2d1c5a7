import { caseClosed, commitmentMade, given, ids, requestSubmitted } from '../testing';
import { caseDecider } from './case.decider';
import { CaseCommand } from './commands';
import { CaseEvent } from './events';

const caseId = ids.case;
const shred: CaseCommand = { type: 'ShredCaseNarratives', data: { caseId, reason: 'retention' } };
const shredded: CaseEvent = { type: 'CaseNarrativesShredded', data: { caseId, reason: 'retention' } };
const fulfilled: CaseEvent = { type: 'CommitmentFulfilled', data: { caseId, commitmentId: ids.commitment } };
const acknowledgedWithoutNote: CaseEvent = {
  type: 'RequestAcknowledged',
  data: { caseId, unitId: ids.unit, staffRef: 'staff-1' },
};

describe('case decider: ShredCaseNarratives', () => {
  it('shreds the narratives of an open case', () => {
    const state = given(caseDecider, [requestSubmitted]).when(shred).then([shredded]);
    expect(state).toMatchObject({ status: 'open', narratives: 'shredded' });
  });

  it('shreds the narratives of a closed case (retention runs after closing)', () => {
    given(caseDecider, [requestSubmitted, caseClosed()]).when(shred).then([shredded]);
  });

  it('appends nothing when no narrative was written since the last shredding', () => {
    given(caseDecider, [requestSubmitted, shredded]).when(shred).then([]);
    given(caseDecider, [requestSubmitted, shredded, fulfilled, acknowledgedWithoutNote]).when(shred).then([]);
  });

  it('shreds again once a narrative was written after the shredding', () => {
    const written = given(caseDecider, [requestSubmitted, shredded, commitmentMade()]);
    expect(written.state).toMatchObject({
      status: 'open',
      narratives: 'held',
      commitments: { [ids.commitment]: { status: 'open' } },
    });
    written.when(shred).then([shredded]);
  });

  it('refuses a case that does not exist (404)', () => {
    given(caseDecider, []).when(shred).thenThrows('CASE.NOT_FOUND', 'not_found');
  });
});
