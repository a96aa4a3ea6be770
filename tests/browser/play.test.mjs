// The children's area (/play) in the browser, run by tests/browser/run
// (which starts the server and sets the environment variables below):
//   1. one story per age band played to the end, in English and Arabic,
//      with the mouse (the 9-12 band with the keyboard only), every text
//      checked against content/play/, and the answers stored once;
//   2. the under-9 narration plays only when a play button is pressed;
//   3. offline, with the real service worker and a server of its own:
//      a kept band played without a network, its answers sent when the
//      network is back, and stored exactly once;
//   4. every play page in six languages at 360 px: axe-core finds no
//      WCAG 2.0/2.1 A or AA violation, nothing scrolls sideways, not even
//      with the text at 200 % on the story and feedback pages;
//   5. screenshots: $COPHUB_SCREENSHOTS/play-BAND-LANG-360.png (the band's
//      page) and play-BAND-story-LANG-360.png (a scene or a chat);
//   6. the 9-to-12 quest's points and badges, kept in the browser; the
//      quick exit, which Back does not undo; the passphrase meter;
//   7. throughout: no request to another host, no Content-Security-Policy
//      violation, no script error, no subresource answered 4xx/5xx.
//
// Only node:test, node:assert, playwright-core and axe-core (see
// package.json), and the sqlite3 command to read the answers stored.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { env, LANGS, RTL, launchBrowser, newSession, foreign, withLang, runAxe, translate }
    from './lib.mjs';

const BIN = env('COPHUB_BIN');
const DATA = env('COPHUB_DATA');
// the main server's SQLite file (not COPHUB_DB: that one is the server's
// own setting, a database URL, which every cophub started here would read)
const DB = env('COPHUB_TEST_DB');
const SHOTS = env('COPHUB_SCREENSHOTS');
mkdirSync(SHOTS, { recursive: true });

const BANDS = ['u9', '9-12', '13-18'];
const BAND_NAME = { u9: 'Under 9', '9-12': '9 to 12', '13-18': '13 to 18' };
const SAFE = { yes: 2, partly: 1, no: 0 }; // play_events.safe
const VERDICT = {
    yes: ['★', 'A safe choice'],
    partly: ['◐', 'Partly safe'],
    no: ['↺', "Let's think about this one."],
};
const WIDTH = 360;
const HEIGHT = 800;
const ARABIC = /[\u0600-\u06FF]/;

let browser;
const summary = {
    pages: 0, failed: 0, views: 0, zoomed: 0, violations: 0, languages: new Set(),
    stories: 0, offlineGiven: 0, offlineStored: 0,
};

before(async () => {
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    console.log(`\nplay suite: ${summary.pages} pages checked, ${summary.failed} failed ` +
        `(${summary.views} views at ${WIDTH} px, ${summary.zoomed} of them also with the text at 200 %, ` +
        `languages ${[...summary.languages].join(' ')}), axe violations: ${summary.violations}, ` +
        `stories played: ${summary.stories}, offline answers given/stored: ` +
        `${summary.offlineGiven}/${summary.offlineStored}, requests to other hosts: ${foreign.length}; ` +
        `screenshots in ${SHOTS}`);
});

// ---- the game's content, as the server reads it ---------------------------

// content/play/FILE and its translations: id -> {id, fields, texts}, where
// texts maps "key@lang".  The format: content/README.md.
function readContent(file) {
    const records = new Map();
    const read = (p) => {
        let r = null;
        for (const raw of readFileSync(p, 'utf8').split('\n')) {
            const line = raw.trim();
            if (!line || line.startsWith('#')) continue;
            const id = line.match(/^\[([a-z0-9-]+)\]$/);
            if (id) {
                if (!records.has(id[1])) records.set(id[1], { id: id[1], fields: new Map(), texts: new Map() });
                r = records.get(id[1]);
                continue;
            }
            const kv = line.match(/^([a-z0-9._-]+)(?:@([a-z]+))?:\s*(.*)$/);
            assert.ok(kv && r, `${p}: cannot read "${line}"`);
            if (kv[2]) r.texts.set(`${kv[1]}@${kv[2]}`, kv[3]);
            else r.fields.set(kv[1], kv[3]);
        }
    };
    read(path.join(DATA, 'content/play', file));
    for (const lang of LANGS) {
        const p = path.join(DATA, 'content/play/i18n', lang, file);
        if (lang !== 'en' && existsSync(p)) read(p);
    }
    return records;
}

const STORIES = Object.fromEntries(BANDS.map((b) => [b, [...readContent(`${b}.txt`).values()]]));
const MINIGAMES = readContent('minigames.txt');

// A text in a language (the server shows the English one when there is none).
function text(rec, key, lang) {
    const s = rec.texts.get(`${key}@${lang}`) ?? rec.texts.get(`${key}@en`);
    assert.ok(s !== undefined, `content: [${rec.id}] has no ${key}@en`);
    return s;
}

