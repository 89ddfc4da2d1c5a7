/**
 * Case stories whose kept snapshots the version guard (kept-snapshot-version.spec.ts) pins: fixed,
 * so that their output changes only when what a snapshot is computed from or how changes. Edit them
 * only together with a re-pinned hash (the guard then also needs KEPT_SNAPSHOT_VERSION bumped).
 */
import type { ParticipationLevel, Party } from '@koproduktiv/domain';
import { CaseHistory, foldCaseEvents, MetricsEvent } from '@koproduktiv/metrics';
import { caseEvents, positions, scores } from '@koproduktiv/metrics/testing';

/** A case row as the read model has it: what the keeper takes snapshots from. */
export interface StoryRow {
  readonly id: string;
  readonly category: string | null;
  readonly history: CaseHistory;
}

const DAY = 86_400_000;

/** Told one by one: every branch of the case metrics and facts a snapshot holds. */
function toldStories(next: () => number): StoryRow[] {
  const story = (id: string, category: string | null, tell: (c: ReturnType<typeof caseEvents>) => MetricsEvent[]) => ({
    id,
    category,
    history: foldCaseEvents(tell(caseEvents(id, next))),
  });
  return [
    story('full', 'kultur', (c) => [
      c.submitted('2026-01-05T09:00:00Z', 'initiative-1', 'kultur'),
      c.acknowledged('2026-01-07T09:00:00Z', 'unit-1', 'a'),
      c.assigned('2026-01-08T09:00:00Z', 'a', 'unit-2'),
      c.assigned('2026-03-02T09:00:00Z', 'b', 'unit-3'),
      c.interaction('2026-01-09T09:00:00Z', 'a', 'initiative', 'collaborate'),
      c.interaction('2026-02-09T09:00:00Z', 'a', 'administration', 'consult', '2026-02-20T09:00:00Z'),
      c.interaction('2026-03-09T09:00:00Z', 'b', 'administration', 'empower'),
      c.interaction('2026-04-20T09:00:00Z', 'b', 'initiative', 'involve'),
      c.commitment('2026-01-10T09:00:00Z', 'kept', 'administration', '2026-02-01'),
      c.fulfilled('2026-01-20T09:00:00Z', 'kept'),
      c.commitment('2026-01-10T09:00:00Z', 'late', 'initiative', '2026-02-01'),
      c.fulfilled('2026-02-03T09:00:00Z', 'late'),
      c.commitment('2026-01-11T09:00:00Z', 'broken', 'administration', '2026-03-01'),
      c.withdrawn('2026-02-11T09:00:00Z', 'broken'),
      c.commitment('2026-01-12T09:00:00Z', 'moved', 'initiative', '2026-02-15'),
      c.renegotiated('2026-02-10T09:00:00Z', 'moved', '2026-04-15'),
      c.fulfilled('2026-04-01T09:00:00Z', 'moved'),
      c.commitment('2026-01-12T09:00:00Z', 'too-late', 'administration', '2026-02-15'),
      c.renegotiated('2026-02-20T09:00:00Z', 'too-late', '2026-05-01'),
      c.commitment('2026-01-13T09:00:00Z', 'overdue', 'administration', '2026-03-31'),
      c.commitment('2026-01-13T09:00:00Z', 'open', 'initiative', '2027-12-31'),
      c.applied('2026-02-01T09:00:00Z', 'app-1'),
      c.awarded('2026-03-01T12:00:00Z', 'app-1'),
      c.applied('2026-02-02T09:00:00Z', 'app-2'),
      c.rejected('2026-02-20T12:00:00Z', 'app-2'),
      c.applied('2026-05-02T09:00:00Z', 'app-3'),
      c.supportAgreed('2026-02-15T09:00:00Z'),
      c.interimUseAgreed('2026-03-15T09:00:00Z'),
      c.interimUseExtended('2026-06-01T09:00:00Z', '2026-12-31'),
      c.institutionalised('2026-09-01T09:00:00Z'),
      c.staffTime('2026-02-01T09:00:00Z', 'unit-1', 3.5),
      c.feedback('2026-04-01T09:00:00Z', 'initiative', scores(4, 5, 3, 4, 5)),
      c.feedback('2026-04-02T09:00:00Z', 'administration', scores(3, 3, 4, 2, 4)),
      c.closed('2026-10-01T09:00:00Z', 'completed', 'institutionalised'),
    ]),
    story('unanswered', 'umwelt', (c) => [c.submitted('2026-01-20T15:00:00Z', 'initiative-2', 'umwelt')]),
    story('answered-late', 'umwelt', (c) => [
      c.submitted('2026-03-27T16:00:00Z', 'initiative-2', 'umwelt'),
      c.acknowledged('2026-04-08T08:00:00Z', 'unit-2', 'c'),
    ]),
    story('easter', 'kultur', (c) => [
      c.submitted('2026-04-02T10:00:00Z', 'initiative-3', 'kultur'),
      c.interaction('2026-04-09T10:00:00Z', 'c', 'administration', 'inform'),
    ]),
    story('waiting', 'nachbarschaft', (c) => [
      c.submitted('2026-01-15T09:00:00Z', 'initiative-4', 'nachbarschaft'),
      c.acknowledged('2026-01-16T09:00:00Z'),
      c.commitment('2026-01-16T10:00:00Z', 'paused', 'administration', '2026-02-10'),
      c.commitment('2026-01-16T10:00:00Z', 'theirs', 'initiative', '2026-02-10'),
      c.awaited('2026-01-20T09:00:00Z', '2026-02-28'),
      c.awaited('2026-04-01T09:00:00Z'),
      c.resumed('2026-07-01T09:00:00Z'),
      c.awaited('2026-09-01T09:00:00Z'),
    ]),
    story('reopened', 'kultur', (c) => [
      c.submitted('2025-11-03T09:00:00Z', 'initiative-5', 'kultur'),
      c.acknowledged('2025-11-04T09:00:00Z'),
      c.closed('2026-01-10T09:00:00Z', 'declined'),
      c.reopened('2026-02-10T09:00:00Z', 'support'),
      c.supportAgreed('2026-02-12T09:00:00Z'),
      c.closed('2026-06-10T09:00:00Z', 'merged'),
    ]),
    story('withdrawn', null, (c) => [
      c.submitted('2025-12-01T09:00:00Z', 'initiative-6', 'umwelt'),
      c.closed('2025-12-05T09:00:00Z', 'withdrawn'),
    ]),
    story('pseudo-participation', 'nachbarschaft', (c) => [
      c.submitted('2026-02-01T09:00:00Z', 'initiative-7', 'nachbarschaft'),
      ...[1, 2, 3, 4, 5, 6].map((week) =>
        c.interaction(
          new Date(Date.parse('2026-02-01T09:00:00Z') + week * 7 * DAY).toISOString(),
          week % 2 ? 'd' : 'e',
          'administration',
          week % 3 ? 'inform' : 'consult',
        ),
      ),
    ]),
    story('interim-use', 'kultur', (c) => [
      c.submitted('2026-05-04T09:00:00Z', 'initiative-8', 'kultur'),
      c.acknowledged('2026-05-05T09:00:00Z'),
      c.interimUseAgreed('2026-06-01T09:00:00Z'),
    ]),
    story('uninterpretable-due-date', 'kultur', (c) => [
      c.submitted('2026-01-05T09:00:00Z', 'initiative-9', 'kultur'),
      c.commitment('2026-01-10T09:00:00Z', 'no-day', 'administration', '2026-02-30'),
      c.commitment('2026-01-10T09:00:00Z', 'fine', 'initiative', '2026-02-27'),
    ]),
    story('left-out', 'umwelt', (c) => [
      c.submitted('2026-01-05T09:00:00Z', 'initiative-9', 'umwelt'),
      c.awaited('2026-01-06T09:00:00Z', '2026-13-01'),
    ]),
    // Exactly on the limits: silent for 30 days at 2026-01-31's end (a tenant's dormancyDays), answered
    // 14 days to the millisecond after submission, a promise kept in the last millisecond of its day.
    story('on-the-dot', 'kultur', (c) => [c.submitted('2026-01-01T22:59:59.999Z', 'initiative-11', 'kultur')]),
    story('on-the-dot-answered', 'kultur', (c) => [
      c.submitted('2026-05-01T10:00:00Z', 'initiative-11', 'kultur'),
      c.acknowledged('2026-05-15T10:00:00Z'),
      c.commitment('2026-05-15T10:00:00Z', 'just-in-time', 'administration', '2026-06-01'),
      c.fulfilled('2026-06-01T21:59:59.999Z', 'just-in-time'),
    ]),
    story('submitted-later', 'umwelt', (c) => [c.submitted('2026-11-20T09:00:00Z', 'initiative-10', 'umwelt')]),
  ];
}

