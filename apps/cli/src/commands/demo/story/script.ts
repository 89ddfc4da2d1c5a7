import type { DomainCommand, DomainCommandType } from '@koproduktiv/domain';
import { demoUuid, Random } from '../random';

/** One command of the story at its business time; `key` is stable and unique within the story. */
export interface StoryStep {
  readonly key: string;
  readonly at: Date;
  readonly command: DomainCommand;
  /** The clerk (token subject) who sends it, where it must be a particular one (four eyes); default: the demo's clerk. */
  readonly actor?: string;
}

export type DataOf<K extends DomainCommandType> = Extract<DomainCommand, { type: K }>['data'];

/** When a step happens: days after the previous step of the script, or a date `YYYY-MM-DD`. */
export type When = number | string;

const DAY_MS = 86_400_000;

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string =>
  dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));

/** Saturdays and Sundays move to the following Monday: the town hall works on weekdays. */
const workingDay = (day: string): string => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
};

/**
 * A sequence of commands on one timeline (an initiative, a unit, a case with its fund decisions).
 * Times move forward only, so each stream sees its commands in story order; the time of day comes
 * from the seeded PRNG (working hours, 08:30-16:30 in Germany).
 */
export class Script {
  readonly steps: StoryStep[] = [];
  readonly random: Random;
  private last: Date;

  /** `start`: a day, or the instant after which the script's first step comes. */
  constructor(
    readonly seed: number,
    readonly name: string,
    start: string | Date,
  ) {
    this.random = new Random(seed, name);
    this.last = typeof start === 'string' ? new Date(`${start}T00:00:00Z`) : start;
  }

  /** A deterministic id for a named thing of the story (same seed, same name: same id). */
  id(name: string): string {
    return demoUuid(this.seed, name);
  }

  /** The date of the latest step. */
  get day(): string {
    return dayOf(this.last);
  }

  /** The date `when` denotes, without sending anything. */
  dayAt(when: When): string {
    const day = typeof when === 'number' ? addDays(this.day, when) : when;
    if (day < this.day) throw new Error(`${this.name}: ${day} lies before the script's last step on ${this.day}`);
    return workingDay(day);
  }

  send<K extends DomainCommandType>(when: When, type: K, data: DataOf<K>, actor?: string): this {
    const day = this.dayAt(when);
    let at = new Date(Date.parse(`${day}T07:30:00Z`) + this.random.int(0, 8 * 60) * 60_000);
    if (at.getTime() <= this.last.getTime()) at = new Date(this.last.getTime() + this.random.int(5, 40) * 60_000);
    this.last = at;
    this.steps.push({
      key: `${this.name}#${String(this.steps.length + 1).padStart(3, '0')}`,
      at,
      command: { type, data } as DomainCommand,
      ...(actor ? { actor } : {}),
    });
    return this;
  }
}