// The steps of a story, in order, and the choice letters of a step.
function steps(story) {
    const out = [];
    for (const k of story.texts.keys()) {
        const m = k.match(/^([a-z0-9-]+)\.a@en$/);
        if (m) out.push(m[1]);
    }
    return out;
}
const letters = (story, step) => ['a', 'b', 'c', 'd'].filter((l) => story.texts.has(`${step}.${l}@en`));
const nextOf = (story, step, l) => story.fields.get(`${step}.${l}.next`) || null;
const safeOf = (story, step, l) => story.fields.get(`${step}.${l}.safe`);

// A way from the start to an ending that goes through as many of the
// story's steps as possible (every one, in the stories shipped).
function longestPath(story) {
    let best = [];
    const walk = (step, seen, sofar) => {
        for (const l of letters(story, step)) {
            const next = nextOf(story, step, l);
            const p = [...sofar, [step, l]];
            if (!next) {
                if (p.length > best.length) best = p;
            } else if (!seen.has(next)) {
                walk(next, new Set([...seen, next]), p);
            }
        }
    };
    walk('start', new Set(['start']), []);
    return best;
}

// A rendered text must be the content's text, with {helpline}, {report},
// ... filled in for the country (or "an adult you trust").
function shows(actual, template, what) {
    // white space compared as one space on both sides (French puts a
    // no-break space before "!" and "?", which \s matches too)
    const re = new RegExp('^' + template.trim().replace(/\s+/g, ' ').split(/\{[a-z_]+\}/)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?') + '$', 's');
    assert.match(actual.trim().replace(/\s+/g, ' '), re, `${what}: expected the text of the content`);
}

// ---- the database ------------------------------------------------------------

function sql(file, query) {
    const out = execFileSync('sqlite3', ['-json', '-cmd', '.timeout 5000', file, query],
        { encoding: 'utf8' }).trim();
    return out ? JSON.parse(out) : [];
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// Waits up to `ms` for `fn` to return a truthy value; returns the last value.
async function poll(fn, ms = 10000, every = 100) {
    const end = Date.now() + ms;
    for (;;) {
        const v = await fn();
        if (v || Date.now() >= end) return v;
        await sleep(every);
    }
}

// ---- pages ---------------------------------------------------------------------

function noProblems(page, where) {
    const list = page.problems.splice(0);
    assert.deepEqual(list, [], `${where}: ${list.join('; ')}`);
}

async function htmlLang(page) {
    return page.evaluate(() => ({
        lang: document.documentElement.getAttribute('lang'),
        dir: document.documentElement.getAttribute('dir'),
    }));
}

async function expectLang(page, lang, where) {
    assert.deepEqual(await htmlLang(page), { lang, dir: RTL.has(lang) ? 'rtl' : 'ltr' },
        `${where}: <html lang dir>`);
}

const textOf = (page, sel) => page.locator(sel).textContent().then((s) => s.trim().replace(/\s+/g, ' '));
const textsOf = (page, sel) => page.locator(sel).allTextContents()
    .then((a) => a.map((s) => s.trim().replace(/\s+/g, ' ')));

// Presses Tab until the focus is on `selector` (at most `max` times).
async function tabTo(page, selector, max = 60) {
    for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 100));
    assert.fail(`${max} presses of Tab did not reach ${selector} (the focus is on ${at})`);
}

// Follows a link or presses a button: with the mouse, or Tab then Enter.
async function activate(page, selector, keyboard) {
    if (keyboard) {
        await tabTo(page, selector);
        await page.keyboard.press('Enter');
    } else {
        await page.locator(selector).click();
    }
}

// The pathname and query of the page shown.
const where = (page) => {
    const u = new URL(page.url());
    return u.pathname + u.search;
};

// Waits for the page the service worker says it keeps for offline play:
// "kept" when the paragraph shows, else what went wrong.
async function waitKept(page, ms = 30000) {
    return page.evaluate((ms) => new Promise((done) => {
        const ready = document.querySelector('[data-offline-ready]');
        if (!ready) return done('no [data-offline-ready] paragraph');
        const check = () => {
            if (!ready.hidden && document.documentElement.getAttribute('data-offline')) done('kept');
        };
        new MutationObserver(check).observe(document.documentElement, { attributes: true, subtree: true });
        navigator.serviceWorker?.addEventListener('message', (e) => {
            if (e.data && e.data.type === 'not-kept') done('the service worker could not keep the band');
        });
        setTimeout(() => done(`not kept after ${ms} ms`), ms);
        check();
    }), ms);
}

// ---- 1. stories played to the end ----------------------------------------------

