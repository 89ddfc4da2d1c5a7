import { useMemo } from 'react';
import { api, chosen, downloadCsv, ok, saveBlob, tableCsv } from '../api/client';
import { Directory, STAGES, TimeseriesPoint } from '../api/types';
import { ChartPanel } from '../components/chart-panel';
import { Field } from '../components/field';
import { Status } from '../components/status';
import { DateInput } from '../components/date-input';
import { useLoad } from '../components/use-load';
import { isDateUpTo, useUrlState } from '../components/use-url-state';
import { today, useI18n } from '../i18n/i18n';
import { monthOf, monthsBefore } from './months';
import { Kpis } from './lagebild-kpis';

/** Months shown in the monthly charts, ending with the month of the chosen date. */
const MONTHS = 12;

export function Lagebild({ directory }: { directory: Directory }) {
  const { t, f } = useI18n();
  const timeZone = directory.metricsSettings.timeZone;
  const latest = today(timeZone);
  const [{ asOf, unitId, category }, choose] = useUrlState({ asOf: latest, unitId: '', category: '' }, (key, value) =>
    key === 'asOf'
      ? isDateUpTo(latest)(value)
      : key === 'unitId'
        ? directory.units.some((unit) => unit.unitId === value)
        : directory.categories.includes(value),
  );
  const to = monthOf(asOf);
  const from = monthsBefore(to, MONTHS - 1);
  const filter = { asOf, unitId: chosen(unitId), category: chosen(category) };

  const summary = useLoad(
    (signal) => api.GET('/v1/metrics/summary', { params: { query: filter }, signal }).then(ok),
    [asOf, unitId, category],
  );
  const seriesQuery = { from, to, unitId: chosen(unitId), category: chosen(category) };
  const series = useLoad(
    (signal) => api.GET('/v1/metrics/timeseries', { params: { query: seriesQuery }, signal }).then(ok),
    [from, to, unitId, category],
  );

  const percent = (v: number) => f.percent(v);
  const number = (v: number) => f.number(v);
  const monthly = (points: TimeseriesPoint[]) => points.map((point) => f.month(point.month));
  const timeseriesCsv = () => downloadCsv('/v1/metrics/timeseries', seriesQuery);
  const target = directory.metricsSettings.responseTargetDays;

  return (
    <>
      <h1>{t('lagebild.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('filters.label')}</legend>
          <Field label={t('filters.asOf')}>
            <DateInput value={asOf} latest={latest} onDate={(date) => choose({ asOf: date }, { typing: true })} />
          </Field>
          <Field label={t('filters.unit')}>
            <select value={unitId} onChange={(event) => choose({ unitId: event.target.value })}>
              <option value="">{t('filters.all')}</option>
              {directory.units.map((unit) => (
                <option key={unit.unitId} value={unit.unitId}>
                  {unit.name ?? unit.unitId}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('filters.category')}>
            <select value={category} onChange={(event) => choose({ category: event.target.value })}>
              <option value="">{t('filters.all')}</option>
              {directory.categories.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
      </form>

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('lagebild.summary')}</h2>
        <p>{t('lagebild.intro', { asOf: f.date(`${asOf}T12:00:00Z`) })}</p>
        <Status loaded={summary}>
          {({ data, position }) => (
            <>
              <Kpis data={data} />
              <div className="panels">
                <ChartPanel
                  id="stages"
                  title={t('chart.stages.title')}
                  definition={t('chart.stages.definition')}
                  chart={{
                    kind: 'bar',
                    categories: STAGES.map((stage) => t(`stage.${stage}`)),
                    series: [
                      { name: t('chart.stages.count'), values: STAGES.map((stage) => data.casesPerStage[stage]) },
                    ],
                    formatValue: (v) => f.number(v, 0),
                  }}
                  table={{
                    header: [t('chart.stages.stage'), t('chart.stages.count')],
                    rows: STAGES.map((stage) => [t(`stage.${stage}`), f.number(data.casesPerStage[stage], 0)]),
                  }}
                  csv={() => downloadCsv('/v1/metrics/summary', filter)}
                />
              </div>
              <p className="muted small">{t('app.position', { position })}</p>
            </>
          )}
        </Status>
      </section>

      <section aria-labelledby="months-title">
        <h2 id="months-title">{t('filters.months', { from: f.month(from), to: f.month(to) })}</h2>
        <Status loaded={series}>
          {({ data: points }) => (
            <div className="panels">
              <ChartPanel
                id="indices"
                title={t('chart.indices.title')}
                definition={t('chart.indices.definition')}
                chart={{
                  kind: 'line',
                  categories: monthly(points),
                  series: [
                    { name: t('chart.indices.trust'), values: points.map((p) => p.meanTrustIndex) },
                    { name: t('chart.indices.continuity'), values: points.map((p) => p.meanContinuityIndex) },
                  ],
                  formatValue: number,
                }}
                table={{
                  header: [t('chart.month'), t('chart.indices.trust'), t('chart.indices.continuity')],
                  rows: points.map((p) => [
                    f.month(p.month),
                    f.number(p.meanTrustIndex),
                    f.number(p.meanContinuityIndex),
                  ]),
                }}
                csv={timeseriesCsv}
              />
              <ChartPanel
                id="response"
                title={t('chart.response.title')}
                definition={t('chart.response.definition')}
                chart={{
                  kind: 'line',
                  categories: monthly(points),
                  series: [
                    { name: t('chart.response.median'), values: points.map((p) => p.medianDaysToFirstResponse) },
                  ],
                  formatValue: number,
                  markLine: { value: target, label: t('chart.response.target', { days: f.number(target) }) },
                }}
                table={{
                  header: [
                    t('chart.month'),
                    t('chart.response.median'),
                    t('chart.response.targetSeries'),
                    t('kpi.respondedWithinTargetShare'),
                  ],
                  rows: points.map((p) => [
                    f.month(p.month),
                    f.number(p.medianDaysToFirstResponse),
                    f.number(target),
                    f.percent(p.respondedWithinTargetShare),
                  ]),
                }}
                csv={timeseriesCsv}
              />
              <ChartPanel
                id="reliability"
                title={t('chart.reliability.title')}
                definition={t('chart.reliability.definition')}
                chart={{
                  kind: 'line',
                  percent: true,
                  categories: monthly(points),
                  series: [
                    {
                      name: t('chart.reliability.administration'),
                      values: points.map((p) => p.commitmentReliability.administration),
                    },
                    {
                      name: t('chart.reliability.initiative'),
                      values: points.map((p) => p.commitmentReliability.initiative),
                    },
                  ],
                  formatValue: percent,
                }}
                table={{
                  header: [t('chart.month'), t('chart.reliability.administration'), t('chart.reliability.initiative')],
                  rows: points.map((p) => [
                    f.month(p.month),
                    f.percent(p.commitmentReliability.administration),
                    f.percent(p.commitmentReliability.initiative),
                  ]),
                }}
                csv={timeseriesCsv}
              />
              <ChartPanel
                id="dormant"
                title={t('chart.dormant.title')}
                definition={t('chart.dormant.definition', { days: directory.metricsSettings.dormancyDays })}
                chart={{
                  kind: 'line',
                  percent: true,
                  categories: monthly(points),
                  series: [{ name: t('chart.dormant.share'), values: points.map((p) => p.dormantShare) }],
                  formatValue: percent,
                }}
                table={{
                  header: [t('chart.month'), t('chart.dormant.share')],
                  rows: points.map((p) => [f.month(p.month), f.percent(p.dormantShare)]),
                }}
                csv={timeseriesCsv}
              />
            </div>
          )}
        </Status>
      </section>

      <section aria-labelledby="resources-title">
        <h2 id="resources-title">{t('lagebild.resources')}</h2>
        <Status loaded={series}>
          {({ data: points }) => (
            <div className="panels">
              <StaffPanel points={points} csv={timeseriesCsv} />
              <FundsPanel month={to} funds={points.at(-1)?.funds ?? []} />
            </div>
          )}
        </Status>
      </section>
    </>
  );
}

function StaffPanel({ points, csv }: { points: TimeseriesPoint[]; csv: () => Promise<void> }) {
  const { t, f } = useI18n();
  const units = points.at(-1)?.units ?? [];
  const name = (unit: { unitId: string; name: string | null }) => unit.name ?? unit.unitId;
  const use = (unitId: string, point: TimeseriesPoint) => point.units.find((u) => u.unitId === unitId);
  return (
    <ChartPanel
      id="staff"
      title={t('chart.staff.title')}
      definition={t('chart.staff.definition')}
      chart={{
        kind: 'line',
        categories: points.map((p) => f.month(p.month)),
        series: units.map((unit) => ({
          name: name(unit),
          values: points.map((p) => use(unit.unitId, p)?.staffTimeUse ?? null),
        })),
        formatValue: (v) => f.percent(v),
      }}
      table={{
        header: [t('chart.month'), ...units.map(name)],
        rows: points.map((p) => [
          f.month(p.month),
          ...units.map((unit) => {
            const found = use(unit.unitId, p);
            return found
              ? t('chart.staff.cell', {
                  logged: f.number(found.loggedHours),
                  budget: f.number(found.budgetHours),
                  share: f.percent(found.staffTimeUse),
                })
              : t('kpi.none');
          }),
        ]),
      }}
      csv={csv}
    />
  );
}

function FundsPanel({ month, funds }: { month: string; funds: TimeseriesPoint['funds'] }) {
  const { t, f } = useI18n();
  const name = (fund: TimeseriesPoint['funds'][number]) => fund.name ?? fund.fundId;
  const header = [t('chart.funds.fund'), t('chart.funds.budget'), t('chart.funds.awarded'), t('chart.funds.disbursed')];
  const euros = useMemo(() => (v: number) => f.euros(v * 100), [f]);
  return (
    <ChartPanel
      id="funds"
      title={t('chart.funds.title', { month: f.month(month) })}
      definition={t('chart.funds.definition')}
      chart={{
        kind: 'bar',
        categories: funds.map(name),
        series: [
          { name: t('chart.funds.budget'), values: funds.map((x) => x.budgetCents / 100) },
          { name: t('chart.funds.awarded'), values: funds.map((x) => x.awardedCents / 100) },
          { name: t('chart.funds.disbursed'), values: funds.map((x) => x.disbursedCents / 100) },
        ],
        formatValue: euros,
      }}
      table={{
        header,
        rows: funds.map((x) => [name(x), f.euros(x.budgetCents), f.euros(x.awardedCents), f.euros(x.disbursedCents)]),
      }}
      csv={async () =>
        saveBlob(
          tableCsv(
            header,
            funds.map((x) => [name(x), x.budgetCents / 100, x.awardedCents / 100, x.disbursedCents / 100]),
          ),
          `funds-${month}.csv`,
        )
      }
    />
  );
}
