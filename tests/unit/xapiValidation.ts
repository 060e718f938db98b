import validateStatement from '@learninglocker/xapi-validation';

/** Problems with a statement against the xAPI 1.0.3 specification (Learning Locker's conformance-tested validator); empty when valid. */
export function xapiProblems(statement: unknown): string[] {
  // The package is CommonJS: under Node's loader its default export arrives one level down.
  const validate = (validateStatement as unknown as { default?: typeof validateStatement }).default ?? validateStatement;
  return validate(statement).map((warning) => `${warning.constructor.name} at ${warning.path.join('.')}`);
}
