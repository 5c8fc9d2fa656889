import { chromium } from 'playwright-core';
const url = process.argv[2] ?? 'http://127.0.0.1:5180/';
const out = process.argv[3] ?? '/tmp/smoke.png';
const w = Number(process.argv[4] ?? 1280), h = Number(process.argv[5] ?? 800);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
const p = await b.newPage({ viewport: { width: w, height: h } });
p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text()); });
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(url);
await p.waitForFunction(() => window.__atlas?.rendered != null, null, { timeout: 30000 });
await p.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
console.log(JSON.stringify(await p.evaluate(() => window.__atlas.rendered)));
if (process.argv[6]) { await eval(process.argv[6]); }
await p.screenshot({ path: out });
await b.close();
