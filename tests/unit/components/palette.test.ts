/**
 * The palette (components/palette.ts) and its mirror in components/base.css: the same colours in
 * both, and every text pair readable (WCAG AA, 4.5:1) in both themes. Also the density spacing:
 * base.css's --row-height must be the ROW_HEIGHT the thread list virtualises with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLOUR_NAMES, PALETTE, TEXT_PAIRS, UI_PAIRS, type ThemeName } from '@/components/palette';
import { ROW_HEIGHT } from '@/components/appearance';

const css = readFileSync(new URL('../../../components/base.css', import.meta.url), 'utf8');

/** The custom properties declared in the rule whose selector list ends with `selector`. */
function declarations(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  expect(at, `a rule for ${selector} in base.css`).toBeGreaterThanOrEqual(0);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** Relative luminance of #rrggbb (WCAG 2.x). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('contrast', () => {
  it('matches known ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe.each<ThemeName>(['light', 'dark'])('the %s palette', (theme) => {
  const colours = PALETTE[theme];

  it('is what base.css defines, property for property', () => {
    expect(declarations(`[data-theme='${theme}']`)).toEqual(Object.fromEntries(COLOUR_NAMES.map((name) => [name, colours[name]])));
  });

  it.each(TEXT_PAIRS.map(([fg, bg]) => [fg, bg] as const))('%s on %s reaches 4.5:1', (fg, bg) => {
    expect(contrast(colours[fg], colours[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS.map(([fg, bg]) => [fg, bg] as const))('%s on %s reaches 3:1', (fg, bg) => {
    expect(contrast(colours[fg], colours[bg])).toBeGreaterThanOrEqual(3);
  });
});

describe('density', () => {
  it.each(Object.entries(ROW_HEIGHT))('%s rows are ROW_HEIGHT high in base.css', (density, height) => {
    expect(declarations(`[data-density='${density}']`)['row-height']).toBe(`${height}px`);
  });

  it('compact is shorter', () => {
    expect(ROW_HEIGHT.compact).toBeLessThan(ROW_HEIGHT.comfortable);
  });
});
