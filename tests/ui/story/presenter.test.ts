import { describe, expect, it } from 'vitest';
import { goScene, presenterCommand } from '../../../src/ui/story/keys';
import { presenterLayout, PRESENTER_MARGIN, slidePngScale } from '../../../src/ui/story/layout';

describe('presenterCommand', () => {
  it('maps arrows and clicker keys to next / previous', () => {
    for (const k of ['ArrowRight', 'PageDown', 'ArrowDown'])
      expect(presenterCommand(k)).toEqual({ type: 'go', to: 'next' });
    for (const k of ['ArrowLeft', 'PageUp', 'ArrowUp'])
      expect(presenterCommand(k)).toEqual({ type: 'go', to: 'previous' });
    expect(presenterCommand('Home')).toEqual({ type: 'go', to: 'first' });
    expect(presenterCommand('End')).toEqual({ type: 'go', to: 'last' });
    expect(presenterCommand('Escape')).toEqual({ type: 'exit' });
    expect(presenterCommand('f')).toEqual({ type: 'fullscreen' });
    expect(presenterCommand(' ')).toEqual({ type: 'play' });
    expect(presenterCommand('x')).toBeNull();
    expect(presenterCommand('Tab')).toBeNull();
  });
});

describe('goScene', () => {
  it('moves within 0..count-1 and clamps at both ends', () => {
    expect(goScene(0, 12, 'next')).toBe(1);
    expect(goScene(11, 12, 'next')).toBe(11);
    expect(goScene(0, 12, 'previous')).toBe(0);
    expect(goScene(5, 12, 'previous')).toBe(4);
    expect(goScene(5, 12, 'first')).toBe(0);
    expect(goScene(5, 12, 'last')).toBe(11);
    expect(goScene(40, 12, 'previous')).toBe(10);
    expect(goScene(3, 0, 'next')).toBe(0);
  });
});

describe('presenterLayout', () => {
  it('docks the caption on the right of a 16:9 projector with large type', () => {
    const l = presenterLayout({ width: 1920, height: 1080 });
    expect(l.dock).toBe('right');
    expect(l.dockSize).toBe(576);
    expect(l.captionPx).toBeGreaterThanOrEqual(26);
    expect(l.titlePx).toBeGreaterThan(l.captionPx);
    expect(l.padding).toEqual({
      top: PRESENTER_MARGIN,
      right: 576 + PRESENTER_MARGIN,
      bottom: PRESENTER_MARGIN,
      left: PRESENTER_MARGIN,
    });
  });

  it('docks at the bottom of a 4:3 or portrait screen and pads the camera for it', () => {
    for (const v of [
      { width: 1024, height: 900 },
      { width: 800, height: 1200 },
    ]) {
      const l = presenterLayout(v);
      expect(l.dock).toBe('bottom');
      expect(l.padding.bottom).toBe(l.dockSize + PRESENTER_MARGIN);
      expect(l.padding.right).toBe(PRESENTER_MARGIN);
    }
  });

  it('on a 4K screen at 100 % scaling the dock and type are those of 1920×1080, twice as large', () => {
    // 30 % of 3840 = 1152 px (within 380·2 … 680·2); caption 1152 / 20 = 57.6 → 58 px
    // (within 20·2 … 34·2), title 58 · 1.25 = 72.5 → 73 px.
    const l = presenterLayout({ width: 3840, height: 2160 });
    expect(l).toMatchObject({ dock: 'right', dockSize: 1152, captionPx: 58, titlePx: 73 });
    // At 1920×1080: 576 px, 28.8 → 29 px.
    expect(presenterLayout({ width: 1920, height: 1080 })).toMatchObject({
      dockSize: 576,
      captionPx: 29,
    });
    // A 2560×1440 screen: limits × 1.333: dock 768 px, caption 768 / 20 = 38.4 → 38 px.
    expect(presenterLayout({ width: 2560, height: 1440 })).toMatchObject({
      dockSize: 768,
      captionPx: 38,
    });
  });

  it('never leaves less than half the screen for the map', () => {
    for (const [w, h] of [
      [1280, 720],
      [1366, 768],
      [1920, 1200],
      [3840, 2160],
      [1024, 768],
      [600, 900],
    ] as const) {
      const l = presenterLayout({ width: w, height: h });
      const free = l.dock === 'right' ? (w - l.dockSize) / w : (h - l.dockSize) / h;
      expect(free).toBeGreaterThanOrEqual(0.5);
      expect(l.captionPx).toBeGreaterThanOrEqual(18);
    }
  });
});

describe('slide PNG size', () => {
  it('is 3840×2160 on a 4K screen, in CSS px or through the pixel ratio, else 1920×1080', () => {
    expect(slidePngScale({ width: 3840, height: 2160 }, 1)).toBe(2);
    expect(slidePngScale({ width: 1920, height: 1080 }, 2)).toBe(2);
    expect(slidePngScale({ width: 1920, height: 1080 }, 1)).toBe(1);
    expect(slidePngScale({ width: 1280, height: 800 }, 1)).toBe(1);
    // A phone: 390×844 CSS px at 3× is 1170×2532 device px: tall, so 4K.
    expect(slidePngScale({ width: 390, height: 844 }, 3)).toBe(2);
    expect(slidePngScale({ width: 1280, height: 800 }, Number.NaN)).toBe(1);
  });
});
