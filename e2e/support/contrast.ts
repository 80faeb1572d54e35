/// <reference lib="dom" />
import type { Locator } from '@playwright/test';

/**
 * WCAG contrast of an element's text as the browser draws it: its computed colour over the
 * backgrounds of it and its ancestors composited from the page down (translucent ones blended).
 */
export async function textContrast(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const parse = (css: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m) throw new Error(`unexpected colour ${css}`);
      const [r = 0, g = 0, b = 0, a = 1] = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!));
    const layers: string[] = [];
    for (let node: Element | null = el; node; node = node.parentElement) layers.push(getComputedStyle(node).backgroundColor);
    // Under everything, the canvas: white unless the page says otherwise.
    let bg = [255, 255, 255];
    for (const layer of layers.reverse()) bg = over(parse(layer), bg);
    const text = over(parse(getComputedStyle(el).color), bg);
    const luminance = (c: number[]) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [hi, lo] = [luminance(text), luminance(bg)].sort((x, y) => y - x) as [number, number];
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  });
}
