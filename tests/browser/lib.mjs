// What the browser suite's files share (a11y.test.mjs, play.test.mjs):
// the environment tests/browser/run sets, Debian's Chromium, a session
// whose page records what goes wrong, axe-core, and the translations.
//
// Only node:assert, playwright-core and axe-core: see package.json.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export function env(name) {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set: run this file with tests/browser/run BINARY`);
    return v;
}

export const BASE = env('COPHUB_URL').replace(/\/$/, '');
export const PO = env('COPHUB_PO');
export const LANGS = ['en', 'ar', 'zh', 'fr', 'ru', 'es'];
export const RTL = new Set(['ar']);
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The site's Content-Security-Policy (script-src 'self') forbids inline
// scripts, and page.addScriptTag({path}) would insert the file's text as an
// inline <script>, which the browser refuses.  page.evaluate() instead runs
// the text through the DevTools protocol, which the page's CSP does not
// govern, so axe runs while every page keeps its real CSP: no bypassCSP.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser() {
    return chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
}

// Requests to a host other than 127.0.0.1, over the whole run of a file.
export const foreign = [];

// A browser context (its own cookies, service workers and storage) whose
// page records what goes wrong in page.problems: CSP violations, script
// errors, subresources answered 4xx/5xx, and requests to another host.
// Requests that failed without an answer (the network down) are kept
// apart, in page.failed, for the tests that play offline.
export async function newSession(browser, { width = 1280, height = 800 } = {}) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.problems = [];
    page.failed = [];
    context.on('request', (req) => {
        const u = new URL(req.url());
        // file: is the offline bundle, opened from the disk
        if (['data:', 'blob:', 'about:', 'file:'].includes(u.protocol)) return;
        if (u.hostname !== '127.0.0.1') {
            foreign.push(`${req.url()} (from ${page.url()})`);
            page.problems.push(`request to another host: ${req.url()}`);
        }
    });
    page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text()))
            page.problems.push(`CSP violation: ${msg.text()}`);
    });
    page.on('pageerror', (err) => page.problems.push(`script error: ${err.message}`));
    page.on('response', (resp) => {
        if (resp.request().resourceType() !== 'document' && resp.status() >= 400)
            page.problems.push(`${resp.status()} for ${resp.url()}`);
    });
    page.on('requestfailed', (req) =>
        page.failed.push(`${req.url()} (${req.resourceType()}): ${req.failure()?.errorText}`));
    return { context, page };
}

export function withLang(p, lang, base = BASE) {
    return `${base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
}

export async function runAxe(page) {
    if (!(await page.evaluate(() => typeof window.axe === 'object')))
        await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
    }), AXE_TAGS);
    return results.violations;
}

// The translation of a message of the site (po/LANG.po), as the server
// shows it; English is the message itself.  Fails when there is none.
const catalogs = new Map();
export function translate(lang, msgid) {
    if (lang === 'en') return msgid;
    if (!catalogs.has(lang)) catalogs.set(lang, readPo(path.join(PO, `${lang}.po`)));
    const s = catalogs.get(lang).get(msgid);
    assert.ok(s, `po/${lang}.po has no translation of "${msgid}"`);
    return s;
}

// msgid -> msgstr (the first form of a plural), strings joined over lines.
function readPo(file) {
    const map = new Map();
    let entry = {}, field = null;
    const unquote = (s) => JSON.parse(s);
    const done = () => {
        if (entry.msgid && entry.msgstr && !entry.ctxt) map.set(entry.msgid, entry.msgstr);
        entry = {};
        field = null;
    };
    for (const line of readFileSync(file, 'utf8').split('\n')) {
        const m = line.match(/^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$/);
        if (m) {
            if (m[1] === 'msgid' && 'msgid' in entry && 'msgstr' in entry) done();
            field = m[1] === 'msgctxt' ? 'ctxt' : m[1] === 'msgid' ? 'msgid'
                : m[1] === 'msgid_plural' ? 'plural' : (m[2] && m[2] !== '0') ? null : 'msgstr';
            if (field) entry[field] = unquote(m[3]);
        } else if (/^".*"\s*$/.test(line)) {
            if (field) entry[field] += unquote(line.trim());
        } else if (!line.trim()) {
            done();
        }
    }
    done();
    return map;
}

// Signs in with an account's one-time password ({user, first}) and, as the
// server then demands, chooses a new one; onPasswordPage(), when given,
// runs on the forced password page.
export async function firstSignIn(page, account, onPasswordPage) {
    await page.goto(withLang('/login', 'en'));
    await page.fill('#username', account.user);
    await page.fill('#password', account.first);
    await Promise.all([
        page.waitForURL((u) => u.pathname === '/account/password'),
        page.click('main form[action="/login"] button[type="submit"]'),
    ]);
    if (onPasswordPage) await onPasswordPage();
    const fresh = `${account.first}-Ok9x`;
    await page.fill('#current-password', account.first);
    await page.fill('#new-password', fresh);
    await page.fill('#new-password-again', fresh);
    await Promise.all([
        page.waitForURL((u) => u.pathname === '/account'),
        page.click('main form[action="/account/password"] button[type="submit"]'),
    ]);
    assert.ok(await page.locator('main .notice').count(), 'no "password changed" notice after the change');
}
