import { describe, expect, it } from 'vitest';
import { theme } from 'antd';
import { consoleTheme } from './console-theme';

/** sRGB channels (0–255) and alpha of a CSS colour as antd writes them: #rrggbb or rgba(). */
function parse(color: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16), 1];
  const rgba = /^rgba?\(([^)]+)\)$/.exec(color.replace(/\s+/g, ''));
  if (!rgba) throw new Error(`unexpected colour ${color}`);
  const [r = 0, g = 0, b = 0, a = 1] = rgba[1]!.split(',').map(Number);
  return [r, g, b, a];
}

function luminance([r, g, b]: number[]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

/** WCAG contrast of a (possibly translucent) text colour over an opaque background. */
function contrast(text: string, background: string): number {
  const [r, g, b, a] = parse(text);
  const bg = parse(background);
  const over = [r, g, b].map((v, i) => v * a + bg[i]! * (1 - a));
  const [hi, lo] = [luminance(over), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_TOKENS = [
  'colorText',
  'colorTextSecondary',
  'colorTextTertiary',
  'colorTextDescription',
  'colorLink',
  'colorPrimaryText',
  'colorInfoText',
  'colorSuccessText',
  'colorWarningText',
  'colorErrorText',
] as const;

describe.each(['light', 'dark'] as const)('the %s theme', (scheme) => {
  const token = theme.getDesignToken(consoleTheme(scheme));

  it('gives every kind of text at least 4.5:1 on the panels and the page (WCAG AA)', () => {
    const low = TEXT_TOKENS.flatMap((name) =>
      (['colorBgContainer', 'colorBgLayout'] as const)
        .map((bg) => ({ name, bg, ratio: Math.round(contrast(token[name], token[bg]) * 100) / 100 }))
        .filter((c) => c.ratio < 4.5),
    );
    expect(low).toEqual([]);
  });

  it('gives the words of status tags (processing, success, warning, error) and warning text 4.5:1 on their tint and on the panels', () => {
    const low = (['Info', 'Success', 'Warning', 'Error'] as const).flatMap((kind) =>
      ([`color${kind}Bg`, 'colorBgContainer', 'colorBgLayout'] as const)
        .map((bg) => ({ kind, bg, ratio: Math.round(contrast(token[`color${kind}`], token[bg]) * 100) / 100 }))
        .filter((c) => c.ratio < 4.5),
    );
    expect(low).toEqual([]);
  });

  it('keeps white text on the primary buttons readable', () => {
    expect(contrast('#ffffff', token.colorPrimary)).toBeGreaterThanOrEqual(4.5);
  });
});