// Plays one story from /play: the band, the story, then `path` ([step,
// choice] pairs), checking every text; returns the answers given.
async function playStory(page, { band, lang, story, path: way, keyboard = false, base }) {
    const at = (s) => `${band}/${story.id} [${lang}] ${s}`;
    const rtl = RTL.has(lang);
    const checkPage = async (s) => {
        await page.waitForLoadState('load');
        await expectLang(page, lang, at(s));
        if (rtl) assert.match(await textOf(page, 'main h1'), ARABIC, `${at(s)}: the heading is not Arabic`);
        noProblems(page, at(s));
    };

    if (base !== undefined) {
        // offline: the band's page is already shown
        assert.equal(new URL(page.url()).pathname, `/play/${band}`);
    } else {
        await page.goto(withLang('/play', lang));
        await checkPage('/play');
        await activate(page, `main a.band[href="/play/${band}"]`, keyboard);
        await page.waitForURL((u) => u.pathname === `/play/${band}`);
    }
    await checkPage(`/play/${band}`);
    assert.equal(await textOf(page, 'main h1'), translate(lang, BAND_NAME[band]), at('the band\'s heading'));

    const title = text(story, 'title', lang);
    const link = `main a.story-link[href="/play/${band}/${story.id}"]`;
    assert.equal(await textOf(page, link), title, at('the story\'s link'));
    await activate(page, link, keyboard);
    await page.waitForURL((u) => u.pathname === `/play/${band}/${story.id}`);

    const answers = [];
    for (const [i, [step, choice]] of way.entries()) {
        const s = `step ${step}`;
        await page.locator(`form.choices input[name="step"][value="${step}"]`).waitFor({ state: 'attached' });
        await checkPage(s);
        assert.equal(await textOf(page, 'main h1'), title, at(`${s}: the heading`));
        // the scene, or the chat
        if (band === '13-18') {
            const bubbles = await textsOf(page, 'ol.chat .bubble');
            const msgs = [];
            for (let n = 1; story.texts.has(`${step}.msg.${n}@en`); n++) msgs.push(text(story, `${step}.msg.${n}`, lang));
            assert.equal(bubbles.length, msgs.length, at(`${s}: the number of messages`));
            bubbles.forEach((b, k) => shows(b, msgs[k], at(`${s}: message ${k + 1}`)));
        } else {
            shows(await textOf(page, '.scene-text'), text(story, `${step}.text`, lang), at(`${s}: the scene`));
        }
        const labels = await textsOf(page, 'form.choices button.choice');
        const want = letters(story, step);
        assert.equal(labels.length, want.length, at(`${s}: the number of choices`));
        labels.forEach((l, k) => shows(l, text(story, `${step}.${want[k]}`, lang), at(`${s}: choice ${want[k]}`)));

        // the answer, and its feedback
        await activate(page, `form.choices button.choice[value="${choice}"]`, keyboard);
        answers.push([step, choice]);
        await page.locator(`article[data-step="${step}"] .feedback`).waitFor();
        await checkPage(`${s}, feedback of ${choice}`);
        const f = `${s}, feedback of ${choice}`;
        shows(await textOf(page, '.you-chose strong'), text(story, `${step}.${choice}`, lang), at(`${f}: you chose`));
        const [mark, verdict] = VERDICT[safeOf(story, step, choice)];
        assert.equal(await textOf(page, '.feedback .verdict'), `${mark} ${translate(lang, verdict)}`, at(`${f}: the verdict`));
        shows(await textOf(page, '.feedback .verdict + p'), text(story, `${step}.${choice}.feedback`, lang),
            at(`${f}: the feedback`));
        if (band === '9-12' && lang === 'en') {
            const points = { yes: '+10 points', partly: '+5 points', no: '+0 points' }[safeOf(story, step, choice)];
            assert.equal(await textOf(page, '.feedback .points'), points, at(`${f}: the points`));
        }

        const next = nextOf(story, step, choice);
        const cont = 'main a.button[href*="?step="]';
        if (next) {
            assert.ok(i + 1 < way.length && way[i + 1][0] === next, at(`${f}: the story goes on to ${next}`));
            assert.equal(await page.locator('section.ending').count(), 0, at(`${f}: an ending before the end`));
            assert.equal(await textOf(page, cont), translate(lang, 'Continue the story'), at(`${f}: the link on`));
            assert.equal(await page.locator(cont).getAttribute('href'), `/play/${band}/${story.id}?step=${next}`);
            await activate(page, cont, keyboard);
        } else {
            assert.equal(i, way.length - 1, at(`${f}: the story ended early`));
            assert.equal(await page.locator(cont).count(), 0, at(`${f}: "Continue the story" at the end`));
            const heads = ['The safe thing to do', 'Who can help', ...(band === '13-18' ? ['Think about it'] : [])];
            assert.deepEqual(await textsOf(page, 'section.ending h2'), heads.map((h) => translate(lang, h)),
                at(`${f}: the ending's headings`));
            const paras = await textsOf(page, 'section.ending p');
            const wantParas = ['safe', 'help', ...(band === '13-18' ? ['reflect'] : [])];
            assert.equal(paras.length, wantParas.length, at(`${f}: the ending's paragraphs`));
            paras.forEach((p, k) => shows(p, text(story, wantParas[k], lang), at(`${f}: ${wantParas[k]}`)));
            assert.equal(await page.locator('article[data-end="1"]').count(), 1);
        }
    }
    summary.stories++;
    return answers;
}

// The rows stored for a story in a language after row `since`.
function storedRows(file, { scenario, lang, since = 0 }) {
    return sql(file, `SELECT band, scenario, step, choice, safe, lang FROM play_events ` +
        `WHERE id > ${Number(since)} AND scenario = ${q(scenario)} AND lang = ${q(lang)} ORDER BY id`);
}

function expectedRows(band, story, lang, answers) {
    return answers.map(([step, choice]) => ({
        band, scenario: story.id, step, choice, safe: SAFE[safeOf(story, step, choice)], lang,
    }));
}

