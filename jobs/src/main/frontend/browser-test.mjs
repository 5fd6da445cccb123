// End-to-end check of the HTML report in headless Chromium: opens the page with the network
// blocked, and fails on console errors, page errors, external requests, broken images, or a
// NiiVue view that never drew; then follows the table of runs' links to the subject pages, each
// of which must open with its linked sections, plots and no errors. Saves a full-page
// screenshot, one of the 3D view and one of the first subject page.
// Usage: node browser-test.mjs REPORT.html SCREENSHOT.png [CHROMIUM]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, screenshot, executable = '/usr/bin/chromium'] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node browser-test.mjs REPORT.html SCREENSHOT.png [CHROMIUM]');
  process.exit(2);
}
const problems = [];
const profile = mkdtempSync(join(tmpdir(), 'connectome-report-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      // WebGL2 on the CPU: NiiVue needs it and the test machine has no GPU.
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  // The report must work offline: anything but the file itself and data: URIs is a fault.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    problems.push('external request: ' + url);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      problems.push('console error: ' + msg.text());
    }
  });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });

  const canvas = await page.$('#niivue-canvas');
  if (!canvas) {
    problems.push('no NiiVue canvas (#niivue-canvas)');
  } else {
    try {
      await page.waitForFunction(
        () => document.getElementById('niivue-canvas').dataset.ready === 'true',
        null, { timeout: 30000 });
    } catch (e) {
      const status = await page.$eval('#niivue-status', (s) => s.textContent).catch(() => '');
      problems.push('NiiVue view not ready after 30 s: ' + status);
    }
  }
  const brokenImages = await page.$$eval('img', (imgs) => imgs
    .filter((i) => !i.complete || i.naturalWidth === 0)
    .map((i) => i.alt || i.src.slice(0, 60)));
  for (const b of brokenImages) {
    problems.push('broken image: ' + b);
  }
  const svgCount = await page.$$eval('svg', (s) => s.length);
  if (svgCount === 0) {
    problems.push('no SVG plots in the report');
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  if (canvas) {
    await canvas.scrollIntoViewIfNeeded();
    await canvas.screenshot({ path: screenshot.replace(/\.png$/, '-niivue.png') });
  }
  // The table of runs links each subject's page (sub-<label>.html#run-...): every link must
  // open a page that has its anchor, with plots and without errors.
  const links = await page.$$eval('table.runs a[href]', (as) => as.map((a) => a.href));
  if (links.length === 0) {
    problems.push('no links to subject pages in the table of runs');
  }
  const pages = new Map();
  for (const link of links) {
    const url = new URL(link);
    const file = url.href.slice(0, url.href.length - url.hash.length);
    if (!pages.has(file)) {
      pages.set(file, []);
    }
    if (url.hash) {
      pages.get(file).push(decodeURIComponent(url.hash.slice(1)));
    }
  }
  let subjectPages = 0;
  for (const [file, anchors] of pages) {
    // A missing file fails the navigation (net::ERR_FILE_NOT_FOUND).
    const opened = await page.goto(file, { waitUntil: 'load' }).then(() => true, (e) => {
      problems.push('subject page does not open: ' + file + ': ' + e.message);
      return false;
    });
    if (!opened) {
      continue;
    }
    subjectPages++;
    for (const id of anchors) {
      if (!(await page.$('[id="' + id.replace(/"/g, '\\"') + '"]'))) {
        problems.push('link to a missing section: ' + file + '#' + id);
      }
    }
    if ((await page.$$eval('svg', (s) => s.length)) === 0) {
      problems.push('no SVG plots on ' + file);
    }
    if (!(await page.$('nav a[href="index.html"]'))) {
      problems.push('no link back to the index on ' + file);
    }
    if (subjectPages === 1) {
      await page.screenshot({ path: screenshot.replace(/\.png$/, '-subject.png'), fullPage: true });
    }
  }
  console.log(JSON.stringify({ report, screenshot, svg: svgCount, images: brokenImages.length,
    subjectPages, problems }));
} catch (e) {
  problems.push('browser run failed: ' + e.message);
} finally {
  if (context) {
    await context.close();
  }
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length) {
  for (const p of problems) {
    console.error(p);
  }
  process.exit(1);
}
