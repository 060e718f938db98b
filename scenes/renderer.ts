import * as Phaser from 'phaser';

/**
 * WebGL where there is a real GPU; Canvas where WebGL is missing or runs in software
 * (SwiftShader, llvmpipe), where Canvas draws this game many times faster.
 * `?renderer=webgl` or `?renderer=canvas` overrides the choice.
 */
export function chooseRenderer(requested: string | null): number {
  if (requested === 'canvas') return Phaser.CANVAS;
  if (requested === 'webgl') return Phaser.WEBGL;
  const probe = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!probe) return Phaser.CANVAS;
  const info = probe.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? probe.getParameter(info.UNMASKED_RENDERER_WEBGL) : probe.getParameter(probe.RENDERER));
  probe.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? Phaser.CANVAS : Phaser.WEBGL;
}