const SCENARIOS = [
    { band: 'u9', story: STORIES.u9[0], choice: { en: 'b', ar: 'a' } },
    { band: '9-12', story: STORIES['9-12'][0], choice: { en: 'c', ar: 'b' }, keyboard: true },
    { band: '13-18', story: STORIES['13-18'][0] },
];

test('stories played to the end, in English and Arabic', async (t) => {
    for (const lang of ['en', 'ar']) {
        const { context, page } = await newSession(browser, { width: 1280, height: HEIGHT });
        try {
            for (const sc of SCENARIOS) {
                const way = sc.band === '13-18' ? longestPath(sc.story) : [['start', sc.choice[lang]]];
                const how = sc.keyboard ? 'the keyboard only' : 'the mouse';
                await t.test(`${sc.band} ${sc.story.id} [${lang}] with ${how}: ${way.map((w) => w.join('.')).join(' ')}`,
                    async () => {
                        if (sc.band === '13-18')
                            assert.deepEqual(new Set(way.map((w) => w[0])), new Set(steps(sc.story)),
                                `no way through every step of ${sc.story.id}`);
                        const since = sql(DB, 'SELECT coalesce(max(id), 0) AS n FROM play_events')[0].n;
                        const answers = await playStory(page, { ...sc, lang, path: way });
                        // each answer stored once (by the server, or sent by the service worker)
                        const want = expectedRows(sc.band, sc.story, lang, answers);
                        const rows = await poll(() => {
                            const r = storedRows(DB, { scenario: sc.story.id, lang, since });
                            return r.length >= want.length && r;
                        }) || storedRows(DB, { scenario: sc.story.id, lang, since });
                        assert.deepEqual(rows, want, 'the answers stored');
                    });
            }
        } finally {
            await context.close();
        }
    }
});

// ---- 2. narration ----------------------------------------------------------------

test('narration plays only when a play button is pressed (under 9)', async (t) => {
    const story = STORIES.u9[0];
    for (const lang of ['en', 'ar']) {
        await t.test(`${story.id} [${lang}]`, async () => {
            const { context, page } = await newSession(browser, { width: WIDTH, height: HEIGHT });
            try {
                // every play() of a media element, even one not in the document
                await page.addInitScript(() => {
                    window.__plays = [];
                    const play = HTMLMediaElement.prototype.play;
                    HTMLMediaElement.prototype.play = function () {
                        window.__plays.push({
                            src: this.src,
                            playing: [...document.querySelectorAll('a.say.playing')].map((a) => a.href),
                        });
                        return play.call(this);
                    };
                });
                // the page's own requests (the service worker keeping the band
                // fetches the recordings too, to play them offline)
                const audio = [];
                page.on('request', (r) => {
                    if (new URL(r.url()).pathname.startsWith('/play/audio/')) audio.push(r);
                });
                await page.goto(withLang(`/play/u9/${story.id}`, lang), { waitUntil: 'load' });
                await expectLang(page, lang, story.id);
                await sleep(1000);
                assert.deepEqual(audio.map((r) => r.url()), [], 'recordings requested with no button pressed');
                assert.deepEqual(await page.evaluate(() => window.__plays), [], 'play() called by itself');
                assert.equal(await page.evaluate(() =>
                    [...document.querySelectorAll('audio, video')].filter((m) => !m.paused).length), 0,
                'a media element is playing by itself');

                // the buttons: a link to a recording in the page's language, "Listen"
                const buttons = page.locator('a.say[data-say]');
                const n = await buttons.count();
                // the title, the scene and each choice
                assert.equal(n, 2 + letters(story, 'start').length, 'play buttons on the scene page');
                for (let i = 0; i < n; i++) {
                    const b = buttons.nth(i);
                    assert.match(await b.getAttribute('href'), new RegExp(`^/play/audio/${lang}/[0-9a-f]{16}\\.opus$`));
                    assert.equal(await b.locator('img').getAttribute('alt'), translate(lang, 'Listen'));
                }

                // pressing the scene's button plays its recording
                const say = page.locator('.scene-text a.say[data-say]');
                const href = await say.getAttribute('href');
                const [resp] = await Promise.all([
                    page.waitForResponse((r) => new URL(r.url()).pathname === href, { timeout: 5000 }),
                    say.click(),
                ]);
                assert.equal(resp.status(), 200, `${href}: status`);
                assert.equal(resp.headers()['content-type'], 'audio/ogg', `${href}: type`);
                assert.deepEqual(audio.map((r) => new URL(r.url()).pathname), [href], 'the recordings requested');
                const plays = await page.evaluate(() => window.__plays);
                assert.equal(plays.length, 1, 'play() once');
                assert.equal(new URL(plays[0].src).pathname, href, 'the recording played');
                // the button shows that it plays (headless Chromium may then fail
                // to play, which takes the class away again: not a failure here)
                assert.deepEqual(plays[0].playing.map((h) => new URL(h).pathname), [href],
                    'the pressed button has class "playing" when the recording starts');
                noProblems(page, story.id);
            } finally {
                await context.close();
            }
        });
    }
});

// ---- the 9-to-12 quest: points and badges ---------------------------------------

