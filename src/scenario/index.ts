export { parseScenario, type ParseResult } from './parse.ts';
export { checkMissingText, checkScenarioText, type LocaleFile } from './checkLocales.ts';
export { decisionTextId, lineIds, requiredLineIds } from './lineIds.ts';
export { formatProblem, type Problem } from './problems.ts';
export type { ScenarioParts } from './salvage.ts';
export { ID_PATTERN, replyTargets, type Scenario, type ScenarioNode, type Reply, type Condition } from './schema.ts';
