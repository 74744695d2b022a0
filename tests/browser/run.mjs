// nea-kg serve in a real browser: Debian's headless Chromium, driven by playwright-core
// (which never downloads a browser of its own), with axe-core for accessibility.
//
//   node tests/browser/run.mjs target/release/nea-kg [--shots DIR] [--readme-shot FILE]
//
// Starts `nea-kg serve --bind 127.0.0.1:0` on the embedded article and on the hostile
// test article (tests/data/hostile), reads the URLs they print, and checks in the DOM:
// every evidence span of the graph is drawn with its words and its link; a click on a
// highlight lands on its resource; a focused highlight shows its note; the filters hide
// a kind; a shipped query runs from the query page; axe-core finds no serious or
// critical violation on any page (nor in the report of `export --format html`); the
// hostile article's markup is shown as text and never runs; no request leaves the
// machine. Screenshots of the article and a resource page go to --shots (default
// target/ci-logs). Every server and the browser are stopped at the end, and the whole
// run is killed after 8 minutes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const binary = resolve(args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? join(root, 'target/release/nea-kg'));
const shots = resolve(option('--shots', join(root, 'target/ci-logs')));
const readmeShot = option('--readme-shot', null);
mkdirSync(shots, { recursive: true });

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LIFE_MS = 8 * 60 * 1000;

/** Starts `nea-kg serve` on a free port; resolves with its origin once it prints it. */
function serve(extra = []) {
  const child = spawn(binary, ['serve', '--bind', '127.0.0.1:0', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const origin = new Promise((resolveOrigin, reject) => {
    const timer = setTimeout(() => reject(new Error(`nea-kg serve printed no URL:\n${log}`)), 30000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolveOrigin(`http://${m[1]}`);
      }
    });
    child.on('exit', (code) => reject(new Error(`nea-kg serve exited (${code}):\n${log}`)));
  });
  return { child, origin, log: () => log };
}

const hostileArgs = ['article.txt', 'facts.toml', 'entities.toml'].map((f) => join(root, 'tests/data/hostile', f));
const servers = [];
let main;
let hostile;
let context;
const outside = [];
const profile = mkdtempSync(join(tmpdir(), 'nea-kg-chromium-'));

const killer = setTimeout(() => {
  console.error('browser tests: still running after 8 minutes: stopped');
  for (const s of servers) s.child.kill('SIGKILL');
  process.exit(1);
}, LIFE_MS);
killer.unref();

before(async () => {
  main = serve();
  hostile = serve(['--article', hostileArgs[0], '--facts', hostileArgs[1], '--entities', hostileArgs[2]]);
  servers.push(main, hostile);
  main.url = await main.origin;
  hostile.url = await hostile.origin;
  // A fresh profile of its own, and the flags that keep Chromium from calling home.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    // axe-core is injected into pages whose policy forbids every script; with the
    // policy bypassed, the hostile test proves the escaping alone keeps data inert.
    bypassCSP: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // Nothing may load from the network: anything not on this machine is refused, and noted.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'file:' || url.hostname === '127.0.0.1') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
});

