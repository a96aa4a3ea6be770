// cophub's browser suite, run by tests/browser/run (which starts the server
// and sets the environment variables below).  For every page of the layout,
// in English and Arabic (the home page in all six languages), signed out,
// signed in as the administrator and as a national coordinator:
//   - axe-core finds no WCAG 2.0/2.1 A or AA violation, at 1280 and 360 px;
//   - at 360 px the page does not scroll sideways;
//   - <html lang dir> is right, and in Arabic the header mirrors (the brand
//     is on the right half at 1280 px; in the other languages on the left);
//   - the first Tab focuses the skip link, which shows inside the viewport,
//     and Enter on it moves the focus to main#main;
//   - the page breaks no Content-Security-Policy rule and throws nothing;
//   - no request ever goes to a host other than 127.0.0.1.
// Screenshots: $COPHUB_SCREENSHOTS/NAME-LANG-{360,1280}.png.
//
// Only node:test, node:assert, playwright-core (driving Debian's Chromium)
// and axe-core: see package.json; what it shares with play.test.mjs is in
// lib.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { env, BASE, LANGS, RTL, launchBrowser, newSession as session, foreign, withLang, runAxe, translate,
    firstSignIn } from './lib.mjs';

const ADMIN = { user: env('COPHUB_ADMIN_USER'), first: env('COPHUB_ADMIN_PASSWORD') };
const COORD = { user: env('COPHUB_COORD_USER'), first: env('COPHUB_COORD_PASSWORD') };
const VALIDATOR = { user: env('COPHUB_VALIDATOR_USER'), first: env('COPHUB_VALIDATOR_PASSWORD') };
// the plan version the coordinator submits, which the validator reviews
let submittedPlan = null;
const SHOTS = env('COPHUB_SCREENSHOTS');
mkdirSync(SHOTS, { recursive: true });

const WIDTHS = [1280, 360];
const HEIGHT = 800;

// The skip link's text in each language, from the translations in po/.
const skipText = (lang) => translate(lang, 'Skip to the main content');

let browser;
const summary = { pages: 0, failed: 0, views: 0, violations: 0, languages: new Set() };

before(async () => {
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    console.log(`\nbrowser suite: ${summary.pages} pages checked, ${summary.failed} failed ` +
        `(${summary.views} views at ${WIDTHS.join(' and ')} px, ` +
        `languages ${[...summary.languages].join(' ')}), axe violations: ${summary.violations}, ` +
        `requests to other hosts: ${foreign.length}; screenshots in ${SHOTS}`);
});

// A browser context (its own cookies) whose page records what goes wrong.
const newSession = () => session(browser, { width: WIDTHS[0], height: HEIGHT });

// Checks one page in one language at every width; throws listing every problem.
async function checkPage(page, opts) {
    summary.pages++;
    summary.languages.add(opts.lang);
    try {
        await checkPageAt(page, opts);
    } catch (e) {
        summary.failed++;
        throw e;
    }
}

