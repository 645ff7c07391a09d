#!/usr/bin/env node
// browser-screenshot.mjs drives headless Chromium (Debian's package) against
// the Neo4j Browser that the dev server serves: it connects to Bolt with the
// kg credentials, applies configs/neo4j/style.grass with `:style <grass>`,
// runs a query, waits for the graph visualization to settle, points at one
// node so the inspector shows its properties (both scripts), and saves a
// PNG. It fails, naming the step, if any step does not complete.
//
//   apt-get install -y chromium fonts-noto-cjk     # once; the fonts draw Hangul
//   (cd scripts && npm ci)                         # playwright-core, no browser download
//   scripts/neo4j-dev start && eval "$(scripts/neo4j-dev env)"
//   go run ./cmd/kg build --neo4j testdata/docs/altman-seoul-2025-02-04.txt
//   node scripts/browser-screenshot.mjs            # writes docs/who-met-whom.png
//
// Settings (environment): KG_BROWSER_URL (http://127.0.0.1:7474/browser/),
// KG_NEO4J_URI, KG_NEO4J_USER, KG_NEO4J_PASSWORD, KG_NEO4J_DATABASE,
// KG_SCREENSHOT_QUERY (the who-met-whom query), KG_SCREENSHOT_SELECT (the
// caption of the node to point at, "Sam Altman"; empty: none),
// KG_SCREENSHOT_OUT (docs/who-met-whom.png), KG_SCREENSHOT_WIDTH and
// KG_SCREENSHOT_HEIGHT (1400x900), KG_GRASS (configs/neo4j/style.grass),
// CHROMIUM (/usr/bin/chromium), KG_DEBUG (print the style in effect).
// On failure it saves the page as it was to $TMPDIR/kg-browser-failed.png.

import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = (k, d) => (process.env[k] === undefined ? d : process.env[k]);
const cfg = {
  browserURL: env('KG_BROWSER_URL', 'http://127.0.0.1:7474/browser/'),
  uri: env('KG_NEO4J_URI', 'bolt://127.0.0.1:7687'),
  user: env('KG_NEO4J_USER', 'neo4j'),
  password: env('KG_NEO4J_PASSWORD', ''),
  database: env('KG_NEO4J_DATABASE', 'neo4j'),
  query: env('KG_SCREENSHOT_QUERY', 'MATCH (a:Person)-[m:MET]-(b:Person) RETURN a, m, b'),
  select: env('KG_SCREENSHOT_SELECT', 'Sam Altman'),
  grass: env('KG_GRASS', join(root, 'configs/neo4j/style.grass')),
  out: resolve(env('KG_SCREENSHOT_OUT', join(root, 'docs/who-met-whom.png'))),
  chromium: env('CHROMIUM', '/usr/bin/chromium'),
  width: Number(env('KG_SCREENSHOT_WIDTH', '1400')),
  height: Number(env('KG_SCREENSHOT_HEIGHT', '900')),
};
if (!cfg.password) {
  console.error('browser-screenshot: KG_NEO4J_PASSWORD is not set; run eval "$(scripts/neo4j-dev env)"');
  process.exit(2);
}

let step = 'start';
const log = (s) => { step = s; console.error(`browser-screenshot: ${s}`); };

const profile = mkdtempSync(join(tmpdir(), 'kg-chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: cfg.width, height: cfg.height },
  locale: 'en-US',
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
try {
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) console.error(`browser-screenshot: console: ${m.text()}`); });
  page.on('pageerror', (err) => console.error(`browser-screenshot: page error: ${err.stack ?? err.message}`));

  log(`open ${cfg.browserURL}`);
  await page.goto(cfg.browserURL, { waitUntil: 'domcontentloaded' });

  // The connect form of `:server connect`: scheme, host:port, user, password.
  log(`connect to ${cfg.uri} as ${cfg.user}`);
  const u = new URL(cfg.uri);
  await page.getByTestId('boltaddress').waitFor();
  await page.getByTestId('bolt-scheme-select').selectOption(`${u.protocol}//`);
  await page.getByTestId('boltaddress').fill(u.host);
  await page.getByTestId('database').fill(cfg.database);
  await page.getByTestId('username').fill(cfg.user);
  await page.getByTestId('password').fill(cfg.password);
  await page.getByTestId('connect').click();
  await page.getByText('You are connected as user').first().waitFor();

  // run pastes text into the command editor and runs it. A paste keeps
  // newlines and braces exactly as written: typed text would press Enter
  // and get the editor's auto-closed brackets.
  const run = async (text) => {
    const editor = page.getByTestId('activeEditor');
    await editor.click();
    await editor.locator('textarea').evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await page.getByTestId('editor-Run').click();
  };

  log(`apply ${cfg.grass} with :style`);
  const grass = readFileSync(cfg.grass, 'utf8');
  await run(`:style ${grass}`);
  // The style frame lists the rules in effect: they must be the file's,
  // in order. A rule Browser misread (its GraSS reader knows no comments
  // and would fold one into the next selector) shows up here.
  const styleFrame = page.getByTestId('frame').first();
  await styleFrame.locator('pre').waitFor();
  const applied = await styleFrame.locator('pre').innerText();
  if (process.env.KG_DEBUG) console.error(applied);
  const want = grass.match(/^[a-z][\w.]*(?=\s*\{)/gm);
  const got = applied.match(/^\S*(?= \{)/gm);
  if (want.join(' ') !== got.join(' ')) {
    throw new Error(`the style in effect has rules ${got.join(' ')}, want ${want.join(' ')}:\n${applied}`);
  }

  log('clear the stream');
  await run(':clear');
  await page.getByTestId('frame').first().waitFor({ state: 'detached' }).catch(() => {});

  log(`run ${cfg.query}`);
  await run(cfg.query);
  const frame = page.getByTestId('frame').first();
  const nodes = frame.locator('svg g.node');
  await nodes.first().waitFor();
  // The frame fills the window, and the picture is fitted to it once the
  // force layout has settled (the node positions stop changing).
  await frame.getByTitle('Fullscreen', { exact: true }).click();
  const settle = async () => {
    let last = '';
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(500);
      const now = (await nodes.evaluateAll((ns) => ns.map((n) => n.getAttribute('transform')))).join(';');
      if (now === last) return;
      last = now;
    }
  };
  await settle();
  await frame.getByLabel('zoom-to-fit').click();
  await page.waitForTimeout(1000);
  const count = await nodes.count();
  const rels = await frame.locator('svg g.relationship').count();
  console.error(`browser-screenshot: ${count} nodes, ${rels} relationships drawn`);

  if (cfg.select) {
    // Hovering shows the node's properties in the inspector while the
    // pointer stays (a click would also open the node's ring menu over its
    // relationships).
    log(`show the properties of ${cfg.select}`);
    const node = nodes.filter({ has: page.locator('text', { hasText: cfg.select.split(' ')[0] }) }).first();
    await node.locator('circle').last().hover({ force: true });
    await frame.getByText('Node properties').waitFor();
    await page.waitForTimeout(300);
  }

  log(`save ${cfg.out}`);
  await frame.screenshot({ path: cfg.out });
  console.log(cfg.out);
} catch (err) {
  console.error(`browser-screenshot: ${step}: ${err.message}`);
  const shot = join(tmpdir(), 'kg-browser-failed.png');
  await page.screenshot({ path: shot, fullPage: true }).then(() => console.error(`browser-screenshot: the page as it was: ${shot}`), () => {});
  process.exitCode = 1;
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
