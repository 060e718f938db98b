/**
 * Phaser measures a font (a fresh canvas, its context, a measureText) every time a Text object's
 * size changes, and the conversation's speech bubbles try several sizes to fit each line: the same
 * few fonts are measured again and again on the way to the first reply. A font's metrics depend only
 * on the font and the test string, so they are measured once per pair. vite.config.ts routes
 * Phaser's own `./MeasureText` here; CommonJS, as Phaser's modules require it.
 */
const measureText = require('phaser-src/gameobjects/text/MeasureText.js');

const measured = new Map();

module.exports = function measureTextOnce(textStyle) {
  const key = `${textStyle._font}\u0000${textStyle.testString}`;
  let metrics = measured.get(key);
  if (!metrics) {
    metrics = measureText(textStyle);
    measured.set(key, metrics);
  }
  // Each Text keeps and may adjust its own copy.
  return { ...metrics };
}