// reach(page, url), when given, gets to the page instead of a GET of url
// (a page that only a form's answer shows) and returns the response.
async function checkPageAt(page, { name, path: p, lang, status = 200, reach }) {
    const url = withLang(p, lang);
    const label = `${name} [${lang}] ${p}`;
    const errors = [];
    const rtl = RTL.has(lang);
    for (const width of WIDTHS) {
        const at = `${label} @${width}px`;
        page.problems.length = 0;
        await page.setViewportSize({ width, height: HEIGHT });
        const resp = reach ? await reach(page, url) : await page.goto(url, { waitUntil: 'load' });
        assert.equal(resp.status(), status, `${at}: HTTP status`);
        summary.views++;

        // language and direction
        const html = await page.evaluate(() => ({
            lang: document.documentElement.getAttribute('lang'),
            dir: document.documentElement.getAttribute('dir'),
        }));
        if (html.lang !== lang) errors.push(`${at}: <html lang="${html.lang}">, expected "${lang}"`);
        if (html.dir !== (rtl ? 'rtl' : 'ltr')) errors.push(`${at}: <html dir="${html.dir}">, expected "${rtl ? 'rtl' : 'ltr'}"`);

        // accessibility
        for (const v of await runAxe(page)) {
            for (const n of v.nodes) {
                summary.violations++;
                errors.push(`${at}: axe ${v.id} (${v.impact}): ${v.help}\n    target ${JSON.stringify(n.target)}` +
                    `\n    ${(n.failureSummary || '').replace(/\n/g, '\n    ')}`);
            }
        }

        // no sideways scrolling on a phone
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) errors.push(`${at}: scrolls sideways (scrollWidth ${scrollWidth} > ${width})`);

        // the header mirrors in right-to-left languages
        if (width === 1280) {
            const header = await page.locator('header.top').boundingBox();
            const brand = await page.locator('header.top a.brand').boundingBox();
            const mid = header.x + header.width / 2;
            if (rtl && !(brand.x >= mid))
                errors.push(`${at}: the brand link is not on the right half of the header (x ${brand.x}, middle ${mid})`);
            if (!rtl && !(brand.x + brand.width <= mid))
                errors.push(`${at}: the brand link is not on the left half of the header (x ${brand.x}, middle ${mid})`);
        }

        // the main navigation lines up with the brand above it (inline start)
        const edges = await page.evaluate(() => {
            const start = (el) => {
                const r = el.getBoundingClientRect();
                return document.documentElement.dir === 'rtl' ? window.innerWidth - r.right : r.left;
            };
            const first = document.querySelector('.main-nav li');
            return { brand: start(document.querySelector('header.top a.brand')), nav: first && start(first) };
        });
        if (edges.nav === null || Math.abs(edges.nav - edges.brand) > 2)
            errors.push(`${at}: the main navigation starts ${edges.nav} px from the edge, the brand ${edges.brand} px`);

        await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });

        // keyboard: Tab reaches the skip link first, Enter moves to <main>
        await page.keyboard.press('Tab');
        const skip = await page.evaluate(() => {
            const a = document.activeElement;
            if (!a || !a.matches('a.skip')) return { tag: a ? a.outerHTML.slice(0, 80) : 'nothing' };
            const r = a.getBoundingClientRect();
            return {
                ok: true, href: a.getAttribute('href'), text: a.textContent.trim(),
                inside: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 &&
                    r.right <= window.innerWidth && r.bottom <= window.innerHeight,
                box: [r.left, r.top, r.right, r.bottom].map(Math.round),
                visible: getComputedStyle(a).visibility !== 'hidden' && getComputedStyle(a).opacity !== '0',
            };
        });
        if (!skip.ok) {
            errors.push(`${at}: the first Tab focuses ${skip.tag}, not the skip link`);
        } else {
            const want = skipText(lang);
            if (skip.text !== want) errors.push(`${at}: the skip link says "${skip.text}", expected "${want}"`);
            if (skip.href !== '#main') errors.push(`${at}: the skip link goes to "${skip.href}"`);
            if (!skip.inside || !skip.visible)
                errors.push(`${at}: the focused skip link is not visible inside the viewport (box ${skip.box})`);
            await page.keyboard.press('Enter');
            const moved = await page.waitForFunction(
                () => document.activeElement && document.activeElement.matches('main#main'),
                null, { timeout: 3000 }).then(() => true, () => false);
            if (!moved) {
                const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
                errors.push(`${at}: Enter on the skip link left the focus on ${where}, not main#main`);
            }
        }

        for (const problem of page.problems) errors.push(`${at}: ${problem}`);
    }
    if (errors.length) assert.fail(`${errors.length} problem(s):\n  ${errors.join('\n  ')}`);
}