test('9 to 12: points per story and a badge per topic, kept in the browser', async () => {
    // a topic with two stories: a badge needs both answered safely
    const byTopic = new Map();
    for (const st of STORIES['9-12']) {
        const t = st.fields.get('topic');
        byTopic.set(t, [...(byTopic.get(t) ?? []), st]);
    }
    const [topic, stories] = [...byTopic].find(([, list]) => list.length === 2) ?? [];
    assert.ok(topic, 'no 9-12 topic has two stories');
    const pick = (st, safe) => letters(st, 'start').find((l) => safeOf(st, 'start', l) === safe);
    const { context, page } = await newSession(browser, { width: WIDTH, height: HEIGHT });
    try {
        const band = async () => {
            await page.goto(withLang('/play/9-12', 'en'), { waitUntil: 'load' });
            await page.locator('[data-points-total]').waitFor();
            return page.evaluate((t) => ({
                points: document.querySelector('[data-points-value]').textContent,
                badges: [...document.querySelectorAll('[data-badge]')].filter((b) => !b.hidden)
                    .map((b) => b.getAttribute('data-badge')),
                done: [...document.querySelectorAll(`[data-level="${t}"] a.done`)].length,
            }), topic);
        };
        const answer = async (st, letter) => {
            await page.goto(withLang(`/play/9-12/${st.id}`, 'en'), { waitUntil: 'load' });
            await page.locator(`form.choices button.choice[value="${letter}"]`).click();
            await page.locator('.feedback').waitFor();
        };
        assert.deepEqual(await band(), { points: '0', badges: [], done: 0 }, 'before playing');

        // the first story answered safely, the second not: no badge yet
        const unsafe = pick(stories[1], 'no') ?? pick(stories[1], 'partly');
        await answer(stories[0], pick(stories[0], 'yes'));
        await answer(stories[1], unsafe);
        const partial = { yes: 10, partly: 5, no: 0 }[safeOf(stories[1], 'start', unsafe)];
        assert.deepEqual(await band(), { points: String(10 + partial), badges: [], done: 2 },
            `${stories[0].id} safe, ${stories[1].id} not`);

        // played again, safely: the best answer counts, and the badge shows
        await answer(stories[1], pick(stories[1], 'yes'));
        assert.deepEqual(await band(), { points: '20', badges: [topic], done: 2 }, 'both safe');
        // a worse answer later does not take the badge away
        await answer(stories[0], pick(stories[0], 'no') ?? pick(stories[0], 'partly'));
        assert.deepEqual(await band(), { points: '20', badges: [topic], done: 2 }, 'a worse answer later');

        // kept in this browser only: no cookie but the language chosen
        // (?lang=), and a new browser starts at 0
        assert.deepEqual((await context.cookies()).map((c) => `${c.name}=${c.value}`), ['lang=en'],
            'cookies set');
        const other = await newSession(browser, { width: WIDTH, height: HEIGHT });
        try {
            await other.page.goto(withLang('/play/9-12', 'en'), { waitUntil: 'load' });
            assert.equal(await other.page.locator('[data-points-value]').textContent(), '0');
        } finally {
            await other.context.close();
        }
        noProblems(page, 'quest');
    } finally {
        await context.close();
    }
});

// ---- quick exit ------------------------------------------------------------------

test('quick exit leaves a help page at once, and Back does not return to it', async () => {
    const { context, page } = await newSession(browser, { width: WIDTH, height: HEIGHT });
    try {
        await page.goto(withLang('/play', 'ar'), { waitUntil: 'load' });
        await page.goto(withLang('/play/help/bullied', 'ar'), { waitUntil: 'load' });
        const exit = page.locator('a.quick-exit[data-quick-exit]');
        assert.equal((await exit.textContent()).trim(), translate('ar', 'Quick exit'));
        await exit.click();
        await page.waitForURL((u) => u.pathname === '/exit');
        const html = await page.content();
        assert.doesNotMatch(html, /cophub/i, 'the exit page names the site');
        await page.goBack({ waitUntil: 'load' });
        assert.equal(new URL(page.url()).pathname, '/play', 'Back goes to the page before the help page');
        noProblems(page, 'quick exit');
    } finally {
        await context.close();
    }
});

// ---- the passphrase meter --------------------------------------------------------

// What the meter says for a made-up passphrase: [level, reasons shown].
// Each case is far from the lines between levels (28 and 36 bits).
const METER = [
    ['password', 'weak', ['common']],
    ['Password1!', 'weak', ['common']],
    ['drowssap', 'weak', ['common']],       // backwards
    ['P@ssw0rd', 'weak', ['common']],       // signs for letters
    ['newcourt', 'weak', ['common']],       // near the end of data/common-passwords.txt
    ['qwertyuiop', 'weak', ['keys']],
    ['lmnopqrs', 'weak', ['run']],
    ['zzzzzzzzzzzz', 'weak', ['repeat']],
    ['14/02/2012', 'weak', ['date']],
    ['xkqzvbnr', 'weak', []],
    ['cat dog sun', 'fair', []],
    ['cloud spoon tiger river', 'strong', ['common']],
    ['облако ложка тигр река', 'strong', []],
    ['قمر شجرة قلم نهر', 'strong', []],
    ['月亮 勺子 老虎 河', 'strong', []],
];