after(async () => {
  await context?.close();
  for (const s of servers) {
    s.child.kill('SIGTERM');
  }
  await new Promise((r) => setTimeout(r, 300));
  for (const s of servers) {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(killer);
});

/** A SPARQL SELECT against a server, as rows of { variable: value }. */
async function select(origin, query) {
  const res = await fetch(`${origin}/sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: query,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const json = await res.json();
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

/** axe-core on the page: the violations that are serious or critical. */
async function seriousViolations(page) {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const base = 'https://w3id.org/nea-kg';

test('the article page draws every evidence span of the graph with its words and its link', async () => {
  const spans = await select(main.url, `
    SELECT ?x ?start ?end ?exact WHERE {
      ?x prov:wasDerivedFrom ?ev . ?ev oa:hasSelector ?p, ?q .
      ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
      ?q a oa:TextQuoteSelector ; oa:exact ?exact }`);
  assert.ok(spans.length > 150, `${spans.length} spans`);
  const page = await context.newPage();
  await page.goto(`${main.url}/`);
  const drawn = await page.evaluate(() => {
    // The words of each span: the text of its marks, less the notes inside them.
    const words = (mark) => {
      let text = '';
      const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) text += node.data;
        else if (!(node.classList && node.classList.contains('tip'))) node.childNodes.forEach(walk);
      };
      walk(mark);
      return text;
    };
    const bySpan = {};
    for (const m of document.querySelectorAll('.text mark[data-span]')) {
      const id = m.dataset.span;
      bySpan[id] ??= { start: m.dataset.start, end: m.dataset.end, href: m.dataset.href, text: '' };
      bySpan[id].text += words(m);
    }
    const links = [...document.querySelectorAll('.text a[href]')].map((a) => a.getAttribute('href'));
    return { spans: Object.values(bySpan), links: [...new Set(links)] };
  });
  for (const s of spans) {
    const href = s.x.slice(base.length);
    const found = drawn.spans.find((d) => d.start === s.start && d.end === s.end && d.href === href);
    assert.ok(found, `no mark for ${href} at ${s.start}-${s.end}`);
    assert.equal(found.text, s.exact, `the words of ${href}`);
    assert.ok(drawn.links.includes(href), `no link to ${href}`);
  }
  await page.screenshot({ path: join(shots, 'article.png'), fullPage: true });
  if (readmeShot) {
    // With one highlight focused, so the picture shows a note too.
    await page.locator('.text a.seg', { hasText: /^Tokyo$/ }).first().focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(root, readmeShot), clip: { x: 0, y: 0, width: 1280, height: 900 } });
  }
  await page.close();
});

test('a click on a highlight lands on its resource, and focus shows what it supports', async () => {
  const page = await context.newPage();
  await page.goto(`${main.url}/`);
  const fact = '/article/confidence-builder/fact/japan-rok-normalization';
  const seg = page.locator(`.text mark[data-href="${fact}"] a.seg[href="${fact}"]`).first();
  await seg.focus();
  const tip = page.locator(`#${await seg.getAttribute('aria-describedby')}`);
  assert.equal(await tip.isVisible(), true, 'the note shows on focus');
  assert.match(await tip.innerText(), /Event: Normalization of relations between Japan and the ROK/);
  await page.mouse.move(0, 0);
  await Promise.all([page.waitForURL(`${main.url}${fact}`), seg.click()]);
  assert.match(await page.locator('h1').innerText(), /Normalization of relations between Japan and the ROK/);
  assert.match(await page.locator('main').innerText(), /Japan and the ROK normalized their relations in 1965/);
  await page.close();
});

test('the filters hide a kind of evidence', async () => {
  const page = await context.newPage();
  await page.goto(`${main.url}/`);
  const mention = page.locator('.text mark.k-mention').first();
  const before = await mention.evaluate((m) => getComputedStyle(m).backgroundColor);
  await page.locator('#show-mention').uncheck();
  const hidden = await mention.evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.notEqual(before, hidden);
  assert.equal(hidden, 'rgba(0, 0, 0, 0)');
  await page.close();
});

test('a resource page shows the card, the quotes in their sentences and links to the spot', async () => {
  const page = await context.newPage();
  await page.goto(`${main.url}/id/japan`);
  assert.equal(await page.locator('h1').innerText(), 'Entity: Japan');
  assert.match(await page.locator('main').innerText(), /Mentioned 6 times/);
  const spot = page.locator('a', { hasText: 'see it in the article' }).first();
  const href = await spot.getAttribute('href');
  assert.match(href, /^\/article\/confidence-builder#at-confidence-builder-\d+-\d+$/);
  await page.screenshot({ path: join(shots, 'resource.png'), fullPage: true });
  await Promise.all([page.waitForURL(`${main.url}${href}`), spot.click()]);
  const target = await page.evaluate(() => document.querySelector(':target')?.tagName);
  assert.equal(target, 'MARK');
  await page.close();
});

test('a shipped query runs from the query page', async () => {
  const page = await context.newPage();
  await page.goto(`${main.url}/query`);
  await Promise.all([page.waitForURL(/name=cq12/), page.locator('a', { hasText: 'cq12-timeline' }).click()]);
  const rows = await page.locator('main table tbody tr').count();
  assert.equal(rows, 9);
  assert.match(await page.locator('main table').innerText(), /1965\s+Normalization of relations between Japan and the ROK/);
  // Run what the textarea holds, through the form.
  await page.locator('#q').fill('SELECT ?name WHERE { kg:rok skos:altLabel ?name } ORDER BY ?name');
  await Promise.all([page.waitForURL(/query=/), page.locator('button', { hasText: 'Run' }).click()]);
  assert.match(await page.locator('main table').innerText(), /ROK/);
  const csv = await page.locator('a', { hasText: 'CSV' }).getAttribute('href');
  const res = await fetch(`${main.url}${csv}`);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  await page.close();
});

test('no page has a serious or critical accessibility violation (axe-core)', async () => {
  const page = await context.newPage();
  for (const path of ['/', '/id/japan', '/article/confidence-builder/claim/claim-anti-region', '/entities', '/timeline', '/query?name=cq01', '/sparql']) {
    await page.goto(`${main.url}${path}`);
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
  }
  // Keyboard: the first Tab reaches the skip link.
  await page.goto(`${main.url}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
  await page.close();
});

test('the report of export --format html is accessible and self-contained', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nea-kg-report-'));
  const file = join(dir, 'report.html');
  execFileSync(binary, ['export', '--format', 'html', '-o', file]);
  const page = await context.newPage();
  await page.goto(`file://${file}`);
  assert.equal(await page.locator('.text mark[data-span]').count() > 150, true);
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('markup in the data is shown as text and never runs', async () => {
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  for (const path of ['/', '/id/evil', '/id/acme', '/article/hostile/claim/claim-img', '/entities']) {
    await page.goto(`${hostile.url}${path}`);
    assert.equal(await page.evaluate(() => window.pwned), undefined, `${path} ran the data's script`);
    assert.equal(await page.locator('main script, main img').count(), 0, path);
  }
  await page.goto(`${hostile.url}/`);
  const text = await page.locator('.text').innerText();
  assert.match(text, /The <script>window\.pwned=1<\/script> tag/);
  assert.match(text, /Acme <img src=x onerror=alert\(1\)>/);
  assert.match(text, /Acme\\u\{1b\}\[31m is red/);
  await page.goto(`${hostile.url}/id/evil`);
  assert.equal(await page.locator('h1').innerText(), "Entity: Evil <script>window.pwned = 'label'</script>");
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('nothing was fetched from outside this machine', () => {
  assert.deepEqual(outside, []);
  // The log has one line per request, with its status and time.
  assert.match(main.log(), /^GET \/ 200 \d+\.\d ms$/m);
  const css = readFileSync(join(root, 'src/view/style.css'), 'utf8');
  assert.ok(!/url\(|@import/.test(css), 'the stylesheet loads nothing');
});
