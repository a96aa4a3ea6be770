// The learning area in the browser, run by tests/browser/run (which
// starts the server and creates the learner account):
//   a learner signs in, enrols in a course and takes a module's quiz in
//   English, every answer right (read from content/learn/), and passes;
//   then another module's quiz in Arabic, every answer wrong, and does
//   not pass; the pages are in the quiz's language and direction, the
//   results say which answers were right, and axe-core finds no WCAG
//   2.0/2.1 A or AA violation on the quiz and its result.
//
// Only node:test, node:assert, playwright-core and axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env, RTL, launchBrowser, newSession, foreign, withLang, runAxe, translate, firstSignIn }
    from './lib.mjs';

const LEARNER = { user: env('COPHUB_LEARNER_USER'), first: env('COPHUB_LEARNER_PASSWORD') };
const DATA = env('COPHUB_DATA');
const COURSE = 'parents-carers';

let browser;
before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    if (browser) await browser.close();
});

// The right options of each question of a record of course.txt:
// { N: Set of letters }.
function rightAnswers(record) {
    const text = readFileSync(path.join(DATA, 'content/learn', COURSE, 'course.txt'), 'utf8');
    const right = {};
    let inside = false;
    for (const line of text.split('\n')) {
        const head = line.match(/^\[([a-z0-9-]+)\]$/);
        if (head) {
            inside = head[1] === record;
            continue;
        }
        const m = inside && line.match(/^q\.(\d+)\.([a-f])\.right:\s*(yes|no)$/);
        if (m) {
            right[m[1]] ??= new Set();
            if (m[3] === 'yes') right[m[1]].add(m[2]);
        }
    }
    assert.ok(Object.keys(right).length >= 4, `no questions found for [${record}]`);
    return right;
}

// Ticks, for each question, the right options or (wrong) only wrong ones.
async function answer(page, right, wrong) {
    const fieldsets = page.locator('main form.quiz fieldset');
    const n = await fieldsets.count();
    assert.equal(n, Object.keys(right).length, 'questions on the page');
    for (let i = 0; i < n; i++) {
        const inputs = fieldsets.nth(i).locator('input');
        let ticked = 0;
        for (let k = 0; k < await inputs.count(); k++) {
            const input = inputs.nth(k);
            const [, q, letter] = (await input.getAttribute('id')).match(/^q(\d+)-([a-f])$/);
            const single = (await input.getAttribute('type')) === 'radio';
            if (right[q].has(letter) === wrong || (single && ticked))
                continue;
            await input.check();
            ticked++;
        }
        assert.ok(ticked > 0, `question ${i + 1}: nothing to tick`);
    }
}

async function noViolations(page, where) {
    const v = await runAxe(page);
    assert.deepEqual(v.map((x) => `${x.id}: ${x.help}`), [], `${where}: axe violations`);
    assert.deepEqual(page.problems.splice(0), [], `${where}: problems`);
}

async function send(page) {
    const [resp] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
        page.click('main form.quiz button[type="submit"]'),
    ]);
    await page.waitForLoadState('load');
    return resp;
}

test('a learner takes a quiz in English and in Arabic', async () => {
    const { context, page } = await newSession(browser, { width: 360, height: 800 });
    try {
        await firstSignIn(page, LEARNER);
        await page.goto(withLang(`/learn/${COURSE}`, 'en'));
        await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
            page.click(`main form[action="/learn/${COURSE}/enrol"] button[type="submit"]`),
        ]);
        await page.waitForLoadState('load');

        // English: every answer right
        const m1 = 'm1-online-lives';
        await page.goto(withLang(`/learn/${COURSE}/quiz/${m1}`, 'en'), { waitUntil: 'load' });
        await noViolations(page, 'quiz [en]');
        const r1 = rightAnswers(m1);
        await answer(page, r1, false);
        assert.equal((await send(page)).status(), 200);
        const total1 = Object.keys(r1).length;
        assert.equal((await page.locator('#score').textContent()).trim(),
            `Your score: 100 % (${total1} of ${total1} questions right)`);
        assert.match(await page.locator('main').textContent(), /Passed\. Well done\./);
        assert.equal(await page.locator('main .quiz-results .not-yet').count(), 0, 'a wrong mark');
        await noViolations(page, 'result [en]');

        // Arabic: every answer wrong
        const m2 = 'm2-talking-listening';
        const r2 = rightAnswers(m2);
        await page.goto(withLang(`/learn/${COURSE}/quiz/${m2}`, 'ar'), { waitUntil: 'load' });
        assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
            ['ar', RTL.has('ar') ? 'rtl' : 'ltr']);
        assert.match(await page.locator('main h1').textContent(), /[\u0600-\u06FF]/, 'the heading is not Arabic');
        await noViolations(page, 'quiz [ar]');
        await answer(page, r2, true);
        assert.equal((await send(page)).status(), 200);
        const total2 = Object.keys(r2).length;
        assert.equal(await page.locator('main .quiz-results .ok').count(), 0, 'a right mark');
        assert.equal(await page.locator('main .quiz-results .not-yet').count(), total2);
        assert.match(await page.locator('#score').textContent(), /0 %/);
        assert.ok((await page.locator('main').textContent()).includes(translate('ar', 'Try again')),
            'no "Try again" in Arabic');
        await noViolations(page, 'result [ar]');

        // the course page shows both
        await page.goto(withLang(`/learn/${COURSE}`, 'en'), { waitUntil: 'load' });
        const text = await page.locator('main').textContent();
        assert.match(text, /passed, best score 100 %/);
        assert.match(text, /not passed yet, best score 0 %/);
        assert.deepEqual(foreign, [], 'requests to other hosts');
    } finally {
        await context.close();
    }
});