// Signs in with the one-time password and chooses a new one, checking the
// forced password page on the way.
const signIn = (t, page, account, prefix) => firstSignIn(page, account, () =>
    t.test(`account-password-first [en] (${account.user})`, () =>
        checkPage(page, { name: `${prefix}account-password-first`, path: '/account/password', lang: 'en' })));

const PUBLIC_PAGES = [
    { name: 'home', path: '/' },
    { name: 'play', path: '/play' },
    { name: 'learn', path: '/learn' },
    { name: 'course', path: '/learn/parents-carers' },
    { name: 'lesson', path: '/learn/parents-carers/m4-images-and-sextortion' },
    { name: 'verify-unknown', path: '/verify/ZZZZ-2222', status: 404 },
    { name: 'library', path: '/library' },
    { name: 'library-set', path: '/library/parents' },
    { name: 'library-chapter', path: '/library/parents/online-lives' },
    { name: 'library-children', path: '/library/children/people' },
    { name: 'library-checklist', path: '/library/parents/checklist' },
    { name: 'library-search', path: '/library/search?q=grooming' },
    { name: 'library-languages', path: '/library/languages' },
    { name: 'library-in-zh', path: '/library/parents/risks?in=zh' },
    { name: 'policy', path: '/policy' },
    { name: 'policy-framework', path: '/policy/framework' },
    // the children's page of KE's taskforce (seeded below: children have no accounts)
    { name: 'taskforce-children', path: '/taskforce/KE' },
    { name: 'dashboard', path: '/dashboard' },
    { name: 'login', path: '/login' },
    { name: 'signup', path: '/signup' },
    { name: 'reset', path: '/reset' },
    { name: '404', path: '/no-such-page', status: 404 },
];

// KE's taskforce with one answered recommendation, written straight into the
// database when the coordinator's test has not made it through the forms.
const seedTaskforce = () => execFileSync('sqlite3', [env('COPHUB_TEST_DB'), `
    INSERT INTO taskforces (country, name, mandate, created_at)
        SELECT 'KE', 'Children''s online taskforce', '', 0
        WHERE NOT EXISTS (SELECT 1 FROM taskforces WHERE country = 'KE');
    INSERT INTO taskforce_recommendations (taskforce_id, country, body, status, response, created_at)
        SELECT id, 'KE', 'Every school app should have a report button.', 'accepted',
            'The ministry is adding a report button to the school app.', 0
        FROM taskforces WHERE country = 'KE'
        AND NOT EXISTS (SELECT 1 FROM taskforce_recommendations);`]);

test('signed out: every page in English and Arabic, the home page in six languages', async (t) => {
    const { context, page } = await newSession();
    try {
        seedTaskforce();
        for (const lang of ['en', 'ar'])
            for (const pg of PUBLIC_PAGES)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));
        for (const lang of LANGS.filter((l) => l !== 'en' && l !== 'ar'))
            await t.test(`home [${lang}]`, () => checkPage(page, { name: 'home', path: '/', lang }));
    } finally {
        await context.close();
    }
});

