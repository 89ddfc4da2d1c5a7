import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESPONSE_SCHEMAS, Schema } from './response-schemas';

const DOC = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'METRICS.md'), 'utf8');

const names = (schema: Schema): string[] => Object.keys((schema.properties ?? {}) as Record<string, Schema>);

/** docs/METRICS.md defines every metric the metric routes answer with. */
describe('docs/METRICS.md', () => {
  const metricSchemas = ['CaseMetrics', 'AggregateMetrics'];
  const extra = ['memberRetention', 'staffTimeUse', 'awardedShare', 'disbursedShare'];
  /** Every column of the fund statement and every field of one of its applications. */
  const fundSchemas = ['FundApplication'];

  it.each(metricSchemas)('names every field of %s', (schema) => {
    const missing = names(RESPONSE_SCHEMAS[schema]).filter((name) => name !== 'asOf' && !DOC.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('defines every column of the fund statement and every field of its applications', () => {
    const statement = (RESPONSE_SCHEMAS.FundStatementAnswer.properties as Record<string, Schema>).data;
    const fields = [...names(statement), ...fundSchemas.flatMap((schema) => names(RESPONSE_SCHEMAS[schema]))];
    const missing = fields.filter(
      (name) =>
        !['asOf', 'fundId', 'name', 'year', 'applications', 'applicationId', 'caseId', 'nextCursor'].includes(name) &&
        !DOC.includes(`\`${name}\``),
    );
    expect(missing).toEqual([]);
  });

  it('names the initiative, staff-time and fund metrics, every index component and every setting', () => {
    const components = [
      'responsiveness',
      'reliability',
      'participation',
      'reciprocity',
      'perceived',
      'contactStability',
      'handovers',
      'rhythm',
    ];
    const settings = ['responseTargetDays', 'dormancyDays', 'timeZone', 'weights.trust', 'weights.continuity'];
    expect([...extra, ...settings].filter((name) => !DOC.includes(`\`${name}\``))).toEqual([]);
    expect(components.filter((name) => !new RegExp(`^\\| ${name} \\|`, 'm').test(DOC))).toEqual([]);
  });

  it('is linked from the README and from libs/metrics', () => {
    const root = join(__dirname, '..', '..', '..', '..');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('[docs/METRICS.md](docs/METRICS.md)');
    expect(readFileSync(join(root, 'libs', 'metrics', 'README.md'), 'utf8')).toContain('(../../docs/METRICS.md)');
  });
});
