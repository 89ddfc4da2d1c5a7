/**
 * A client's use of every query route, typed by what openapi-typescript generates from the served
 * OpenAPI document (./generated/koproduktiv-api.d.ts, written by test/e2e/openapi-client.e2e-spec.ts,
 * which type-checks this file with tsc and then runs it against the service).
 */
import createClient from 'openapi-fetch';
import type { paths } from './generated/koproduktiv-api';

/** JSON answers and problem+json errors; the CSV the list and metric routes also offer is not what this client asks for. */
export type JsonMedia = `application/${string}json`;

export interface Ids {
  readonly caseId: string;
  readonly initiativeId: string;
  readonly unitId: string;
  readonly fundId: string;
}

export async function callEveryQueryRoute(baseUrl: string, token: string, ids: Ids) {
  const client = createClient<paths, JsonMedia>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  const page = await client.GET('/v1/cases', { params: { query: { limit: 1, stage: 'institutionalised' } } });
  const nextCursor: string | null | undefined = page.data?.data.nextCursor;
  const firstStage: 'request' | 'support' | 'interim_use' | 'institutionalised' | undefined =
    page.data?.data.items[0]?.stage;

  const one = await client.GET('/v1/cases/{caseId}', { params: { path: { caseId: ids.caseId } } });
  const title: string | null | undefined = one.data?.data.title;

  const metrics = await client.GET('/v1/cases/{caseId}/metrics', {
    params: { path: { caseId: ids.caseId }, query: { asOf: '2030-01-01' } },
  });
  const trustIndex: number | null | undefined = metrics.data?.data.trustIndex.value;
  const reliabilityWeight: number | undefined = metrics.data?.data.trustIndex.components.reliability.weight;

  const initiative = await client.GET('/v1/initiatives/{initiativeId}', {
    params: { path: { initiativeId: ids.initiativeId } },
  });
  const initiativeName: string | null | undefined = initiative.data?.data.name;

  const initiativeMetrics = await client.GET('/v1/initiatives/{initiativeId}/metrics', {
    params: { path: { initiativeId: ids.initiativeId } },
  });
  const memberRetention: number | null | undefined = initiativeMetrics.data?.data.memberRetention;

  const summary = await client.GET('/v1/metrics/summary', { params: { query: { asOf: '2030-01-01' } } });
  const cases: number | undefined = summary.data?.data.cases;
  const reliability: number | null | undefined = summary.data?.data.commitmentReliability.combined;

  const series = await client.GET('/v1/metrics/timeseries', { params: { query: { from: '2026-01', to: '2026-03' } } });
  const months: string[] | undefined = series.data?.data.map((point) => point.month);

  const staffTime = await client.GET('/v1/units/{unitId}/staff-time', {
    params: { path: { unitId: ids.unitId }, query: { period: '2026-Q1' } },
  });
  const staffTimeUse: number | null | undefined = staffTime.data?.data.staffTimeUse;

  const fund = await client.GET('/v1/funds/{fundId}', { params: { path: { fundId: ids.fundId } } });
  const awardedCents: number | undefined = fund.data?.data.awardedCents;

  const missing = await client.GET('/v1/cases/{caseId}', {
    params: { path: { caseId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1aff' } },
  });
  const problemCode: string | undefined = missing.error?.code;

  return {
    nextCursor,
    firstStage,
    title,
    trustIndex,
    reliabilityWeight,
    initiativeName,
    memberRetention,
    cases,
    reliability,
    months,
    staffTimeUse,
    awardedCents,
    problemCode,
  };
}