test('signed in as the administrator', async (t) => {
    const { context, page } = await newSession();
    try {
        await signIn(t, page, ADMIN, '');
        await page.goto(withLang('/admin/users', 'en'));
        const href = await page.locator('main table a', { hasText: COORD.user }).getAttribute('href');
        assert.match(href, /^\/admin\/users\/\d+$/, `no link to ${COORD.user} on /admin/users`);
        const pages = [
            { name: 'account', path: '/account' },
            { name: 'account-password', path: '/account/password' },
            { name: 'admin', path: '/admin' },
            { name: 'admin-users', path: '/admin/users' },
            { name: 'admin-user', path: href },
            { name: 'admin-countries', path: '/admin/countries' },
            { name: 'admin-country', path: '/admin/countries/KE' },
            // the translation workflow: progress, staff, a set, the editor
            // (an Arabic target beside the English source), the glossary
            { name: 'translate', path: '/translate' },
            { name: 'translate-staff', path: '/translate/staff' },
            { name: 'translate-set', path: '/translate/ar/children' },
            { name: 'translate-unit', path: '/translate/ar/children/unit?id=you-online%23title' },
            // a message of the interface with its six Arabic plural forms
            { name: 'translate-unit-plural', path: '/translate/ar/interface/unit?id=ui.6cc29218' },
            { name: 'translate-glossary', path: '/translate/ar/glossary' },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of pages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));

        await t.test('the editor: Ctrl+Enter saves and goes on, Ctrl+Up goes back', async () => {
            await page.goto(withLang('/translate/fr/children/unit?id=you-online%23title', 'en'), { waitUntil: 'load' });
            await page.fill('#text', 'Toi et Internet !');
            await Promise.all([
                page.waitForURL(/\/translate\/fr\/children\/unit\?id=you-online%23intro/),
                page.press('#text', 'Control+Enter'),
            ]);
            await page.waitForLoadState('load');
            await Promise.all([
                page.waitForURL(/\/translate\/fr\/children\/unit\?id=you-online%23title/),
                page.keyboard.press('Control+ArrowUp'),
            ]);
            await page.waitForLoadState('load');
            assert.equal(await page.inputValue('#text'), 'Toi et Internet !');
            assert.match(await page.locator('main .state').textContent(), /Waiting for review/);
        });
    } finally {
        await context.close();
    }
});

// A page that the class-code form answers with: the form at url, filled
// with `code` (and a nickname, when `nickname` is true), sent.
const joinWith = (code, nickname = false) => async (page, url) => {
    await page.goto(url, { waitUntil: 'load' });
    const send = async () => {
        const [resp] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
            page.click('main form[action="/play/join"] button[type="submit"]'),
        ]);
        await page.waitForLoadState('load');
        return resp;
    };
    await page.fill('#class-code', code);
    const resp = await send();
    if (!nickname) return resp;
    await page.locator('main input[name="nickname"]').first().check();
    return send();
};

