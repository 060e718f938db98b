import type { StartScreen } from '../main.ts';

// Placeholder until the phone screen is built (this session's work on issue 14).
export const start: StartScreen = async (root) => {
  root.textContent = 'phone';
};
