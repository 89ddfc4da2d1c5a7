/**
 * How long a fund's statement takes to compute from its events, as the fund, statement and
 * application routes and each month of the time series compute it (libs/metrics fundStatement):
 * a fund with `--applications` applications, each through the whole grant procedure (about eight
 * events), folded from its rows and evaluated as of one T, `--rounds` times; the median is printed.
 *
 *   npm run bench:funds -- [--applications 10000] [--rounds 15]
 */
import {
  computeFundMetrics,
  emptyFundHistory,
  FundEntry,
  FundHistory,
  fundEntryOf,
  fundStatement,
} from '@koproduktiv/metrics';
import { median } from './support/median';

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};

/** A fund's history as the read model hands it over: one entry per event, in business-time order. */
function generatedFund(applications: number): FundHistory {
  const entries: FundEntry[] = [];
  let position = 0;
  const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 3_600_000 * 24 + position * 1000);
  const add = (type: string, data: object, day: number) => {
    const entry = fundEntryOf({ type, data: { fundId: 'f', ...data }, occurredAt: at(day), position: ++position });
    if (entry) entries.push(entry);
  };
  add('FundOpened', { budgetCents: applications * 1_000_000 }, 0);
  for (let i = 0; i < applications; i++) {
    const ids = { applicationId: `application-${i}`, caseId: `case-${i}` };
    const day = i % 200;
    add('ApplicationReceived', { ...ids, amountRequestedCents: 500_000 }, day);
    if (i % 5 === 0) add('GrantAwardProposed', { ...ids, amountCents: 400_000, proofDueOn: '2026-12-31' }, day + 1);
    add('GrantAwarded', { ...ids, amountCents: 400_000, proofDueOn: '2026-12-31' }, day + 2);
    add('GrantDisbursed', { ...ids, amountCents: 300_000 }, day + 10);
    add('ProofOfUseSubmitted', { ...ids, spentCents: 280_000 }, day + 60);
    add('ProofOfUseReviewed', { ...ids, outcome: 'partially_accepted', acceptedCents: 250_000 }, day + 70);
    add('GrantReclaimed', { ...ids, amountCents: 50_000 }, day + 75);
    add('RepaymentRecorded', { ...ids, amountCents: 50_000 }, day + 90);
    add('ApplicationSettled', { ...ids, releasedCents: 100_000 }, day + 100);
  }
  return { ...emptyFundHistory('f'), entries };
}

function main(): void {
  const applications = option('applications', 10_000);
  const rounds = option('rounds', 15);
  const history = generatedFund(applications);
  const asOf = new Date(Date.UTC(2026, 11, 31));
  const times = (work: () => unknown) =>
    Array.from({ length: rounds }, () => {
      const started = process.hrtime.bigint();
      work();
      return Number(process.hrtime.bigint() - started) / 1e6;
    });
  const statement = times(() => fundStatement(history, asOf));
  const metrics = times(() => computeFundMetrics(history, asOf));
  const s = fundStatement(history, asOf);
  console.log(
    `fund with ${applications} applications, ${history.entries.length} events; available ${s.availableCents} = ` +
      `${s.budgetCents} − ${s.reservedCents} − ${s.awardedCents} + ${s.releasedCents}`,
  );
  console.log(`fundStatement as of T:       median ${median(statement).toFixed(1)} ms over ${rounds} rounds`);
  console.log(`computeFundMetrics as of T:  median ${median(metrics).toFixed(1)} ms over ${rounds} rounds`);
}

main();
