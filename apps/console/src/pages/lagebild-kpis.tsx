import type { Aggregate, InitiativeMetrics } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/de';

/** The headline figures of a summary (the municipality's or an initiative's) as a description list. */
export function Kpis({ data }: { data: Aggregate | InitiativeMetrics }) {
  const { t, f } = useI18n();
  const figures: [MessageKey, string][] = [
    [
      'kpi.cases',
      `${f.number(data.cases, 0)} (${f.number(data.openCases, 0)} ${t('kpi.openCases')}, ${f.number(data.closedCases, 0)} ${t('kpi.closedCases')})`,
    ],
    ['kpi.meanTrustIndex', f.number(data.meanTrustIndex)],
    ['kpi.meanContinuityIndex', f.number(data.meanContinuityIndex)],
    ['kpi.medianDaysToFirstResponse', f.number(data.medianDaysToFirstResponse)],
    ['kpi.respondedWithinTargetShare', f.percent(data.respondedWithinTargetShare)],
    ['kpi.reliabilityAdministration', f.percent(data.commitmentReliability.administration)],
    ['kpi.reliabilityInitiative', f.percent(data.commitmentReliability.initiative)],
    ['kpi.dormantShare', f.percent(data.dormantShare)],
    ['kpi.institutionalisationRate', f.percent(data.institutionalisationRate)],
  ];
  return (
    <dl className="kpis" data-testid="kpis">
      {figures.map(([key, value]) => (
        <div key={key} className="kpi">
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