test('signed in as a national coordinator; a class, and a child joining it', async (t) => {
    const { context, page } = await newSession();
    const child = await newSession();
    try {
        await signIn(t, page, COORD, 'coord-');
        // a class, as an educator creates it
        await page.goto(withLang('/classes', 'en'));
        await page.fill('#class-name', 'Class 5B');
        await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
            page.click('main form[action="/classes"] button[type="submit"]'),
        ]);
        await page.waitForLoadState('load');
        const row = page.locator('main table tr', { hasText: 'Class 5B' });
        const classPath = await row.locator('a').getAttribute('href');
        assert.match(classPath, /^\/classes\/\d+$/, 'the link to the class');
        const code = (await row.locator('code').textContent()).trim();
        assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'the class code');
        const pages = [
            { name: 'coord-account', path: '/account' },
            { name: 'coord-admin', path: '/admin' },
            { name: 'coord-admin-users', path: '/admin/users' },
            { name: 'coord-admin-country', path: '/admin/countries/KE' },
            { name: 'coord-helpline', path: '/admin/countries/KE/helpline' },
            { name: 'coord-classes', path: '/classes' },
            { name: 'coord-class', path: classPath },
            // the courses in draft, which only the people preparing them see
            { name: 'coord-learn', path: '/learn' },
            { name: 'coord-course', path: '/learn/parents-carers' },
            { name: 'coord-lesson', path: '/learn/parents-carers/m4-images-and-sextortion' },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of pages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));

        // a self-assessment: started, a capability answered and decided
        await page.goto(withLang('/policy', 'en'));
        await page.fill('#title', 'National self-assessment');
        await Promise.all([
            page.waitForURL(/\/policy\/assessments\/\d+$/),
            page.click('main form[action="/policy/assessments"] button[type="submit"]'),
        ]);
        const assessment = new URL(page.url()).pathname;
        await page.goto(withLang(`${assessment}/helpline`, 'en'));
        await page.check('#level-2');
        await page.check('#conf-medium');
        await page.fill('#evidence', 'A helpline answers in the capital only.');
        await Promise.all([
            page.waitForURL(/\/hotline\?saved=1$/),
            page.click(`main form[action="${assessment}/helpline"] button[type="submit"]`),
        ]);
        await page.goto(withLang(`${assessment}/helpline`, 'en'));
        await Promise.all([
            page.waitForURL(/\/helpline\?decided=1$/),
            page.click(`main form[action="${assessment}/helpline/decide"] button[type="submit"]`),
        ]);
        assert.ok(await page.locator('main .notice', { hasText: 'Decided: level 2' }).count(),
            'the decision is shown');
        // a national strategy, from a blank page
        await page.goto(withLang('/policy/strategies', 'en'));
        await page.fill('#title', 'National strategy 2026-2030');
        await Promise.all([
            page.waitForURL(/\/policy\/strategies\/\d+$/),
            page.click('main form[action="/policy/strategies"] button[type="submit"]'),
        ]);
        const strategy = new URL(page.url()).pathname;
        // its plan: an action added through the form
        await page.goto(withLang(`${strategy}/plan`, 'en'));
        await page.fill('#a-title', 'Extend the helpline to every region');
        await page.fill('#lead', 'Ministry of ICT');
        await page.fill('#starts', '2026-01-01');
        await page.fill('#ends', '2027-12-31');
        await Promise.all([
            page.waitForURL(/\/plan#objectives$/),
            page.click(`main form[action="${strategy}/plan/actions"] button[type="submit"]`),
        ]);
        assert.ok(await page.locator('main svg.gantt').count(), 'the timeline is drawn');
        // submitted for validation, and the country's figures published
        await Promise.all([
            page.waitForURL(/\/policy\/plans\/\d+$/),
            page.click(`main form[action="${strategy}/plan/submit"] button[type="submit"]`),
        ]);
        submittedPlan = new URL(page.url()).pathname;
        await page.goto(withLang('/policy', 'en'));
        await Promise.all([
            page.waitForURL(/\/policy#publish$/),
            page.click('main form[action="/policy/publish"] button[type="submit"]'),
        ]);
        // the national child taskforce: named, a meeting, a child admitted with
        // the guardian's consent, a recommendation answered
        await page.goto(withLang('/policy/taskforce/KE', 'en'));
        await page.fill('#tf-name', 'Kenya children\'s online taskforce');
        await Promise.all([
            page.waitForURL(/\/policy\/taskforce\/KE$/),
            page.click('main form[action="/policy/taskforce/KE"] button[type="submit"]'),
        ]);
        await page.fill('#held-on', '2026-03-14');
        await page.fill('#m-title', 'First meeting');
        await page.fill('#agenda', 'Welcome\nWhat worries you online');
        await Promise.all([
            page.waitForURL(/\/policy\/taskforce\/KE\/meetings\/\d+$/),
            page.click('main form[action="/policy/taskforce/KE/meetings"] button[type="submit"]'),
        ]);
        const meeting = new URL(page.url()).pathname;
        await page.goto(withLang('/policy/taskforce/KE', 'en'));
        await page.fill('#nickname', 'Blue Kite');
        await page.fill('#guardian', 'Mother');
        await page.fill('#consent-on', '2026-03-01');
        await page.check('#consent');
        await Promise.all([
            page.waitForURL(/\/policy\/taskforce\/KE#children$/),
            page.click('main form[action="/policy/taskforce/KE/children"] button[type="submit"]'),
        ]);
        await page.fill('#body', 'Every game should have a report button.');
        await Promise.all([
            page.waitForURL(/\/policy\/taskforce\/KE#rec-\d+$/),
            page.click('main form[action="/policy/taskforce/KE/recommendations"] button[type="submit"]'),
        ]);
        const policyPages = [
            { name: 'coord-taskforce', path: '/policy/taskforce/KE' },
            { name: 'coord-taskforce-meeting', path: meeting },
            { name: 'coord-taskforce-children', path: '/taskforce/KE' },
            { name: 'coord-plan', path: `${strategy}/plan` },
            { name: 'coord-strategies', path: '/policy/strategies' },
            { name: 'coord-strategy', path: strategy },
            { name: 'coord-strategy-section', path: `${strategy}/sections/vision` },
            { name: 'coord-policy', path: '/policy' },
            { name: 'coord-assessment', path: assessment },
            { name: 'coord-capability', path: `${assessment}/helpline` },
            { name: 'coord-assessment-result', path: `${assessment}/result` },
            { name: 'coord-plan-version', path: submittedPlan },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of policyPages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));

        // a course: enrolled, a module's quiz, and its result
        await page.goto(withLang('/learn/parents-carers', 'en'));
        await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
            page.click('main form[action="/learn/parents-carers/enrol"] button[type="submit"]'),
        ]);
        await page.waitForLoadState('load');
        assert.ok(await page.locator('main a[href="/learn/parents-carers/quiz/final"]').count(),
            'no link to the final quiz after enrolling');
        const answerQuiz = async (pg, url) => {
            await pg.goto(url, { waitUntil: 'load' });
            for (const fs of await pg.locator('main form.quiz fieldset').all())
                await fs.locator('input').first().check();
            const [resp] = await Promise.all([
                pg.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
                pg.click('main form.quiz button[type="submit"]'),
            ]);
            await pg.waitForLoadState('load');
            return resp;
        };
        const quizPages = [
            { name: 'coord-enrolled-course', path: '/learn/parents-carers' },
            { name: 'coord-quiz', path: '/learn/parents-carers/quiz/m1-online-lives' },
            { name: 'coord-quiz-result', path: '/learn/parents-carers/quiz/m1-online-lives', reach: answerQuiz },
            { name: 'coord-certificates', path: '/learn/certificates' },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of quizPages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));

        // a face-to-face training, scheduled through its form; its page as
        // its manager sees it (participants, attendance, waiting list),
        // the train-the-trainer path, the cascade and the country report
        await page.goto(withLang('/learn/trainings/new', 'en'));
        await page.check('#kind-training');
        await page.selectOption('#course', 'parents-carers');
        await page.fill('#title', 'Screens at home: an evening for parents');
        await page.fill('#starts', '2030-05-04T18:00');
        await page.fill('#ends', '2030-05-04T20:00');
        await page.fill('#place', 'Community hall');
        await page.selectOption('#audience', 'parents');
        await page.fill('#capacity', '25');
        await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
            page.click('main form[action="/learn/trainings"] button[type="submit"]'),
        ]);
        await page.waitForLoadState('load');
        const trainingPath = new URL(page.url()).pathname;
        assert.match(trainingPath, /^\/learn\/trainings\/\d+$/, 'sent on to the new training');
        // someone signs up, the coordinator adds them and ticks them
        // present: the page with its participants, and theirs with the
        // survey and the certificate of attendance
        const parent = await newSession();
        try {
            await parent.page.goto(withLang('/signup', 'en'));
            await parent.page.selectOption('#country', 'KE');
            await parent.page.check('#aud-parents');
            await parent.page.fill('#username', 'parent.browser');
            await parent.page.fill('#new-password', 'amber-lantern-river-42');
            await parent.page.fill('#new-password-again', 'amber-lantern-river-42');
            await Promise.all([
                parent.page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
                parent.page.click('main form[action="/signup"] button[type="submit"]'),
            ]);
            await parent.page.waitForLoadState('load');
            assert.equal(new URL(parent.page.url()).pathname, '/learn', 'signed up: on to the courses');
            await page.goto(withLang(trainingPath, 'en'));
            await page.fill('#add-user', 'parent.browser');
            await Promise.all([
                page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
                page.click(`main form[action="${trainingPath}/add"] button[type="submit"]`),
            ]);
            await page.waitForLoadState('load');
            await page.locator('main fieldset input[type="checkbox"]').first().check();
            await Promise.all([
                page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 303),
                page.click(`main form[action="${trainingPath}/attendance"] button[type="submit"]`),
            ]);
            await page.waitForLoadState('load');
            for (const lang of ['en', 'ar'])
                await t.test(`participant-training [${lang}]`, () =>
                    checkPage(parent.page, { name: 'participant-training', path: trainingPath, lang }));
            assert.equal(await parent.page.locator(`main form[action="${trainingPath}/feedback"]`).count(), 1,
                'who attended is offered the survey');
        } finally {
            await parent.context.close();
        }
        const trainingPages = [
            { name: 'coord-trainings', path: '/learn/trainings' },
            { name: 'coord-training-new', path: '/learn/trainings/new' },
            { name: 'coord-training', path: trainingPath },
            { name: 'coord-trainer-path', path: '/learn/trainer-path' },
            { name: 'coord-cascade', path: '/learn/cascade/KE' },
            { name: 'coord-report', path: '/learn/reports/KE' },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of trainingPages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));

        // the child's side: a wrong code, the nicknames, then in the class
        const childPages = [
            { name: 'join-wrong-code', path: '/play/join', status: 404, reach: joinWith('ZZZZ2222') },
            { name: 'join-nicknames', path: '/play/join', reach: joinWith(code) },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of childPages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(child.page, { ...pg, lang }));
        const joined = await joinWith(code, true)(child.page, withLang('/play/join', 'en'));
        assert.equal(joined.status(), 303, 'joining the class: sent on to the page that says so');
        for (const lang of ['en', 'ar'])
            await t.test(`join-member [${lang}]`, () =>
                checkPage(child.page, { name: 'join-member', path: '/play/join', lang }));
        assert.equal(await child.page.locator('main form[action="/play/leave"]').count(), 1,
            'a member can leave the class');
    } finally {
        await child.context.close();
        await context.close();
    }
});

