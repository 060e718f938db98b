/** The vocabulary every scenario, score and report shares. Text for each id lives in locales/<lng>/common.json. */

export const SKILLS = ['calm', 'notPersonal', 'empathy', 'concreteFix'] as const;
export type Skill = (typeof SKILLS)[number];
export type SkillVector = Record<Skill, number>;

export const OUTCOMES = ['resolved', 'escalated', 'customerLost', 'publicComplaint'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** P1–P19, described with their sources in docs/principles.md. */
export const PRINCIPLES = Array.from({ length: 19 }, (_, i) => `P${i + 1}`) as readonly string[];

export const CHANNELS = ['counter', 'phone', 'chat', 'social', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TEMPERAMENTS = ['shouting', 'sarcastic', 'tearful', 'threatening', 'persistent', 'extremist'] as const;
export type Temperament = (typeof TEMPERAMENTS)[number];

/** How much one reply can move one skill; authors pick from -3 (badly hurts) to +3 (clearly helps). */
export const SKILL_EFFECT_LIMIT = 3;

export function zeroSkills(): SkillVector {
  return { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 };
}

/** The customer's mood in five visible states, calm to furious; portraits and meter words follow them. */
export const MOOD_BANDS = ['calm', 'settled', 'tense', 'heated', 'furious'] as const;
export type MoodBand = (typeof MOOD_BANDS)[number];

export function moodBand(mood: number): MoodBand {
  const index = Math.min(MOOD_BANDS.length - 1, Math.max(0, Math.floor(mood / 20)));
  return MOOD_BANDS[index] as MoodBand;
}

/** The trainee's composure in three words, so the meter never speaks by colour alone. */
export function composureBand(composure: number): 'steady' | 'shaken' | 'rattled' {
  if (composure >= 70) return 'steady';
  return composure >= 40 ? 'shaken' : 'rattled';
}
