import fc from 'fast-check';
import { emptyFundHistory, foldFundEvent, FUND_ENTRY_TYPES, FundHistory } from './fund-history';
import { fundStatement } from './fund-statement';
import { statementSpan, withinSpan } from './fund-statement-span';
import type { MetricsEvent } from './timed';

const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const ZONE = 'Europe/Berlin';

const event = (type: string, day: number, position: number, data: object = {}): MetricsEvent => ({
  type,
  data: { fundId: 'f', applicationId: 'a', caseId: 'case-a', amountCents: 100, budgetCents: 1000, ...data },
  occurredAt: new Date(START + day * DAY),
  position,
});

const historyOf = (events: readonly MetricsEvent[]): FundHistory => events.reduce(foldFundEvent, emptyFundHistory());
const figures = (history: FundHistory, ms: number) => ({ ...fundStatement(history, new Date(ms), ZONE), asOf: '' });

describe('statementSpan', () => {
  it('on generated histories, every T in the span gives the same statement but for asOf', () => {
    const generated = fc.record({
      type: fc.constantFrom(...FUND_ENTRY_TYPES),
      applicationId: fc.constantFrom('a', 'b', 'c'),
      day: fc.integer({ min: 0, max: 30 }),
      proofDueOn: fc.option(fc.constantFrom('2026-01-05', '2026-01-12', '2026-01-25'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(generated, { maxLength: 30 }),
        fc.integer({ min: -2 * DAY, max: 35 * DAY }),
        fc.integer({ min: -2 * DAY, max: 35 * DAY }),
        (list, at, other) => {
          const history = historyOf(
            list.map((g, i) =>
              event(g.type, g.day, i + 1, {
                applicationId: g.applicationId,
                ...(g.proofDueOn ? { proofDueOn: g.proofDueOn } : {}),
              }),
            ),
          );
          const statement = fundStatement(history, new Date(START + at), ZONE);
          const span = statementSpan(history, statement, ZONE);
          expect(withinSpan(span, START + at)).toBe(true);
          if (withinSpan(span, START + other))
            expect(figures(history, START + other)).toEqual(figures(history, START + at));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('ends a millisecond before the next event and at the end of a due proof’s day, whichever comes first', () => {
    const history = historyOf([
      event('FundOpened', 0, 1),
      event('ApplicationReceived', 1, 2),
      event('GrantAwarded', 2, 3, { proofDueOn: '2026-01-10' }),
      event('GrantDisbursed', 20, 4),
    ]);
    const span = statementSpan(history, fundStatement(history, new Date(START + 5 * DAY), ZONE), ZONE);
    // 2026-01-10 ends at 23:59:59.999 in Berlin, 22:59:59.999 UTC
    expect(span).toEqual({ fromMs: START + 2 * DAY, untilMs: Date.UTC(2026, 0, 10, 22, 59, 59, 999) });
    const overdue = statementSpan(history, fundStatement(history, new Date(START + 12 * DAY), ZONE), ZONE);
    expect(overdue).toEqual({ fromMs: Date.UTC(2026, 0, 10, 23), untilMs: START + 20 * DAY - 1 });
    const after = statementSpan(history, fundStatement(history, new Date(START + 25 * DAY), ZONE), ZONE);
    expect(after).toEqual({ fromMs: START + 20 * DAY, untilMs: Infinity });
  });

  it('has no lower end before the first event', () => {
    const history = historyOf([event('FundOpened', 3, 1)]);
    expect(statementSpan(history, fundStatement(history, new Date(START), ZONE), ZONE)).toEqual({
      fromMs: -Infinity,
      untilMs: START + 3 * DAY - 1,
    });
  });
});