/** mulberry32: written out so that the stories stay the same whatever library changes its generator. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const PARTIES: readonly Party[] = ['administration', 'initiative'];
const LEVELS: readonly ParticipationLevel[] = ['inform', 'consult', 'involve', 'collaborate', 'empower'];
const OUTCOMES = ['completed', 'withdrawn', 'declined', 'merged'];
const CATEGORIES = ['kultur', 'umwelt', 'nachbarschaft'];
const STAFF = ['a', 'b', 'c', 'd'];

/** Random stories of a fixed seed: the mixtures and orders no one would tell one by one. */
function generatedStories(next: () => number, count: number): StoryRow[] {
  const random = seeded(20_260_101);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, n) => {
    const id = `generated-${String(n).padStart(2, '0')}`;
    const c = caseEvents(id, next);
    let at = Date.parse('2025-10-01T06:00:00Z') + int(0, 420) * DAY + int(0, 14) * 3_600_000;
    const iso = () => new Date(at).toISOString();
    const date = (offsetDays: number) => new Date(at + offsetDays * DAY).toISOString().slice(0, 10);
    const category = pick(CATEGORIES);
    const events: MetricsEvent[] = [c.submitted(iso(), `initiative-${int(1, 6)}`, category)];
    const commitments: string[] = [];
    const applications: string[] = [];
    for (let step = int(0, 14); step > 0; step--) {
      at += int(0, 40) * DAY + int(0, 23) * 3_600_000;
      const kind = int(0, 15);
      if (kind === 0) events.push(c.acknowledged(iso(), `unit-${int(1, 3)}`, pick(STAFF)));
      else if (kind === 1) events.push(c.assigned(iso(), pick(STAFF), `unit-${int(1, 3)}`));
      else if (kind <= 3) events.push(c.interaction(iso(), pick(STAFF), pick(PARTIES), pick(LEVELS)));
      else if (kind === 4) {
        commitments.push(`k${step}`);
        events.push(c.commitment(iso(), `k${step}`, pick(PARTIES), date(int(-3, 60))));
      } else if (kind === 5 && commitments.length) {
        const commitment = pick(commitments);
        const change = int(0, 2);
        if (change === 0) events.push(c.fulfilled(iso(), commitment));
        else if (change === 1) events.push(c.renegotiated(iso(), commitment, date(int(1, 90))));
        else events.push(c.withdrawn(iso(), commitment));
      } else if (kind === 6) {
        applications.push(`app${step}`);
        events.push(c.applied(iso(), `app${step}`));
      } else if (kind === 7 && applications.length)
        events.push(int(0, 1) ? c.awarded(iso(), pick(applications)) : c.rejected(iso(), pick(applications)));
      else if (kind === 8) events.push(c.supportAgreed(iso()));
      else if (kind === 9) events.push(int(0, 1) ? c.interimUseAgreed(iso()) : c.interimUseExtended(iso(), date(60)));
      else if (kind === 10) events.push(c.institutionalised(iso()));
      else if (kind === 11)
        events.push(c.feedback(iso(), pick(PARTIES), scores(int(1, 5), int(1, 5), int(1, 5), int(1, 5), int(1, 5))));
      else if (kind === 12) events.push(c.closed(iso(), pick(OUTCOMES)));
      else if (kind === 13) events.push(c.reopened(iso()));
      else if (kind === 14) events.push(int(0, 1) ? c.awaited(iso(), date(int(0, 30))) : c.awaited(iso()));
      else events.push(c.resumed(iso()));
    }
    return { id, category, history: foldCaseEvents(events) };
  });
}

/** The read model's rows of one tenant, in its order (by id), as the keeper walks them. */
export function keptCaseStories(): StoryRow[] {
  const next = positions();
  return [...toldStories(next), ...generatedStories(next, 60)].sort((a, b) => (a.id < b.id ? -1 : 1));
}
