import { circusCases, festivalCases } from './cases-culture';
import { allianceCases, foodSharingCases, limeTreeCases, officeCases, repairCafeCases, villageShopCases } from './cases-neighbourhood';
import { dairyCases, gardenCases, vacantShopCases, ziegenbergCases } from './cases-places';
import { initiativeScripts } from './initiatives';
import { Script, StoryStep } from './script';
import { fundScripts, unitScripts } from './units';

export type { StoryStep } from './script';

/** First and last day of the story (business time). */
export const STORY_START = '2023-01-02';
export const STORY_END = '2025-12-31';

/**
 * Musterstadt, 2023-2025: every command of the story in business-time order. The same seed always
 * gives the same steps (ids, times, bodies); another seed gives another town with the same plot.
 */
export function buildStory(seed: number): StoryStep[] {
  const scripts: Script[] = [
    ...unitScripts(seed),
    ...fundScripts(seed),
    ...initiativeScripts(seed),
    ...[gardenCases, ziegenbergCases, vacantShopCases, dairyCases, festivalCases, circusCases, officeCases, allianceCases, repairCafeCases, limeTreeCases, villageShopCases, foodSharingCases]
      .flatMap((cases) => cases(seed)),
  ];
  // Stable: steps at the same instant keep the order of their scripts (each script is in order already).
  return scripts.flatMap((script) => script.steps).sort((a, b) => a.at.getTime() - b.at.getTime());
}
