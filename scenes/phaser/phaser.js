/**
 * The game's own Phaser build: only the parts the game uses (the game and its scenes, the scale
 * and input managers, the image and SVG loaders, textures, cameras, tweens, and the Graphics, Text
 * and Image game objects). Phaser's package entry bundles everything, physics and tilemaps
 * included, and that is most of the JavaScript a trainee waits for. vite.config.ts points
 * `phaser` here for every build, the benchmark's bare baseline included, so both sides of the
 * start-up comparison boot this same Phaser. The rest is registered by requiring it, as
 * Phaser's own custom builds do.
 */
// First: the renderers' modules require each other in a cycle that resolves only when it is entered here.
import 'phaser-src/renderer/index.js';
import CONST from 'phaser-src/const.js';
import Game from 'phaser-src/core/Game.js';
import Scene from 'phaser-src/scene/Scene.js';
import Scenes from 'phaser-src/scene/index.js';
import Scale from 'phaser-src/scale/index.js';
import Input from 'phaser-src/input/index.js';
import Loader from 'phaser-src/loader/index.js';
import Tweens from 'phaser-src/tweens/index.js';
import Graphics from 'phaser-src/gameobjects/graphics/Graphics.js';
import Image from 'phaser-src/gameobjects/image/Image.js';
import Text from 'phaser-src/gameobjects/text/Text.js';
// Requiring a plugin registers it: the core plugins every scene needs, then one factory per
// `scene.add.*` method the game calls (input, loader and tweens register through their indexes).
import 'phaser-src/events/EventEmitter.js';
import 'phaser-src/cameras/2d/CameraManager.js';
import 'phaser-src/gameobjects/GameObjectCreator.js';
import 'phaser-src/gameobjects/GameObjectFactory.js';
import 'phaser-src/scene/ScenePlugin.js';
import 'phaser-src/gameobjects/DisplayList.js';
import 'phaser-src/gameobjects/UpdateList.js';
import 'phaser-src/gameobjects/graphics/GraphicsFactory.js';
import 'phaser-src/gameobjects/image/ImageFactory.js';
import 'phaser-src/gameobjects/text/TextFactory.js';

export const { CANVAS, WEBGL, AUTO } = CONST;
export { Game, Scene, Scenes, Scale, Input, Loader, Tweens };
export const GameObjects = { Graphics, Image, Text };
