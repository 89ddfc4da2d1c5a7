import { useState } from 'react';
import { Link } from 'wouter';
import { downloadCsv, getJson } from '../api/client';
import { Directory, WORKLIST_KINDS, WorklistItem } from '../api/types';
import { Field } from '../components/field';
import { Status } from '../components/status';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';

const WITHIN = [7, 14, 30, 60];
const PROMISORS = ['administration', 'initiative'] as const;

/** The clerk's worklist: GET /v1/worklist, each item linking to its case file. */
export function Worklist({ directory }: { directory: Directory }) {
  const { t, f, label } = useI18n();
  const [within, setWithin] = useState(14);
  const [unitId, setUnitId] = useState('');
  const [kind, setKind] = useState('');
  const [promisor, setPromisor] = useState('');
  const query = { within, unitId, kind, promisor };
  const worklist = useLoad(
    (signal) => getJson<{ items: WorklistItem[]; asOf: string }>('/v1/worklist', query, signal),
    [within, unitId, kind, promisor],
  );
  const units = new Map(directory.units.map((unit) => [unit.unitId, unit.name ?? unit.unitId]));
  return (
    <>
      <h1>{t('worklist.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('filters.label')}</legend>
          <Field label={t('worklist.within')}>
            <select value={within} onChange={(event) => setWithin(Number(event.target.value))}>
              {WITHIN.map((days) => (
                <option key={days} value={days}>
                  {t('worklist.withinDays', { days })}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('filters.unit')}>
            <select value={unitId} onChange={(event) => setUnitId(event.target.value)}>
              <option value="">{t('filters.all')}</option>
              {directory.units.map((unit) => (
                <option key={unit.unitId} value={unit.unitId}>
                  {unit.name ?? unit.unitId}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('worklist.kind')}>
            <select value={kind} onChange={(event) => setKind(event.target.value)}>
              <option value="">{t('filters.all')}</option>
              {WORKLIST_KINDS.map((name) => (
                <option key={name} value={name}>
                  {t(`kind.${name}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('worklist.promisor')}>
            <select value={promisor} onChange={(event) => setPromisor(event.target.value)}>
              <option value="">{t('filters.all')}</option>
              {PROMISORS.map((party) => (
                <option key={party} value={party}>
                  {t(`party.${party}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
      </form>
      <p>{t('worklist.intro', { days: within })}</p>
      <Status loaded={worklist}>
        {({ data, position }) => (
          <section aria-labelledby="worklist-count">
            <h2 id="worklist-count">
              {t('worklist.count', {
                count: f.number(data.items.length, 0),
                overdue: f.number(data.items.filter((item) => item.overdueDays > 0).length, 0),
              })}
            </h2>
            <p>
              <button type="button" className="link-button" onClick={() => void downloadCsv('/v1/worklist', query)}>
                {t('worklist.csv')}
              </button>
            </p>
            {data.items.length === 0 ? (
              <p className="muted">{t('worklist.empty')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="worklist-count">
                <table className="worklist">
                  <thead>
                    <tr>
                      <th scope="col">{t('worklist.due')}</th>
                      <th scope="col">{t('worklist.kind')}</th>
                      <th scope="col">{t('worklist.case')}</th>
                      <th scope="col">{t('worklist.unit')}</th>
                      <th scope="col">{t('worklist.staff')}</th>
                      <th scope="col">{t('worklist.hurts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item, i) => (
                      <tr
                        key={`${item.kind}-${item.caseId}-${i}`}
                        className={item.overdueDays > 0 ? 'overdue' : undefined}
                      >
                        <td>
                          {f.date(item.dueAt)}
                          {item.overdueDays > 0 && (
                            <>
                              <br />
                              <strong>{t('worklist.overdue', { days: f.number(item.overdueDays, 0) })}</strong>
                            </>
                          )}
                        </td>
                        <td>
                          {t(`kind.${item.kind}`)}
                          {item.promisor && ` (${t(`party.${item.promisor}`)})`}
                        </td>
                        <th scope="row">
                          <Link href={`/vorgang/${item.caseId}`}>{item.caseTitle ?? item.caseId}</Link>
                        </th>
                        <td>{item.unitId ? (units.get(item.unitId) ?? item.unitId) : t('kpi.none')}</td>
                        <td>{item.staffRef ?? t('kpi.none')}</td>
                        <td>{label('hurts', item.hurts)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted small">{t('app.position', { position })}</p>
          </section>
        )}
      </Status>
    </>
  );
}
