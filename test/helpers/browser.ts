import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The browser scripts/setup/browser.sh found, so tests need not look again. */
export const BROWSER_PATH_FILE = join(REPO, '.cache', 'browser-path');
export const SCREENSHOTS = join(REPO, 'test', '.artifacts', 'screenshots');

/** Flags for a quiet, offline-friendly headless Chromium (no sandbox: CI runs as root). */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** Candidates in order: $RUNFACTS_BROWSER, a system Chromium/Chrome, @sparticuz/chromium's binary. */
async function candidates(): Promise<string[]> {
  const found = [process.env.RUNFACTS_BROWSER ?? ''];
  found.push(...SYSTEM_NAMES.map(onPath).filter((p): p is string => p !== null));
  try {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    // Unpacks the brotli-compressed binary shipped inside the npm package (to /tmp once).
    found.push(await sparticuz.executablePath());
  } catch (error) {
    process.stderr.write(`@sparticuz/chromium gave no binary: ${(error as Error).message}\n`);
  }
  return found.filter((p) => p !== '');
}

/** True when the binary starts headless and renders a page. */
async function works(executablePath: string): Promise<boolean> {
  try {
    const browser = await chromium.launch({ executablePath, args: BROWSER_ARGS, timeout: 30_000 });
    try {
      const page = await browser.newPage();
      await page.setContent('<p>ok</p>');
      return (await page.textContent('p')) === 'ok';
    } finally {
      await browser.close();
    }
  } catch {
    return false;
  }
}

/** The browser scripts/setup/browser.sh found last, if it is still there. */
function rememberedBrowser(): string | null {
  const path = existsSync(BROWSER_PATH_FILE) ? readFileSync(BROWSER_PATH_FILE, 'utf8').trim() : '';
  return path !== '' && existsSync(path) ? path : null;
}

/**
 * The first browser that really launches (remembered in .cache/browser-path), or null. The
 * remembered one is tried again first; a cleaned /tmp sends the lookup round again.
 */
export async function findBrowser(): Promise<string | null> {
  const remembered = rememberedBrowser();
  if (remembered !== null && (await works(remembered))) return remembered;
  for (const path of await candidates()) {
    if (await works(path)) {
      mkdirSync(dirname(BROWSER_PATH_FILE), { recursive: true });
      writeFileSync(BROWSER_PATH_FILE, `${path}\n`);
      return path;
    }
  }
  return null;
}

/** Launches the browser scripts/setup/browser.sh found; throws saying how to get one. */
export async function launchBrowser(): Promise<Browser> {
  // The set-up already proved the remembered one launches; look again only when it is gone.
  const executablePath = rememberedBrowser() ?? (await findBrowser());
  if (executablePath === null) {
    throw new Error(
      'no working Chromium: run `bash scripts/setup/browser.sh` (npm test does), or set RUNFACTS_BROWSER to a Chrome/Chromium binary',
    );
  }
  return chromium.launch({ executablePath, args: BROWSER_ARGS });
}

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** URLs the page asked for on other hosts; each was refused. */
  blocked: string[];
  /** Errors thrown in the page (uncaught exceptions). */
  pageErrors: string[];
}

/**
 * A fresh context where every request to a host other than 127.0.0.1 fails, so a test proves
 * the page works with no network beyond the server under test.
 */
export async function offlinePage(browser: Browser): Promise<OfflinePage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
  });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === '127.0.0.1' || ['data:', 'blob:'].includes(url.protocol);
    if (local) return route.continue();
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, blocked, pageErrors };
}

/** Saves a full-page screenshot under test/.artifacts/screenshots and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core (from node_modules, injected into the page) run on it: serious and critical findings. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: Document,
            o: object,
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
