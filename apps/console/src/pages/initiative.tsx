import { useLocation, useParams, useSearch } from 'wouter';
import { api, ok, saveBlob, tableCsv } from '../api/client';
import { CaseSummary, Directory, Initiative } from '../api/types';
import { ChartPanel } from '../components/chart-panel';
import { Field } from '../components/field';
import { Status } from '../components/status';
import { DateInput } from '../components/date-input';
import { useLoad } from '../components/use-load';
import { isDateUpTo, useUrlState } from '../components/use-url-state';
import { today, useI18n } from '../i18n/i18n';
import { Kpis } from './lagebild-kpis';

/** An initiative's cases and aggregate metrics, with member retention; the API gives no contact data to analysts. */
export function InitiativePage({ directory }: { directory: Directory }) {
  const { t } = useI18n();
  const params = useParams<{ id?: string }>();
  const [, navigate] = useLocation();
  const timeZone = directory.metricsSettings.timeZone;
  const latest = today(timeZone);
  const [{ asOf }, choose] = useUrlState({ asOf: latest }, (_key, value) => isDateUpTo(latest)(value));
  const search = useSearch();
  const id = params.id ?? '';
  return (
    <>
      <h1>{t('initiative.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('filters.label')}</legend>
          <Field label={t('initiative.pick')}>
            <select
              value={id}
              onChange={(event) =>
                // Another initiative at the same date: the address keeps the date.
                navigate(
                  `${event.target.value ? `/initiative/${event.target.value}` : '/initiative'}${search ? `?${search}` : ''}`,
                )
              }
            >
              <option value="">{t('initiative.choose')}</option>
              {directory.initiatives.map((initiative) => (
                <option key={initiative.initiativeId} value={initiative.initiativeId}>
                  {initiative.name ?? initiative.initiativeId}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('filters.asOf')}>
            <DateInput value={asOf} latest={latest} onDate={(date) => choose({ asOf: date }, { typing: true })} />
          </Field>
        </fieldset>
      </form>
      {id && <InitiativeDetails key={id} id={id} asOf={asOf} />}
    </>
  );
}

function InitiativeDetails({ id, asOf }: { id: string; asOf: string }) {
  const { t, f } = useI18n();
  const initiative = useLoad(
    (signal) => api.GET('/v1/initiatives/{initiativeId}', { params: { path: { initiativeId: id } }, signal }).then(ok),
    [id],
  );
  const metrics = useLoad(
    (signal) =>
      api
        .GET('/v1/initiatives/{initiativeId}/metrics', {
          params: { path: { initiativeId: id }, query: { asOf } },
          signal,
        })
        .then(ok),
    [id, asOf],
  );
  const cases = useLoad((signal) => casesOf(id, signal), [id]);
  return (
    <Status loaded={initiative}>
      {({ data: found }) => (
        <article aria-labelledby="initiative-name">
          <h2 id="initiative-name">{found.name ?? found.initiativeId}</h2>
          <dl className="facts">
            <div>
              <dt>{t('initiative.kind')}</dt>
              <dd>{found.kind ?? t('kpi.none')}</dd>
            </div>
            <div>
              <dt>{t('initiative.district')}</dt>
              <dd>{found.district ?? t('kpi.none')}</dd>
            </div>
            <div>
              <dt>{t('case.status')}</dt>
              <dd>
                {found.dissolved
                  ? t('initiative.dissolved', { date: f.date(found.dissolved.at) })
                  : t('initiative.active')}
              </dd>
            </div>
          </dl>
          <section aria-labelledby="initiative-metrics">
            <h3 id="initiative-metrics">{t('initiative.metrics', { asOf: f.date(`${asOf}T12:00:00Z`) })}</h3>
            <Status loaded={metrics}>
              {({ data }) => (
                <>
                  <Kpis data={data} />
                  <dl className="kpis">
                    <div className="kpi">
                      <dt>{t('initiative.retention')}</dt>
                      <dd>{f.percent(data.memberRetention)}</dd>
                    </div>
                    <div className="kpi">
                      <dt>{t('initiative.members')}</dt>
                      <dd>{f.number(data.latestActiveMembers, 0)}</dd>
                    </div>
                  </dl>
                </>
              )}
            </Status>
          </section>
          <div className="panels">
            <MembersPanel initiative={found} />
          </div>
          <section aria-labelledby="initiative-cases">
            <h3 id="initiative-cases">{t('initiative.cases')}</h3>
            <Status loaded={cases}>{(all) => <CaseTable cases={all} />}</Status>
          </section>
        </article>
      )}
    </Status>
  );
}

/** Every case of an initiative, page after page of GET /v1/cases (at most 200 a page). */
async function casesOf(initiativeId: string, signal: AbortSignal): Promise<CaseSummary[]> {
  const cases: CaseSummary[] = [];
  let cursor: string | undefined;
  do {
    const page: { items: CaseSummary[]; nextCursor: string | null } = ok(
      await api.GET('/v1/cases', { params: { query: { initiativeId, limit: 200, cursor } }, signal }),
    ).data;
    cases.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return cases;
}

function MembersPanel({ initiative }: { initiative: Initiative }) {
  const { t, f } = useI18n();
  const reports = [...initiative.memberReports].sort((a, b) => a.at.localeCompare(b.at));
  const header = [t('initiative.members.date'), t('initiative.members')];
  return (
    <ChartPanel
      id="members"
      title={t('initiative.members.title')}
      definition={t('initiative.members.definition')}
      chart={{
        kind: 'line',
        categories: reports.map((r) => f.date(r.at)),
        series: [{ name: t('initiative.members'), values: reports.map((r) => r.activeMembers) }],
        formatValue: (v) => f.number(v, 0),
      }}
      table={{ header, rows: reports.map((r) => [f.date(r.at), f.number(r.activeMembers, 0)]) }}
      csv={async () =>
        saveBlob(
          tableCsv(
            header,
            reports.map((r) => [r.at.slice(0, 10), r.activeMembers]),
          ),
          `initiative-${initiative.initiativeId}-members.csv`,
        )
      }
    />
  );
}

function CaseTable({ cases }: { cases: CaseSummary[] }) {
  const { t, f } = useI18n();
  if (cases.length === 0) return <p className="muted">{t('initiative.noCases')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="initiative-cases">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('case.title')}</th>
            <th scope="col">{t('case.category')}</th>
            <th scope="col">{t('case.stage')}</th>
            <th scope="col">{t('case.status')}</th>
            <th scope="col">{t('case.submittedAt')}</th>
            <th scope="col">{t('case.lastContactAt')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => (
            <tr key={item.caseId}>
              <th scope="row">{item.title ?? item.caseId}</th>
              <td>{item.category ?? t('kpi.none')}</td>
              <td>{t(`stage.${item.stage}`)}</td>
              <td>{t(`case.status.${item.status}`)}</td>
              <td>{f.date(item.submittedAt)}</td>
              <td>{f.date(item.lastContactAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
