import { useState } from 'react';
import { Chart, ChartProps } from '../charts/chart';
import { useI18n } from '../i18n/i18n';

export interface Table {
  readonly header: string[];
  /** Formatted for reading; the first cell of a row names it. */
  readonly rows: string[][];
}

export interface ChartPanelProps {
  readonly id: string;
  readonly title: string;
  readonly chart: Omit<ChartProps, 'label'>;
  readonly table: Table;
  readonly definition: string;
  readonly csv: () => Promise<void>;
}

/** A chart with its three companions: the same numbers as a table, its definition, and its data as CSV. */
export function ChartPanel({ id, title, chart, table, definition, csv }: ChartPanelProps) {
  const { t } = useI18n();
  const [csvError, setCsvError] = useState<string | null>(null);
  const empty = table.rows.length === 0;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-panel={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {empty ? <p className="muted">{t('chart.empty')}</p> : <Chart {...chart} label={title} />}
      <div className="panel-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setCsvError(null);
            csv().catch((error: Error) => setCsvError(error.message));
          }}
        >
          {t('chart.csv')}
        </button>
      </div>
      {csvError && (
        <p className="error" role="alert">
          {t('chart.csvFailed', { detail: csvError })}
        </p>
      )}
      <details className="table-alternative">
        <summary>{t('chart.table')}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${t('chart.table')}: ${title}`}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                {table.header.map((cell) => (
                  <th key={cell} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row[0]}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details className="definition">
        <summary>{t('chart.definition')}</summary>
        <p>{definition}</p>
        <p>
          <a href={`${import.meta.env.BASE_URL}METRICS.md.txt`} target="_blank" rel="noopener">
            {t('chart.fullDefinition')}
          </a>
        </p>
      </details>
    </section>
  );
}