test('the passphrase meter estimates on the device, and says why', async () => {
    const { context, page } = await newSession(browser, { width: WIDTH, height: HEIGHT });
    try {
        const sent = [];
        const [words] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/static/play/common-passwords.txt'),
            page.goto(withLang('/play/9-12/passphrase', 'en'), { waitUntil: 'load' }),
        ]);
        assert.equal(words.status(), 200);
        await page.waitForLoadState('networkidle');
        page.on('request', (r) => sent.push(r.url()));
        const input = page.locator('[data-meter-input]');
        const game = MINIGAMES.get('passphrase');
        for (const [phrase, level, why] of METER) {
            await input.fill(phrase);
            const got = await page.evaluate(() => {
                const m = document.querySelector('[data-meter]');
                return {
                    bits: m.getAttribute('data-bits'),
                    level: m.querySelector('[data-meter-bar]').className.replace('meter-bar', '').trim(),
                    text: m.querySelector('[data-meter-text]').textContent,
                    why: [...m.querySelectorAll('[data-meter-why]')].filter((li) => !li.hidden)
                        .map((li) => li.getAttribute('data-meter-why')),
                    found: !m.querySelector('[data-meter-found]').hidden,
                };
            });
            const at = `"${phrase}" (${got.bits} bits)`;
            assert.equal(got.level, level, `${at}: the level`);
            assert.equal(got.text, text(game, level, 'en'), `${at}: what the meter says`);
            assert.deepEqual(got.why, why, `${at}: the reasons shown`);
            assert.equal(got.found, why.length > 0, `${at}: "What makes it easier to guess" shown`);
        }
        await input.fill('');
        assert.equal(await page.locator('[data-meter-text]').textContent(), '', 'an empty box says nothing');
        assert.deepEqual(sent, [], 'requests made while typing');
        noProblems(page, 'passphrase');
    } finally {
        await context.close();
    }
});

// ---- 3. offline -------------------------------------------------------------------

// What a cophub started here sees: none of the server's settings
// (COPHUB_DB, COPHUB_LISTEN, ...) but the data folder.
const CHILD_ENV = Object.fromEntries(Object.entries(process.env)
    .filter(([k]) => !k.startsWith('COPHUB_') || k === 'COPHUB_DATA'));

// A cophub server of the test's own: {proc, port, url, log()}.
function startServer(db, port = 0) {
    return new Promise((resolve, reject) => {
        const proc = spawn(BIN, ['serve', '--db', `sqlite:${db}`, '--listen', `127.0.0.1:${port}`],
            { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV });
        let out = '', log = '';
        const timer = setTimeout(() => {
            proc.kill('SIGKILL');
            reject(new Error(`the server did not start:\n${log}`));
        }, 10000);
        proc.stdout.on('data', (d) => {
            out += d;
            const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
            if (m) {
                clearTimeout(timer);
                resolve({ proc, port: Number(m[1]), url: `http://127.0.0.1:${m[1]}`, log: () => log });
            }
        });
        proc.stderr.on('data', (d) => { log = (log + d).slice(-20000); });
        proc.on('exit', (code, sig) => {
            clearTimeout(timer);
            reject(new Error(`the server exited (${code ?? sig}) before listening:\n${log}`));
        });
    });
}

async function stopServer(s) {
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) return;
    const exited = new Promise((ok) => s.proc.once('exit', (code, sig) => ok(code ?? sig)));
    s.proc.kill('SIGTERM');
    const rc = await exited;
    assert.equal(rc, 0, `the server exited with ${rc} after SIGTERM:\n${s.log()}`);
}

// The answers the service worker keeps in the browser (IndexedDB).
const keptAnswers = (page) => page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('cophub-play');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
        const d = open.result;
        if (!d.objectStoreNames.contains('answers')) { d.close(); return ok([]); }
        const get = d.transaction('answers').objectStore('answers').getAll();
        get.onsuccess = () => { d.close(); ok(get.result); };
        get.onerror = () => { d.close(); fail(get.error); };
    };
}));

