import { emptyFundHistory, foldFundEvent, fundEntryFields } from './fund-history';

/** What the fund statement keeps of an event: ids, amounts, dates and outcomes only, and only when they are what they claim to be. */
describe('fundEntryFields', () => {
  it('keeps exactly the fields an event has, with no key for a field it lacks', () => {
    expect(
      fundEntryFields('GrantDisbursed', { applicationId: 'a-1', caseId: 'c-1', amountCents: 25_000 }),
    ).toStrictEqual({
      type: 'GrantDisbursed',
      applicationId: 'a-1',
      caseId: 'c-1',
      amountCents: 25_000,
    });
    expect(fundEntryFields('FundClosed', { fundId: 'f-1', reason: 'Haushaltsjahr beendet' })).toStrictEqual({
      type: 'FundClosed',
    });
  });

  it('keeps a proof date and a known review outcome, and the amount of the event type’s own field', () => {
    expect(
      fundEntryFields('ProofOfUseReviewed', {
        applicationId: 'a-2',
        outcome: 'partially_accepted',
        acceptedCents: 900,
      }),
    ).toStrictEqual({
      type: 'ProofOfUseReviewed',
      applicationId: 'a-2',
      outcome: 'partially_accepted',
      amountCents: 900,
    });
    expect(
      fundEntryFields('GrantAwarded', { applicationId: 'a-3', amountCents: 1_000, proofDueOn: '2027-03-31' }),
    ).toStrictEqual({ type: 'GrantAwarded', applicationId: 'a-3', amountCents: 1_000, proofDueOn: '2027-03-31' });
  });

  it('leaves out values of the wrong kind: ids and dates that are no text, amounts that are no whole number of cents, unknown outcomes', () => {
    expect(
      fundEntryFields('ProofOfUseReviewed', {
        applicationId: 17,
        caseId: { id: 'c-1' },
        acceptedCents: '900',
        proofDueOn: 20270331,
        outcome: 'waved_through',
      }),
    ).toStrictEqual({ type: 'ProofOfUseReviewed' });
  });

  it('reads no event that is not the fund’s', () => {
    expect(fundEntryFields('RequestSubmitted', { applicationId: 'a-1', caseId: 'c-1' })).toBeUndefined();
  });
});

describe('foldFundEvent', () => {
  it('passes over an event stored without data instead of failing the fold', () => {
    const history = emptyFundHistory();
    const folded = foldFundEvent(history, {
      type: 'FundClosed',
      data: null,
      occurredAt: '2026-12-31T12:00:00Z',
      position: 9,
    });
    expect(folded.fundId).toBeNull();
    expect(folded.entries).toStrictEqual([{ at: '2026-12-31T12:00:00.000Z', pos: 9, type: 'FundClosed' }]);
  });
});
