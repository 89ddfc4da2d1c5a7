import type { Pool } from 'pg';
import {
  ApplicationStatement,
  computeMemberRetention,
  computeStaffTimeUse,
  FundHistory,
  fundMetricsOf,
  FundMetrics,
  fundStatement,
  FundStatement,
  grantProcedureMetrics,
  GrantProcedureMetrics,
  localMonth,
  MemberRetention,
  StaffTimeEntry,
  StaffTimeUse,
} from '@koproduktiv/metrics';
import type { FundDocument, InitiativeDocument, UnitDocument } from '../read-models/registry-documents';
import { tenantFundHistories } from './fund-histories';

/** What the per-fund, per-unit and per-initiative figures of a municipality are computed from. */
export interface RegistryData {
  readonly funds: readonly { history: FundHistory; name: string | null }[];
  readonly units: readonly UnitDocument[];
  /** Logged hours by unit and local month (`unitId month`). */
  readonly staffTime: ReadonlyMap<string, StaffTimeEntry[]>;
  readonly initiatives: readonly InitiativeDocument[];
}

export interface FundPoint extends FundMetrics {
  name: string | null;
  reservedCents: number;
  releasedCents: number;
  availableCents: number;
}
export type UnitPoint = StaffTimeUse & { name: string | null };
export type InitiativePoint = MemberRetention & { name: string | null };

/** Loads the tenant's funds, units (only `unitId`, if given), their logged hours and initiatives. */
export async function loadRegistryData(
  pool: Pool,
  generation: number,
  tenant: string,
  timeZone: string,
  unitId?: string,
): Promise<RegistryData> {
  const [histories, funds, units, logged, initiatives] = await Promise.all([
    tenantFundHistories(pool, generation, tenant),
    pool.query<{ id: string; doc: FundDocument }>('SELECT id, doc FROM rm_funds WHERE tenant = $1', [tenant]),
    pool.query<{ doc: UnitDocument }>('SELECT doc FROM rm_units WHERE tenant = $1 AND ($2::text IS NULL OR id = $2)', [
      tenant,
      unitId ?? null,
    ]),
    pool.query<{ unit_id: string; at: Date; pos: string; hours: string }>(
      'SELECT unit_id, at, pos, hours FROM rm_unit_staff_time WHERE tenant = $1 AND ($2::text IS NULL OR unit_id = $2)',
      [tenant, unitId ?? null],
    ),
    pool.query<{ doc: InitiativeDocument }>('SELECT doc FROM rm_initiatives WHERE tenant = $1 ORDER BY id', [tenant]),
  ]);
  const names = new Map(funds.rows.map((row) => [row.id, row.doc.name]));
  const staffTime = new Map<string, StaffTimeEntry[]>();
  for (const row of logged.rows) {
    const key = `${row.unit_id} ${localMonth(row.at, timeZone)}`;
    const entries = staffTime.get(key) ?? [];
    entries.push({ at: row.at.toISOString(), pos: Number(row.pos), unitId: row.unit_id, hours: Number(row.hours) });
    staffTime.set(key, entries);
  }
  return {
    funds: histories
      .sort((a, b) => String(a.fundId).localeCompare(String(b.fundId)))
      .map((history) => ({ history, name: names.get(history.fundId as string) ?? null })),
    units: units.rows.map((row) => row.doc).sort((a, b) => a.unitId.localeCompare(b.unitId)),
    staffTime,
    initiatives: initiatives.rows.map((row) => row.doc),
  };
}

/** Every fund's statement as of T, for the funds with an event by then. */
export const statementsAsOf = (funds: RegistryData['funds'], asOf: Date, timeZone: string) =>
  funds
    .filter(({ history }) => history.entries.some((entry) => new Date(entry.at).getTime() <= asOf.getTime()))
    .map(({ history, name }) => ({ name, statement: fundStatement(history, asOf, timeZone) }));

export const fundPoint = (name: string | null, statement: FundStatement, timeZone: string): FundPoint => ({
  ...fundMetricsOf(statement, timeZone),
  name,
  reservedCents: statement.reservedCents,
  releasedCents: statement.releasedCents,
  availableCents: statement.availableCents,
});

/**
 * The grant-procedure metrics over the applications of a cohort's cases (the summary's and the time
 * series' filters select cases; an application counts with the case it names).
 */
export const cohortGrantMetrics = (
  statements: readonly { statement: FundStatement }[],
  caseIds: ReadonlySet<string | null>,
  asOf: Date,
  timeZone: string,
): GrantProcedureMetrics => {
  const applications: ApplicationStatement[] = [];
  for (const { statement } of statements)
    for (const application of statement.applications)
      if (application.caseId !== null && caseIds.has(application.caseId)) applications.push(application);
  return grantProcedureMetrics(applications, asOf, timeZone);
};

/** Every unit's staff time use in `month` as of T (its end). */
export const unitPoints = (data: RegistryData, month: string, asOf: Date, timeZone: string): UnitPoint[] =>
  data.units.map((unit) => ({
    ...computeStaffTimeUse({
      unit: unit.budgets,
      entries: data.staffTime.get(`${unit.unitId} ${month}`) ?? [],
      period: month,
      asOf,
      timeZone,
    }),
    unitId: unit.unitId,
    name: unit.name,
  }));

/** memberRetention as of T of the initiatives that reported members by then (only `among`, if given). */
export const initiativePoints = (data: RegistryData, asOf: Date, among?: ReadonlySet<string>): InitiativePoint[] =>
  data.initiatives
    .filter((initiative) => among === undefined || among.has(initiative.initiativeId))
    .map((initiative) => ({
      ...computeMemberRetention(
        { v: 1, initiativeId: initiative.initiativeId, memberReports: initiative.memberReports },
        asOf,
      ),
      name: initiative.name,
    }))
    .filter((point) => point.latestActiveMembers !== null);