test('signed in as a validator: the plans to review, a plan with its comment forms', async (t) => {
    assert.ok(submittedPlan, 'the coordinator submitted a plan');
    const { context, page } = await newSession();
    try {
        await signIn(t, page, VALIDATOR, 'validator-');
        const pages = [
            { name: 'validator-reviews', path: '/policy/reviews' },
            { name: 'validator-plan-version', path: submittedPlan },
        ];
        for (const lang of ['en', 'ar'])
            for (const pg of pages)
                await t.test(`${pg.name} [${lang}]`, () => checkPage(page, { ...pg, lang }));
        // a comment on the vision, then the plan returned
        await page.goto(withLang(submittedPlan, 'en'));
        await page.locator('#vision summary').click();
        await page.fill('#vision textarea[name="body"]', 'Say which children the vision covers.');
        await Promise.all([
            page.waitForURL(/#vision$/),
            page.click('#vision form button[type="submit"]'),
        ]);
        assert.ok(await page.locator('#vision blockquote', { hasText: 'Say which children' }).count(),
            'the comment is shown under its section');
        // the country's public page, now that it publishes its figures
        for (const lang of ['en', 'ar'])
            await t.test(`dashboard-country [${lang}]`, () =>
                checkPage(page, { name: 'dashboard-country', path: '/dashboard/KE', lang }));
    } finally {
        await context.close();
    }
});

test('the guidelines checklist keeps the ticks in this browser only', async () => {
    const { context, page } = await newSession();
    try {
        const url = withLang('/library/parents/checklist', 'en');
        await page.goto(url, { waitUntil: 'load' });
        const boxes = page.locator('main form.checklist input[type="checkbox"]');
        const n = await boxes.count();
        assert.ok(n > 1, 'the checklist has items');
        assert.equal((await page.locator('#checklist-count').textContent()).trim(), `0 / ${n}`);
        let posted = 0;
        page.on('request', (req) => { if (req.method() === 'POST') posted++; });
        await boxes.nth(1).check();
        assert.equal((await page.locator('#checklist-count').textContent()).trim(), `1 / ${n}`);
        await page.reload({ waitUntil: 'load' });
        assert.ok(await boxes.nth(1).isChecked(), 'the tick is still there after a reload');
        assert.ok(!(await boxes.nth(0).isChecked()), 'only what was ticked');
        assert.equal(posted, 0, 'ticking sends nothing');
        const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.click('main form.checklist button[type="submit"]'),
        ]);
        assert.match(download.suggestedFilename(), /^checklist-parents\.pdf$/);
    } finally {
        await context.close();
    }
});

