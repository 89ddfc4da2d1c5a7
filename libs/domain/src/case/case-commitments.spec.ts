import { caseDecider } from './case.decider';
import { CaseEvent } from './events';
import { commitmentMade, given, ids, requestSubmitted, sampleCommand, sampleCommands } from '../testing';

const caseId = ids.case;
const commitmentId = ids.commitment;
const fulfilled: CaseEvent = { type: 'CommitmentFulfilled', data: { caseId, commitmentId } };
const withdrawn: CaseEvent = {
  type: 'CommitmentWithdrawn',
  data: { caseId, commitmentId, reason: 'Nicht mehr nötig' },
};
const renegotiated: CaseEvent = {
  type: 'CommitmentRenegotiated',
  data: { caseId, commitmentId, newDueOn: '2025-05-15', reason: 'Urlaub' },
};

describe('case commitments', () => {
  describe('MakeCommitment', () => {
    it('records an open commitment', () => {
      const state = given(caseDecider, [requestSubmitted]).when(sampleCommands.MakeCommitment).then([commitmentMade()]);
      expect(state).toMatchObject({
        commitments: { [commitmentId]: { promisor: 'administration', dueOn: '2025-04-15', status: 'open' } },
      });
    });

    it('accepts promises by the initiative', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('MakeCommitment', { promisor: 'initiative' }))
        .then([{ type: 'CommitmentMade', data: { ...commitmentMade().data, promisor: 'initiative' } } as CaseEvent]);
    });

    it('rejects a duplicate commitmentId, whatever its status', () => {
      for (const history of [[commitmentMade()], [commitmentMade(), fulfilled], [commitmentMade(), withdrawn]]) {
        given(caseDecider, [requestSubmitted, ...history])
          .when(sampleCommands.MakeCommitment)
          .thenThrows('COMMITMENT.ALREADY_EXISTS');
      }
    });

    it.each(['2025-02-30', '2025-4-15', '15.04.2025', ''])('rejects the dueOn %p', (dueOn) => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('MakeCommitment', { dueOn }))
        .thenThrows('CASE.INVALID_DATE');
    });

    it('accepts 29 February in a leap year', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('MakeCommitment', { dueOn: '2028-02-29' }))
        .then([{ type: 'CommitmentMade', data: { ...commitmentMade().data, dueOn: '2028-02-29' } } as CaseEvent]);
    });
  });

  describe('FulfilCommitment', () => {
    it('fulfils an open commitment', () => {
      const state = given(caseDecider, [requestSubmitted, commitmentMade()])
        .when(sampleCommands.FulfilCommitment)
        .then([fulfilled]);
      expect(state).toMatchObject({ commitments: { [commitmentId]: { status: 'fulfilled' } } });
    });

    it('fulfils a renegotiated commitment', () => {
      given(caseDecider, [requestSubmitted, commitmentMade(), renegotiated])
        .when(sampleCommands.FulfilCommitment)
        .then([fulfilled]);
    });
  });

  describe('RenegotiateCommitment', () => {
    it('moves the due date of an open commitment', () => {
      const state = given(caseDecider, [requestSubmitted, commitmentMade()])
        .when(sampleCommands.RenegotiateCommitment)
        .then([renegotiated]);
      expect(state).toMatchObject({ commitments: { [commitmentId]: { dueOn: '2025-05-15', status: 'open' } } });
    });

    it('may renegotiate more than once', () => {
      given(caseDecider, [requestSubmitted, commitmentMade(), renegotiated])
        .when(sampleCommand('RenegotiateCommitment', { newDueOn: '2025-06-01', reason: 'Lieferverzug' }))
        .then([
          {
            type: 'CommitmentRenegotiated',
            data: { caseId, commitmentId, newDueOn: '2025-06-01', reason: 'Lieferverzug' },
          },
        ]);
    });

    it('rejects an invalid newDueOn', () => {
      const error = given(caseDecider, [requestSubmitted, commitmentMade()])
        .when(sampleCommand('RenegotiateCommitment', { newDueOn: '2025-06-31' }))
        .thenThrows('CASE.INVALID_DATE');
      expect(error.details).toEqual({ field: 'newDueOn', value: '2025-06-31' });
    });
  });

  describe('WithdrawCommitment', () => {
    it('withdraws an open commitment', () => {
      const state = given(caseDecider, [requestSubmitted, commitmentMade()])
        .when(sampleCommands.WithdrawCommitment)
        .then([withdrawn]);
      expect(state).toMatchObject({ commitments: { [commitmentId]: { status: 'withdrawn' } } });
    });
  });

  describe('only an open commitment can be fulfilled, renegotiated or withdrawn', () => {
    const commands = [
      sampleCommands.FulfilCommitment,
      sampleCommands.RenegotiateCommitment,
      sampleCommands.WithdrawCommitment,
    ] as const;

    it.each(commands.map((c) => [c.type, c] as const))(
      '%s of an unknown commitment -> COMMITMENT.NOT_FOUND',
      (_, command) => {
        given(caseDecider, [requestSubmitted, commitmentMade('another')])
          .when(command)
          .thenThrows('COMMITMENT.NOT_FOUND');
      },
    );

    it.each(commands.map((c) => [c.type, c] as const))(
      '%s of a fulfilled commitment -> COMMITMENT.NOT_OPEN',
      (_, command) => {
        const error = given(caseDecider, [requestSubmitted, commitmentMade(), fulfilled])
          .when(command)
          .thenThrows('COMMITMENT.NOT_OPEN');
        expect(error.details).toMatchObject({ commitmentStatus: 'fulfilled' });
      },
    );

    it.each(commands.map((c) => [c.type, c] as const))(
      '%s of a withdrawn commitment -> COMMITMENT.NOT_OPEN',
      (_, command) => {
        const error = given(caseDecider, [requestSubmitted, commitmentMade(), withdrawn])
          .when(command)
          .thenThrows('COMMITMENT.NOT_OPEN');
        expect(error.details).toMatchObject({ commitmentStatus: 'withdrawn' });
      },
    );

    it('an id naming an Object.prototype member is an unknown commitment, not a crash', () => {
      given(caseDecider, [requestSubmitted])
        .when(sampleCommand('FulfilCommitment', { commitmentId: 'constructor' }))
        .thenThrows('COMMITMENT.NOT_FOUND');
    });
  });
});
