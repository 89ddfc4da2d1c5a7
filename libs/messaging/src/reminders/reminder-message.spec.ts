import type { WorklistItem } from '@koproduktiv/metrics';
import { reminderId, reminderOf, toReminderMessage } from './reminder-message';

const item: WorklistItem = {
  kind: 'commitment_overdue',
  caseId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02',
  caseTitle: 'Zwischennutzung Ladenlokal bei Familie Mustermann',
  dueOn: '2026-03-20',
  dueAt: '2026-03-20T22:59:59.999Z',
  overdueDays: 2,
  unitId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a03',
  staffRef: 'k.schulte',
  promisor: 'administration',
  refId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a08',
  hurts: 'commitmentReliability.administration',
  paused: false,
};

describe('reminder messages', () => {
  it('the id is a UUID derived from tenant, transition, item and due time: the same reminder, the same id', () => {
    const a = reminderOf('musterstadt', { transition: 'overdue', item });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reminderOf('musterstadt', { transition: 'overdue', item: { ...item, overdueDays: 5 } }).id).toBe(a.id);
    const others = [
      reminderOf('nachbarort', { transition: 'overdue', item }),
      reminderOf('musterstadt', { transition: 'due', item }),
      reminderOf('musterstadt', { transition: 'overdue', item: { ...item, dueAt: '2026-03-24T22:59:59.999Z' } }),
      reminderOf('musterstadt', { transition: 'overdue', item: { ...item, refId: 'other' } }),
    ];
    expect(new Set(others.map((r) => r.id)).size).toBe(4);
    expect(others.map((r) => r.id)).not.toContain(a.id);
    expect(reminderId('musterstadt', 'overdue', a.data)).toBe(a.id);
  });

  it('is a CloudEvent on <prefix>.reminder.v1, keyed by the case stream, without free text or personal data', () => {
    const reminder = reminderOf('musterstadt', { transition: 'overdue', item });
    const message = toReminderMessage(reminder, new Date('2026-03-21T05:00:00Z'), 'koproduktiv');
    expect(message.topic).toBe('koproduktiv.reminder.v1');
    expect(message.key).toBe(`case-${item.caseId}`);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: reminder.id,
      ce_source: '/koproduktiv/tenants/musterstadt',
      ce_type: 'koproduktiv.reminder.overdue',
      ce_subject: `case-${item.caseId}`,
      ce_time: '2026-03-21T05:00:00.000Z',
      'content-type': 'application/json; charset=utf-8',
      ce_tenant: 'musterstadt',
    });
    expect(JSON.parse(message.value.toString('utf8'))).toEqual({
      caseId: item.caseId,
      kind: 'commitment_overdue',
      refId: item.refId,
      dueOn: '2026-03-20',
      dueAt: '2026-03-20T22:59:59.999Z',
      unitId: item.unitId,
      staffRef: 'k.schulte',
      promisor: 'administration',
      hurts: 'commitmentReliability.administration',
    });
    expect(message.value.toString('utf8')).not.toContain('Mustermann');
  });
});
