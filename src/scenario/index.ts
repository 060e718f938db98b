export { parseScenario, type ParseResult } from './parse.ts';
export { checkScenarioText, type LocaleFile } from './checkLocales.ts';
export { decisionTextId, lineIds, requiredLineIds } from './lineIds.ts';
export { formatProblem, type Problem } from './problems.ts';
export { replyTargets, type Scenario, type ScenarioNode, type Reply, type Condition } from './schema.ts';