test('no request went to a host other than 127.0.0.1', () => {
    assert.deepEqual(foreign, [], `requests to other hosts:\n  ${foreign.join('\n  ')}`);
});

test('the offline bundle: unpacked, opened from file:// without a server, searched', async (t) => {
    const resp = await fetch(`${BASE}/library/bundle?in=fr`);
    assert.equal(resp.status, 200);
    assert.equal(resp.headers.get('content-type'), 'application/zip');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cophub-bundle-'));
    const { context, page } = await newSession();
    try {
        writeFileSync(path.join(dir, 'fr.zip'), Buffer.from(await resp.arrayBuffer()));
        execFileSync('unzip', ['-q', path.join(dir, 'fr.zip'), '-d', dir]);
        const root = pathToFileURL(path.join(dir, 'cophub-guidelines-fr')).href;
        const axeClean = async (what) => {
            const v = await runAxe(page);
            assert.deepEqual(v.map((x) => `${x.id}: ${x.help}`), [], `axe on ${what}`);
        };
        await t.test('the first page, a set, a chapter: plain links', async () => {
            await page.goto(`${root}/index.html`);
            assert.equal(await page.getAttribute('html', 'lang'), 'fr');
            await axeClean('index.html');
            await page.click('main a[href="children/index.html"]');
            assert.match(page.url(), /\/children\/index\.html$/);
            assert.match(await page.textContent('h1'), /Lignes directrices pour les enfants/);
            await page.click('main ol.toc > li:first-child > a');
            assert.match(page.url(), /\/children\/you-online\.html$/);
            assert.match(await page.textContent('h1'), /Toi et Internet/);
            assert.ok(await page.locator('li#you-online\\.rights\\.1').count(), 'the items, by id');
            await axeClean('a chapter');
        });
        await t.test('search from the page, in the bundle\'s index', async () => {
            await page.goto(`${root}/search.html`);
            await page.fill('#library-q', 'pédopiégeage');
            await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#library-q', 'Enter')]);
            const link = page.locator('#search-results a[href="parents/risks.html#risks.grooming"]');
            assert.equal(await link.count(), 1, 'a result links to the item');
            assert.match(await page.textContent('#search-status'), /[1-9]/);
            await axeClean('search results');
            await link.click();
            assert.match(page.url(), /\/parents\/risks\.html#risks\.grooming$/);
            assert.ok(await page.locator('section#risks\\.grooming').count());
            // accents and case do not matter; nothing found is said
            await page.goto(`${root}/search.html?q=PEDOPIEGEAGE`);
            assert.ok(await page.locator('#search-results li').count() > 0);
            await page.goto(`${root}/search.html?q=zzqqxx`);
            assert.equal(await page.locator('#search-results li').count(), 0);
            assert.match(await page.textContent('#search-status'), new RegExp(translate('fr', 'Nothing found. Try other words, or fewer.').slice(0, 12)));
        });
        assert.deepEqual(page.problems, [], 'script errors or requests elsewhere');
        // axe-core reads the style sheets again by XHR, which file:// refuses;
        // the page itself loads them
        assert.deepEqual(page.failed.filter((f) => !/ \(xhr\): /.test(f)), [], 'files the bundle lacks');
    } finally {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
    }
});
