/** Where a screen sends the trainee: a scene of the game and what it starts with. */
export interface Route {
  key: 'conversation' | 'menu' | 'debrief';
  /** Always given: Phaser starts a scene without data on its previous data, which may be a screen handed over once. */
  data: object;
}

/**
 * A screen that can start before Phaser is up (the menu, a deep link's conversation): it runs in
 * the DOM, and the scene that takes it over once Phaser has booted decides how the trainee leaves.
 */
export interface EarlyScreen {
  /** Where the trainee went before a scene took the screen over; that scene routes there on arrival. */
  exitedTo: Route | undefined;
  /** How the trainee leaves: the hosting scene's `scene.start`; before there is one, the screen just ends. */
  leave: (route: Route) => void;
  dispose(): void;
}
