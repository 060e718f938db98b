export { parseScenario, type ParseResult } from './parse.ts';
export { checkScenarioText, type LocaleFile } from './checkLocales.ts';
export { lineIds, requiredLineIds } from './lineIds.ts';
export { formatProblem, type Problem } from './problems.ts';
export type { Scenario, ScenarioNode, Reply, Condition } from './schema.ts';
