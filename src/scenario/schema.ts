import { z } from 'zod';
import { CHANNELS, OUTCOMES, PRINCIPLES, SKILL_EFFECT_LIMIT, TEMPERAMENTS } from '../rubric.ts';

/** Ids become i18next keys and record fields, so keep them plain: lowercase words joined by _ or -. */
const Id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'ids use lowercase letters, digits, "_" or "-" and start with a letter');
const Percent = z.number().int('must be a whole number').min(0).max(100);
const Delta = z.number().int('must be a whole number').min(-100).max(100);
const SkillEffect = z.number().int('must be a whole number').min(-SKILL_EFFECT_LIMIT).max(SKILL_EFFECT_LIMIT);
/** "node.reply": a reply the trainee may or may not have given earlier in the conversation. */
const ReplyRef = z.string().regex(/^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_-]*$/, 'write a reply reference as "node.reply"');

const Principle = z.string().refine((p) => PRINCIPLES.includes(p), {
  error: (issue) => `unknown principle "${String(issue.input)}" (use P1–P19 from principles.md)`,
});

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

const RouteSchema = z.strictObject({ if: ConditionSchema.optional(), to: Id });

/** Either one node id, or routes tried in order; the last route has no `if` so there is always a way on. */
const NextSchema = z.union([Id, z.array(RouteSchema).min(1)]).superRefine((next, ctx) => {
  if (Array.isArray(next) && next.at(-1)?.if !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'the last route must have no "if", so the conversation can always go on', path: [next.length - 1, 'if'] });
  }
});

export const ReplySchema = z.strictObject({
  id: Id,
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
  seconds: z.number().int().min(0).max(3600).default(20),
  next: NextSchema,
});

const VariantSchema = z.strictObject({ if: ConditionSchema, line: Id });

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
  });

export const BreathSchema = z.strictObject({
  /** Simulated time the pause costs (P1 suggests about two minutes). */
  seconds: z.number().int().min(0).max(3600).default(120),
  composureGain: Percent.default(40),
  /** The pause is well timed when composure is below this; otherwise it only keeps the customer waiting. */
  neededBelow: Percent.default(50),
});

export const TimerSchema = z.strictObject({
  /** Seconds the trainee has to answer each customer line; the browser shows a countdown. */
  seconds: z.number().int().min(5).max(300),
  /** How much the customer's mood rises when the time runs out and the trainee said nothing. */
  mood: Delta.default(10),
});

export const ScenarioSchema = z.strictObject({
  id: Id,
  /** Bump when structure changes so stored attempts can tell which version they were played on. */
  version: z.number().int().min(1),
  channel: z.enum(CHANNELS),
  difficulty: z.number().int().min(1).max(3),
  temperament: z.enum(TEMPERAMENTS),
  mood: Percent,
  composure: Percent.default(100),
  /** When mood reaches this after any reply, the conversation goes to `to` whatever the reply's own route. */
  breakingPoint: z.strictObject({ moodAtLeast: Percent, to: Id }).optional(),
  breath: BreathSchema.default({ seconds: 120, composureGain: 40, neededBelow: 50 }),
  /** Optional time pressure: with it, running out of time is a decision too (silence). */
  timer: TimerSchema.optional(),
  start: Id,
  nodes: z.record(Id, NodeSchema).refine((nodes) => Object.keys(nodes).length > 0, 'a scenario needs at least one node'),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioNode = z.infer<typeof NodeSchema>;
export type Reply = z.infer<typeof ReplySchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Next = z.infer<typeof NextSchema>;

/** Every node a reply can lead to, in the order its routes are tried. */
export const replyTargets = (reply: Pick<Reply, 'next'>): string[] => (typeof reply.next === 'string' ? [reply.next] : reply.next.map((route) => route.to));
