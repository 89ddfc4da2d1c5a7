import type { EventCodec } from '@koproduktiv/personal-data';
import { streamIdFor, deciderFor } from '@koproduktiv/domain';
import type { EventStore } from '@koproduktiv/event-store';
import type { IdempotencyStore } from '@koproduktiv/platform';
import { CommandExecutor, react, reactingEventsOf } from '@koproduktiv/application';
import { demoUuid } from './random';
import { buildStory, shiftToEndIn, StoryStep } from './story';

export interface PlayOptions {
  readonly tenant: string;
  readonly seed: number;
  /** Last day (YYYY-MM-DD, inclusive, UTC) of the story to play; later steps are left out. */
  readonly until?: string;
  /** The executor's clock; steps after it are left out (business time may not lie in the future). */
  readonly now?: () => Date;
  /**
   * Days the written story moves (a multiple of 7). Default: as loaded before into this tenant, else
   * so that it ends in the month of now() (shiftToEndIn).
   */
  readonly shiftDays?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PlayResult {
  /** Commands sent through the command path. */
  readonly commands: number;
  /** Events appended by this run (0 when the story was loaded before). */
  readonly appended: number;
  /** Commands answered from an earlier run (same Idempotency-Key, nothing appended). */
  readonly alreadyLoaded: number;
  readonly streams: number;
  readonly streamsPerCategory: Readonly<Record<string, number>>;
  /** Days the story was moved from the calendar it is written in. */
  readonly shiftDays: number;
  /** Business time of the first and last command played. */
  readonly from: Date | null;
  readonly to: Date | null;
  readonly commandsPerType: Readonly<Record<string, number>>;
}

/** A step of the story that the command path refused; names the step so the story can be fixed. */
export class DemoStepFailed extends Error {
  constructor(
    readonly step: StoryStep,
    override readonly cause: unknown,
  ) {
    const code = (cause as { code?: unknown }).code;
    super(
      `Demo step ${step.key} (${step.command.type} at ${step.at.toISOString()}) was refused${typeof code === 'string' ? ` with ${code}` : ''}: ${(cause as Error).message ?? String(cause)}`,
    );
    this.name = 'DemoStepFailed';
  }
}

/** The actor every demo command is recorded with. */
export const DEMO_ACTOR = { subject: 'demo-data', role: 'clerk' } as const;

/**
 * Plays the Musterstadt story through the command path: every step is one CommandExecutor.execute
 * with its business time as occurredAt and an Idempotency-Key derived from seed and step, so the
 * domain's rules apply as for any clerk, and a second run appends nothing.
 */
export async function playStory(
  store: EventStore,
  idempotency: IdempotencyStore,
  codec: EventCodec,
  options: PlayOptions,
): Promise<PlayResult> {
  const now = options.now ?? (() => new Date());
  const limit = Math.min(options.until ? Date.parse(`${options.until}T23:59:59.999Z`) : Infinity, now().getTime());
  const shiftDays =
    options.shiftDays ??
    (await shiftLoadedBefore(store, options.tenant, options.seed)) ??
    shiftToEndNow(options.seed, now());
  const steps = buildStory(options.seed, shiftDays).filter((step) => step.at.getTime() <= limit);
  let appendedByThisCommand: boolean;
  const executor = new CommandExecutor(store, idempotency, codec, {
    clock: now,
    onAppended: () => (appendedByThisCommand = true),
  });
  const streams = new Map<string, string>();
  const commandsPerType: Record<string, number> = {};
  let appended = 0;
  let alreadyLoaded = 0;
  for (const [index, step] of steps.entries()) {
    appendedByThisCommand = false;
    const decider = deciderFor(step.command.type);
    try {
      const result = await executor.execute({
        tenant: options.tenant,
        actor: step.actor ? { ...DEMO_ACTOR, subject: step.actor } : DEMO_ACTOR,
        command: step.command,
        occurredAt: step.at,
        correlationId: demoUuid(options.seed, `correlation:${step.key.split('#')[0]}`),
        commandId: demoUuid(options.seed, `command:${step.key}`),
        idempotencyKey: `demo-${options.seed}-${step.key}`,
      });
      if (appendedByThisCommand) appended += result.events.length;
      else alreadyLoaded += 1;
      // While the service runs, its process manager reacts too; the Idempotency-Key lets only one append.
      for (const event of await reactingEventsOf(store, options.tenant, result)) {
        appendedByThisCommand = false;
        const reactions = await react(executor, event);
        if (appendedByThisCommand) appended += reactions.reduce((sum, reaction) => sum + reaction.events.length, 0);
      }
    } catch (error) {
      throw new DemoStepFailed(step, error);
    }
    streams.set(streamIdFor(decider.category, decider.aggregateIdOf(step.command)), decider.category);
    commandsPerType[step.command.type] = (commandsPerType[step.command.type] ?? 0) + 1;
    options.onProgress?.(index + 1, steps.length);
  }
  const streamsPerCategory: Record<string, number> = {};
  for (const category of streams.values()) streamsPerCategory[category] = (streamsPerCategory[category] ?? 0) + 1;
  return {
    commands: steps.length,
    appended,
    alreadyLoaded,
    streams: streams.size,
    streamsPerCategory,
    shiftDays,
    from: steps[0]?.at ?? null,
    to: steps.at(-1)?.at ?? null,
    commandsPerType,
  };
}

/** The shift that puts the story's last step into the month of `now`, as close before it as whole weeks allow. */
export const shiftToEndNow = (seed: number, now: Date): number =>
  shiftToEndIn(now, buildStory(seed).at(-1)!.at.toISOString().slice(0, 10));

/**
 * The shift the story was loaded with into this tenant before, read off its first event: a run in a
 * later month continues that story (and appends nothing it has) instead of starting another.
 */
async function shiftLoadedBefore(store: EventStore, tenant: string, seed: number): Promise<number | undefined> {
  const [first] = buildStory(seed);
  const decider = deciderFor(first.command.type);
  const [recorded] = await store.readStream(
    tenant,
    streamIdFor(decider.category, decider.aggregateIdOf(first.command)),
    { maxCount: 1 },
  );
  if (!recorded) return undefined;
  return Math.round((recorded.occurredAt.getTime() - first.at.getTime()) / 86_400_000);
}
