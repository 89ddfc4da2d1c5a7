import { circusCases, festivalCases } from './cases-culture';
import {
  allianceCases,
  foodSharingCases,
  limeTreeCases,
  officeCases,
  repairCafeCases,
  villageShopCases,
} from './cases-neighbourhood';
import { dairyCases, gardenCases, vacantShopCases, ziegenbergCases } from './cases-places';
import { initiativeScripts } from './initiatives';
import { Script, StoryStep } from './script';
import { shiftStory } from './anchor';
import { fundScripts, unitScripts } from './units';

export type { StoryStep } from './script';

export { shiftToEndIn, storySpan, WRITTEN_END, WRITTEN_START } from './anchor';

/**
 * Musterstadt, three years: every command of the story in business-time order, moved by
 * `shiftDays` from the calendar it is written in (2023-2025; see shiftToEndIn). The same seed
 * always gives the same steps (ids, times, bodies); another seed gives another town with the same plot.
 */
export function buildStory(seed: number, shiftDays = 0): StoryStep[] {
  return shiftStory(writtenStory(seed), shiftDays);
}

function writtenStory(seed: number): StoryStep[] {
  const scripts: Script[] = [
    ...unitScripts(seed),
    ...fundScripts(seed),
    ...initiativeScripts(seed),
    ...[
      gardenCases,
      ziegenbergCases,
      vacantShopCases,
      dairyCases,
      festivalCases,
      circusCases,
      officeCases,
      allianceCases,
      repairCafeCases,
      limeTreeCases,
      villageShopCases,
      foodSharingCases,
    ]
      .flatMap((cases) => cases(seed))
      .flatMap((caseScript) => [caseScript, ...caseScript.grants]),
  ];
  // Stable: steps at the same instant keep the order of their scripts (each script is in order already).
  return scripts.flatMap((script) => script.steps).sort((a, b) => a.at.getTime() - b.at.getTime());
}
