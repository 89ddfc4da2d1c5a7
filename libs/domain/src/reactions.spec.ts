import { deciderFor, DomainEvent } from './catalog';
import { decideWithReactions, reactionsTo, REACTING_EVENT_TYPES, stateFor, Streams } from './reactions';
import { streamIdFor } from './shared';
import { caseClosed, fundOpened, ids, requestSubmitted, sampleCommands, specContext } from './testing';

const applyForFunding = sampleCommands.ApplyForFunding;
const fundingApplied: DomainEvent = { type: 'FundingApplied', data: applyForFunding.data } as DomainEvent;
const received = {
  type: 'ApplicationReceived',
  data: { fundId: ids.fund, applicationId: ids.application, caseId: ids.case, amountRequestedCents: 150_000 },
};
const caseStream = streamIdFor('case', ids.case);
const fundStream = streamIdFor('fund', ids.fund);

describe('reactions', () => {
  it('makes the fund receive an application the case applied for, without its purpose (a case narrative)', () => {
    expect(reactionsTo(fundingApplied)).toStrictEqual([{ type: 'ReceiveApplication', data: received.data }]);
    expect(REACTING_EVENT_TYPES).toEqual(['FundingApplied']);
  });

  it('has no reaction to any other event', () => {
    for (const event of [requestSubmitted, caseClosed(), fundOpened()] as DomainEvent[])
      expect(reactionsTo(event)).toEqual([]);
  });

  describe('decideWithReactions', () => {
    let streams: Streams;
    beforeEach(() => {
      streams = new Map<string, DomainEvent[]>([
        [caseStream, [requestSubmitted]],
        [fundStream, [fundOpened()]],
      ]);
    });

    it('appends the command’s events and the reaction’s, and returns the command’s own', () => {
      expect(decideWithReactions(streams, applyForFunding, specContext)).toStrictEqual([fundingApplied]);
      expect(streams.get(caseStream)).toStrictEqual([requestSubmitted, fundingApplied]);
      expect(streams.get(fundStream)).toStrictEqual([fundOpened(), received]);
      expect(stateFor(streams, { type: 'CloseFund', data: { fundId: ids.fund } })).toMatchObject({
        status: 'open',
        applications: { [ids.application]: { status: 'received', caseId: ids.case, requestedCents: 150_000 } },
      });
    });

    it('records the fund’s refusal in a stream of its own when the fund does not exist', () => {
      streams.delete(fundStream);
      decideWithReactions(streams, applyForFunding, specContext);
      expect(streams.get(fundStream)).toStrictEqual([
        { type: 'ApplicationRefused', data: { ...received.data, code: 'FUND.NOT_FOUND' } },
      ]);
      expect(stateFor(streams, { type: 'CloseFund', data: { fundId: ids.fund } })).toStrictEqual({
        status: 'unopened',
      });
    });

    it('reads a stream that has no events as the aggregate’s initial state', () => {
      for (const command of [
        sampleCommands.RegisterInitiative,
        sampleCommands.RegisterUnit,
        sampleCommands.OpenFund,
        sampleCommands.SubmitRequest,
      ])
        expect(stateFor(new Map(), command)).toStrictEqual(deciderFor(command.type).initialState());
    });
  });
});
