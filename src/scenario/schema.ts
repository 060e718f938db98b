import { z } from 'zod';
import { CHANNELS, OUTCOMES, PRINCIPLES, SKILL_EFFECT_LIMIT, TEMPERAMENTS } from '../rubric.ts';
import { expectedFound } from './problems.ts';

/** Ids become i18next keys and record fields, so keep them plain: lowercase words joined by _ or -. */
const ID_WORD = '[a-z][a-z0-9_-]*';
/** A scenario, node, reply or line id; a scenario's id is also its file name and its URL parameter. */
export const ID_PATTERN = new RegExp(`^${ID_WORD}$`);

/** A string the pattern accepts; `expected` says what it should look like. */
function pattern(regex: RegExp, expected: string) {
  const error = (issue: { input?: unknown }) => expectedFound(expected, issue.input);
  return z.string({ error }).regex(regex, { error });
}

/** Every range and type problem of a number gets one message that states the whole rule. */
function wholeNumber(min: number, max?: number) {
  const expected = max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  const error = (issue: { input?: unknown }) => expectedFound(expected, issue.input);
  const atLeast = z.int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
}

export const IdSchema = pattern(ID_PATTERN, 'an id (lowercase letters, digits, "_" or "-", starting with a letter)');
const Percent = wholeNumber(0, 100);
const Delta = wholeNumber(-100, 100);
const SkillEffect = wholeNumber(-SKILL_EFFECT_LIMIT, SKILL_EFFECT_LIMIT);
const Seconds = wholeNumber(0, 3600);
/** "node.reply": a reply the trainee may or may not have given earlier in the conversation. */
const ReplyRef = pattern(new RegExp(`^${ID_WORD}\\.${ID_WORD}$`), 'a reply reference written as "node.reply"');

const Principle = z.string().refine((p) => PRINCIPLES.includes(p), {
  error: (issue) => `unknown principle "${String(issue.input)}" (use P1–P19 from docs/principles.md)`,
});

/** A check across fields also runs when a field is wrong, so one run reports both. */
const evenWithOtherProblems = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

/** Every skill must be stated, even as 0: a zero is an author's judgement, not an omission. */
export const SkillEffectsSchema = z.strictObject({
  calm: SkillEffect,
  notPersonal: SkillEffect,
  empathy: SkillEffect,
  concreteFix: SkillEffect,
});

/** All stated parts must hold. Mood and composure are read after the reply's own changes. */
export const ConditionSchema = z
  .strictObject({
    moodAtLeast: Percent.optional(),
    moodBelow: Percent.optional(),
    composureAtLeast: Percent.optional(),
    composureBelow: Percent.optional(),
    said: z.array(ReplyRef).min(1).optional(),
    notSaid: z.array(ReplyRef).min(1).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'a condition needs at least one test, e.g. moodAtLeast: 80');

const RouteSchema = z.strictObject({ if: ConditionSchema.optional(), to: IdSchema });

const NEXT_RULE = 'a node id, or a list of routes { if?: condition, to: node } whose last has no "if"';

/** A list of node ids reads naturally but means nothing: say so once instead of failing each entry. */
const RouteList = z
  .array(z.unknown())
  .refine((list) => list.length === 0 || list.some((entry) => typeof entry !== 'string'), {
    error: (issue) => {
      const first = String((issue.input as string[])[0]);
      return `expected ${NEXT_RULE}, found a list of plain node ids (write "next: ${first}" for one node, or "- to: ${first}" for each route)`;
    },
    abort: true,
  })
  .pipe(
    z.array(RouteSchema).min(1).superRefine((routes, ctx) => {
      if (routes.at(-1)?.if !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'the last route must have no "if", so the conversation can always go on', path: [routes.length - 1, 'if'] });
      }
    }),
  );

/** Either one node id, or routes tried in order; the last route has no `if` so there is always a way on. */
export const NextSchema = z.union([IdSchema, RouteList], { error: (issue) => expectedFound(NEXT_RULE, issue.input) });

export const ReplySchema = z.strictObject({
  id: IdSchema,
  skills: SkillEffectsSchema,
  /** Change of the customer's mood (0 calm … 100 furious); negative cools them down. */
  mood: Delta,
  /** Change of the trainee's own composure, e.g. arguing back drains it. */
  composure: Delta.default(0),
  teaches: z.array(Principle).min(1, 'name at least one principle this reply teaches'),
  /** The reply is offered only while this holds (before the reply is given). */
  when: ConditionSchema.optional(),
  /** Shown but locked until composure is at least this: a rattled trainee must take a breath first. */
  needsComposure: Percent.optional(),
  /** Simulated seconds the reply takes. */
  seconds: Seconds.default(20),
  next: NextSchema,
});

const VariantSchema = z.strictObject({ if: ConditionSchema, line: IdSchema });

export const NodeSchema = z
  .strictObject({
    /** Change of the trainee's composure when the customer says this line (an insult stings). */
    composure: Delta.default(0),
    /** Alternative customer lines for this node, first match wins; otherwise the node's `line`. */
    variants: z.array(VariantSchema).min(1).optional(),
    replies: z.array(ReplySchema).min(1).optional(),
    ending: z.enum(OUTCOMES).optional(),
  })
  .superRefine((node, ctx) => {
    if ((node.replies === undefined) === (node.ending === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a node has either "replies" (the conversation goes on) or "ending" (it stops), not both or neither' });
    }
    if (node.ending !== undefined && node.variants !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'an ending has one closing line; "variants" are for nodes with replies', path: ['variants'] });
    }
  }, evenWithOtherProblems);

/** `.prefault({})` runs an absent breath through the schema, so each default is stated once, here. */
export const BreathSchema = z
  .strictObject({
    /** Simulated time the pause costs (P1 suggests about two minutes). */
    seconds: Seconds.default(120),
    composureGain: Percent.default(40),
    /** The pause is well timed when composure is below this; otherwise it only keeps the customer waiting. */
    neededBelow: Percent.default(50),
  })
  .prefault({});

export const TimerSchema = z.strictObject({
  /** Seconds the trainee has to answer each customer line; the browser shows a countdown. */
  seconds: wholeNumber(5, 300),
  /** How much the customer's mood rises when the time runs out and the trainee said nothing. */
  mood: Delta.default(10),
});

export const ScenarioSchema = z.strictObject({
  id: IdSchema,
  /** Bump when structure changes so stored attempts can tell which version they were played on. */
  version: wholeNumber(1),
  channel: z.enum(CHANNELS),
  difficulty: wholeNumber(1, 3),
  temperament: z.enum(TEMPERAMENTS),
  mood: Percent,
  composure: Percent.default(100),
  /** When mood reaches this after any reply, the conversation goes to `to` whatever the reply's own route. */
  breakingPoint: z.strictObject({ moodAtLeast: Percent, to: IdSchema }).optional(),
  breath: BreathSchema,
  /** Optional time pressure: with it, running out of time is a decision too (silence). */
  timer: TimerSchema.optional(),
  start: IdSchema,
  nodes: z.record(IdSchema, NodeSchema).refine((nodes) => Object.keys(nodes).length > 0, 'a scenario needs at least one node'),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioNode = z.infer<typeof NodeSchema>;
export type Reply = z.infer<typeof ReplySchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Next = z.infer<typeof NextSchema>;

/** Every node a reply can lead to, in the order its routes are tried. */
export const replyTargets = (reply: Pick<Reply, 'next'>): string[] => (typeof reply.next === 'string' ? [reply.next] : reply.next.map((route) => route.to));