test('offline: a kept band is played without a network, its answers are stored once', async () => {
    const band = '13-18', lang = 'fr';
    const story = STORIES[band][1] ?? STORIES[band][0];
    const way = longestPath(story);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'cophub-play-'));
    const db = path.join(tmp, 'off.db');
    let server = null, session = null;
    try {
        execFileSync(BIN, ['migrate', '--db', `sqlite:${db}`], { stdio: ['ignore', 'ignore', 'pipe'], env: CHILD_ENV });
        server = await startServer(db);
        const { port } = server;
        session = await newSession(browser, { width: WIDTH, height: HEIGHT });
        const { context, page } = session;

        // online: the band's page; the service worker keeps the band
        await page.goto(withLang(`/play/${band}`, lang, server.url), { waitUntil: 'load' });
        await expectLang(page, lang, `/play/${band}`);
        assert.equal(await waitKept(page), 'kept');
        assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-offline')), band);
        assert.equal(await textOf(page, '[data-offline-ready]'),
            `✓ ${translate(lang, 'Ready to play without the internet on this device.')}`);
        noProblems(page, 'online');
        const count = (table) => sql(db, `SELECT count(*) AS n FROM ${table}`)[0].n;
        const batches0 = count('play_batches');
        assert.equal(count('play_events'), 0);

        // offline: no server, no network
        await stopServer(server);
        await context.setOffline(true);
        page.failed.length = 0;
        const answers = await playStory(page, { band, lang, story, path: way, base: server.url });
        summary.offlineGiven = answers.length;
        assert.deepEqual(page.failed, [], 'requests that failed offline (not kept)');
        const kept = await keptAnswers(page);
        assert.deepEqual(kept.map((a) => [a.band, a.id, a.step, a.choice, a.lang]),
            answers.map(([s, c]) => [band, story.id, s, c, lang]), 'the answers kept in the browser');
        assert.equal(count('play_events'), 0);

        // back online: the same server again; the 'online' event makes the
        // worker send what it keeps
        server = await startServer(db, port);
        await context.setOffline(false);
        const want = expectedRows(band, story, lang, answers);
        // a wait, not a measure: on a busy machine the worker's sending
        // (and the batch writer after it) can take more than 10 s
        const rows = await poll(() => {
            const r = storedRows(db, { scenario: story.id, lang });
            return r.length >= want.length && r;
        }, 30000) || storedRows(db, { scenario: story.id, lang });
        summary.offlineStored = rows.length;
        assert.deepEqual(rows, want, 'the answers stored when the network came back');
        assert.deepEqual(await poll(async () => (await keptAnswers(page)).length === 0 && []) || await keptAnswers(page),
            [], 'answers still kept in the browser after they were sent');
        // A batch's id is chosen once, before its first try, and never
        // changes: the answers that had an id when the network came back
        // travel under it, the others in one new batch.
        const ids = new Set(kept.map((a) => a.batch).filter(Boolean));
        const batches = sql(db, 'SELECT id FROM play_batches').map((r) => r.id);
        assert.equal(batches.length - batches0, ids.size + (kept.some((a) => !a.batch) ? 1 : 0),
            `batches stored (ids kept in the browser: ${[...ids].join(' ') || 'none'})`);
        for (const id of ids) assert.ok(batches.includes(id), `batch ${id} was not stored`);

        // exactly once: send again (a page, the 'online' event), and the same
        // batch once more as if the first answer had been lost on its way
        await page.goto(withLang(`/play/${band}`, lang, server.url), { waitUntil: 'load' });
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        if (ids.size) {
            const [id] = ids;
            const lines = kept.filter((a) => a.batch === id).map((a) => [a.band, a.id, a.step, a.choice, a.lang, a.day].join(' '));
            const again = await page.evaluate(async ({ id, lines }) => {
                const body = new URLSearchParams({ batch: id, answers: lines.join('\n') });
                const r = await fetch('/play/sync', { method: 'POST', body });
                return [r.status, await r.text()];
            }, { id, lines });
            assert.deepEqual(again, [200, 'stored before\n'], 'a batch sent again');
        }
        await sleep(2000);
        assert.deepEqual(storedRows(db, { scenario: story.id, lang }), want, 'the answers stored, after sending again');
        assert.equal(count('play_batches'), batches.length, 'batches stored, after sending again');
        assert.equal(count('play_events'), want.length, 'answers stored in all');
        noProblems(page, 'back online');
    } finally {
        if (session) await session.context.close();
        if (server) await stopServer(server);
        rmSync(tmp, { recursive: true, force: true });
    }
});

// ---- 4, 5. every page in six languages ---------------------------------------------

function pagesToCheck() {
    const u9 = STORIES.u9[0], mid = STORIES['9-12'][0], teen = STORIES['13-18'][0];
    const teenWay = longestPath(teen);
    const later = teenWay[1][0];
    const [endStep, endChoice] = teenWay[teenWay.length - 1];
    return [
        { name: 'play', path: '/play' },
        ...BANDS.map((b) => ({ name: `play-${b}`, path: `/play/${b}`, kept: true, shot: `play-${b}` })),
        { name: 'u9-scene', path: `/play/u9/${u9.id}`, zoom: true, shot: 'play-u9-story' },
        { name: '9-12-card', path: `/play/9-12/${mid.id}`, zoom: true, shot: 'play-9-12-story' },
        { name: '13-18-chat', path: `/play/13-18/${teen.id}`, zoom: true, shot: 'play-13-18-story' },
        { name: '13-18-chat-later', path: `/play/13-18/${teen.id}?step=${later}`, zoom: true },
        ...[[u9, 'u9'], [mid, '9-12'], [teen, '13-18']].map(([s, b]) => ({
            name: `${b}-feedback`, path: `/play/${b}/${s.id}/feedback?step=start&choice=a`, zoom: true,
        })),
        { name: '13-18-feedback-end', path: `/play/13-18/${teen.id}/feedback?step=${endStep}&choice=${endChoice}`,
            zoom: true, end: true },
        { name: 'tips', path: '/play/tips' },
        { name: 'help', path: '/play/help' },
        { name: 'help-bullied', path: '/play/help/bullied' },
        { name: 'checkup', path: '/play/checkup' },
        { name: 'sort', path: '/play/9-12/sort' },
        { name: 'sort-result', path: '/play/9-12/sort', submit: true },
        { name: 'passphrase', path: '/play/9-12/passphrase' },
        { name: 'join', path: '/play/join' },
        { name: 'exit', path: '/exit' },
    ];
}

