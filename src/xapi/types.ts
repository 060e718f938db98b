/** The parts of an xAPI 1.0.3 statement this profile writes (not the whole specification). */

export type LanguageMap = Record<string, string>;
export type Extensions = Record<string, unknown>;

export interface XapiAgent {
  objectType: 'Agent';
  /** Only when the deployment chose to send names: by default a trainee is an account id alone. */
  name?: string;
  account: { homePage: string; name: string };
}

export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition?: {
    type?: string;
    name?: LanguageMap;
    interactionType?: 'choice';
    choices?: { id: string; description?: LanguageMap }[];
  };
}

export interface XapiResult {
  score?: { scaled: number; raw: number; min: number; max: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Extensions;
}

export interface XapiContext {
  registration?: string;
  platform?: string;
  language?: string;
  contextActivities?: { parent?: XapiActivity[]; grouping?: XapiActivity[]; category?: XapiActivity[] };
  extensions?: Extensions;
}

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: LanguageMap };
  object: XapiActivity;
  result?: XapiResult;
  context: XapiContext;
  timestamp: string;
}
