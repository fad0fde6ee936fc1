import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
// eslint-disable-next-line @typescript-eslint/no-require-imports
// Functions passed to page.evaluate run in the browser, where document exists; this file compiles for Node.
declare const document: any;
declare const getComputedStyle: (el: unknown) => { color: string; backgroundColor: string };
const { findBrowser, HOW_TO_ENABLE } = require('./find-browser') as { findBrowser(): string | null; HOW_TO_ENABLE: string };

/** Screenshots of every view, at desktop and phone width (gitignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'desk');
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 780 };

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Chromium from the OS (or CHROME_PATH), headless, in a new empty profile (its own user-data-dir),
 * with the background services that would reach out to the network turned off.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(HOW_TO_ENABLE);
  const profile = mkdtempSync(join(tmpdir(), 'desk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: DESKTOP,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(20_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves `<name>-desktop.png` and `<name>-375.png` of the page as it is now; fails if the view does not
 * fit 375 px or if visible text is below WCAG AA contrast (4.5:1).
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  const overflow = await horizontalOverflow(page);
  if (overflow > 0) throw new Error(`The ${name} view is ${overflow} px wider than a 375 px screen`);
  const poor = await lowContrastText(page);
  if (poor.length > 0) throw new Error(`The ${name} view has text below 4.5:1 contrast: ${poor.join('; ')}`);
  const files = [];
  for (const [suffix, viewport] of [['desktop', DESKTOP], ['375', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    const path = join(SCREENSHOTS, `${name}-${suffix}.png`);
    await page.screenshot({ path, fullPage: true });
    files.push(path);
  }
  await page.setViewportSize(DESKTOP);
  return files;
}

/** How far the page scrolls sideways at 375 px (0: everything fits the phone's width). */
export async function horizontalOverflow(page: Page): Promise<number> {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(DESKTOP);
  return overflow;
}

/** Visible text (enabled controls included) whose colour on its background is below 4.5:1, as "text (ratio)". */
export function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((c) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const background = (el: any): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const color = rgb(getComputedStyle(node).backgroundColor);
        if (color.length >= 3 && (color[3] ?? 1) > 0.5) return color;
      }
      return [255, 255, 255];
    };
    const poor: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n: any) => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('[disabled], [aria-hidden="true"], .sr') || !el.getClientRects().length) continue;
      const a = luminance(rgb(getComputedStyle(el).color));
      const b = luminance(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) poor.push(`${el.textContent.trim().slice(0, 30)} (${ratio.toFixed(2)})`);
    }
    return poor;
  });
}