// Sorts the messages of "Safe or scam?": the odd ones as safe, the even
// ones as scams; returns how many are right.
async function sortMessages(page) {
    const game = MINIGAMES.get('scam-sort');
    let right = 0;
    for (let n = 1; game.fields.has(`msg.${n}.kind`); n++) {
        const pick = n % 2 ? 'safe' : 'scam';
        await page.locator(`#m${n}-${pick}`).check();
        if (game.fields.get(`msg.${n}.kind`) === pick) right++;
    }
    return { right, total: [...game.fields.keys()].filter((k) => /^msg\.\d+\.kind$/.test(k)).length };
}

async function checkPlayPage(page, lang, pg) {
    const at = `${pg.name} [${lang}] ${pg.path}${pg.submit ? ' (answered)' : ''}`;
    const errors = [];
    page.problems.length = 0;
    let resp = await page.goto(withLang(pg.path, lang), { waitUntil: 'load' });
    if (pg.submit) {
        const { right, total } = await sortMessages(page);
        [resp] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
            page.locator('form.sort button[type="submit"]').click(),
        ]);
        await page.waitForLoadState('load');
        const want = translate(lang, 'You sorted {right} of {total} messages right.')
            .replace('{right}', right).replace('{total}', total);
        const score = await page.locator('.score').textContent().catch(() => null);
        if (score !== want) errors.push(`${at}: the score says "${score}", expected "${want}"`);
        const marked = await page.locator('.sort-list .answer').count();
        if (marked !== total) errors.push(`${at}: ${marked} answers marked, expected ${total}`);
    }
    assert.equal(resp.status(), 200, `${at}: HTTP status`);
    summary.views++;

    const html = await htmlLang(page);
    const rtl = RTL.has(lang);
    if (html.lang !== lang) errors.push(`${at}: <html lang="${html.lang}">, expected "${lang}"`);
    if (html.dir !== (rtl ? 'rtl' : 'ltr')) errors.push(`${at}: <html dir="${html.dir}">, expected "${rtl ? 'rtl' : 'ltr'}"`);
    if (pg.end && (await page.locator('section.ending').count()) !== 1)
        errors.push(`${at}: not the end of the story`);

    // the band's page shows that it is kept, then axe sees it as a child does
    if (pg.kept) {
        const kept = await waitKept(page);
        if (kept !== 'kept') errors.push(`${at}: offline: ${kept}`);
    }

    for (const v of await runAxe(page)) {
        for (const n of v.nodes) {
            summary.violations++;
            errors.push(`${at}: axe ${v.id} (${v.impact}): ${v.help}\n    target ${JSON.stringify(n.target)}` +
                `\n    ${(n.failureSummary || '').replace(/\n/g, '\n    ')}`);
        }
    }

    const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    const sw = await scrollWidth();
    if (sw > WIDTH) errors.push(`${at}: scrolls sideways (scrollWidth ${sw} > ${WIDTH})`);

    if (pg.shot && (lang === 'en' || lang === 'ar'))
        await page.screenshot({ path: path.join(SHOTS, `${pg.shot}-${lang}-${WIDTH}.png`), fullPage: true });

    // the text at 200 % (what a browser's text size setting does; CSSOM,
    // which the Content-Security-Policy allows)
    if (pg.zoom) {
        const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize));
        const before = await size();
        await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
        const zoomed = await size();
        if (Math.abs(zoomed - 2 * before) > 0.5) errors.push(`${at}: the text did not grow to 200 % (${before} px, then ${zoomed} px)`);
        const sw2 = await scrollWidth();
        if (sw2 > WIDTH) errors.push(`${at}: with the text at 200 %, scrolls sideways (scrollWidth ${sw2} > ${WIDTH})`);
        await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
        summary.zoomed++;
    }

    for (const problem of page.problems) errors.push(`${at}: ${problem}`);
    if (errors.length) assert.fail(`${errors.length} problem(s):\n  ${errors.join('\n  ')}`);
}

test(`every play page in six languages at ${WIDTH} px: axe, no sideways scrolling`, async (t) => {
    const pages = pagesToCheck();
    for (const lang of LANGS) {
        const { context, page } = await newSession(browser, { width: WIDTH, height: HEIGHT });
        try {
            for (const pg of pages) {
                await t.test(`${pg.name} [${lang}]${pg.submit ? ' (answered)' : ''}`, async () => {
                    summary.pages++;
                    summary.languages.add(lang);
                    try {
                        await checkPlayPage(page, lang, pg);
                    } catch (e) {
                        summary.failed++;
                        throw e;
                    }
                });
            }
        } finally {
            await context.close();
        }
    }
});

test('no request went to a host other than 127.0.0.1', () => {
    assert.deepEqual(foreign, [], `requests to other hosts:\n  ${foreign.join('\n  ')}`);
});
