// tests/browser/run.js - the pages in a real browser: Chromium, headless,
// driven by playwright-core (no test runner).  Prints TAP-style lines,
// "ok - ..." / "not ok - ..." with details after as "#   ..." lines, like
// the CLI tests; exits 1 when something failed.
//
// tests/browser/run.sh starts `ctmatrix serve` on the imported 2018 matrix
// with its accounts and passes, in the environment:
//   BASE       the server's URL, e.g. http://127.0.0.1:43211
//   PASSWORD   the password of every account
//   SEC        the login of a secretariat account
//   FP         the login of a focal point, FP_ENTITY its entity's key
//   CHROMIUM   the browser (default /usr/bin/chromium)
"use strict";
const { chromium } = require("playwright-core");

const BASE = (process.env.BASE || "").replace(/\/$/, "");
const PASSWORD = process.env.PASSWORD || "";
const SEC = process.env.SEC || "sec";
const FP = process.env.FP || "fp";
const FP_ENTITY = process.env.FP_ENTITY || "UNICRI";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let failed = 0;
const say = (ok, name, detail) => {
	console.log(`${ok ? "ok" : "not ok"} - ${name}`);
	if (!ok) failed++;
	if (!ok && detail)
		for (const l of String(detail).split("\n").slice(0, 12))
			console.log(`#   ${l}`);
};
// test NAME FN: run FN (async), one TAP line; an exception is a failure.
async function test(name, fn, ms = 45000) {
	let timer;
	try {
		await Promise.race([fn(), new Promise((_, rej) => {
			timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms);
		})]);
		say(true, name);
	} catch (e) {
		say(false, name, e instanceof Failure ? e.message : e && e.stack ? e.stack : e);
	} finally {
		clearTimeout(timer);
	}
}
// A failed check says what it expected; any other exception, where.
class Failure extends Error {}
function assert(cond, msg) {
	if (!cond) throw new Failure(msg);
}
function eq(actual, expected, what) {
	if (actual !== expected)
		throw new Failure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function api(path) {
	const r = await fetch(BASE + "/api/v1" + path);
	if (!r.ok) throw new Error(`GET /api/v1${path}: ${r.status}`);
	return r.json();
}

// Every page's console errors and failed scripts (a CSP violation is one),
// and every dialog the pages open, by page.
const consoleErrors = [];
const faviconErrors = [];
const dialogs = [];
function watch(page) {
	page.on("console", (m) => {
		// The status of a page itself (a 404 page, a 422 form) is not an error.
		if (m.type() !== "error" || (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) &&
			m.location().url === page.url()))
			return;
		// The browser asks every site for /favicon.ico: counted apart.
		if (new URL(m.location().url || page.url()).pathname === "/favicon.ico")
			faviconErrors.push(`${page.url()}: ${m.text()}`);
		else
			consoleErrors.push(`${page.url()}: ${m.text()} (${m.location().url})`);
	});
	page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
	page.on("dialog", async (d) => {
		dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`);
		await d.dismiss().catch(() => {});
	});
	page.setDefaultTimeout(15000);
	return page;
}

// Sign in through the form; the page ends where the form sends it.
async function signIn(page, login, password) {
	await page.goto(BASE + "/login");
	await page.fill("#login", login);
	await page.fill("#password", password);
	await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
}

// The caption's count, "176 projects, 1 to 50 shown" -> 176.
async function captionCount(page) {
	const t = await page.locator("#results caption").first().textContent();
	const m = /([\d,\u202f\u00a0 ]+)\s+projects?/.exec(t);
	assert(m, `no count in the caption: ${t}`);
	return Number(m[1].replace(/\D/g, ""));
}

async function main() {
	if (!BASE) {
		say(false, "BASE names the server (run tests/browser/run.sh)");
		return;
	}
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [],
	});
	try {
		await scenarios(browser);
	} finally {
		await browser.close();
	}
}

async function scenarios(browser) {
	const all = await api("/projects?limit=1000");
	const mine = all.projects.filter((p) => p.entities.some((e) => e.key === FP_ENTITY));
	const others = all.projects.filter((p) => !p.entities.some((e) => e.key === FP_ENTITY));
	assert(mine.length >= 2 && others.length >= 1, "the data has projects of the focal point's entity and others");
	const EDITED = await api(`/projects/${mine[mine.length - 1].id}`), XSSP = mine[mine.length - 2], OTHER = others[0];

	const pub = await browser.newContext();
	const secCtx = await browser.newContext();
	const fpCtx = await browser.newContext();

	// --- signing in -----------------------------------------------------------
	await test("a wrong password through the form: the form again, with the message as an alert", async () => {
		const page = watch(await pub.newPage());
		await signIn(page, SEC, "not the password");
		assert(new URL(page.url()).pathname === "/login", `at ${page.url()}`);
		const alert = await page.getByRole("alert").textContent();
		assert(/wrong/.test(alert), `alert: ${alert}`);
		eq(await page.inputValue("#login"), SEC, "the login is kept");
		eq(await page.getAttribute("#password", "aria-describedby"), "login-error", "the password field points at the message");
		await page.close();
	});
	await test("log in through the form: back to the matrix, signed in as the secretariat", async () => {
		const page = watch(await secCtx.newPage());
		await signIn(page, SEC, PASSWORD);
		eq(new URL(page.url()).pathname, "/", "where the form leads");
		const who = await page.locator("header .who").textContent();
		assert(who.includes(SEC) && who.includes("secretariat"), `the header says ${who}`);
		assert(await page.getByRole("link", { name: "Data quality" }).isVisible(), "the findings in the menu");
		const cookies = await secCtx.cookies();
		const s = cookies.find((c) => c.name === "ctm_session");
		assert(s && s.httpOnly && s.sameSite === "Strict", `the session cookie: ${JSON.stringify(s)}`);
		eq(await page.evaluate(() => document.cookie.includes("ctm_session")), false, "the script cannot read the session cookie");
		await page.close();
	});
	await test("a page that needs signing in (401) links to the form, which comes back to it", async () => {
		const page = watch(await fpCtx.newPage());
		const r = await page.goto(BASE + "/findings");
		eq(r.status(), 401, "GET /findings as the public");
		await Promise.all([page.waitForNavigation(), page.locator('main a[href^="/login?next="]').click()]);
		await page.fill("#login", FP);
		await page.fill("#password", PASSWORD);
		await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
		eq(new URL(page.url()).pathname, "/findings", "where the form leads");
		assert((await page.locator("header .who").textContent()).includes(FP_ENTITY), "signed in as the focal point");
		await page.close();
	});

	// --- filtering the matrix ------------------------------------------------
	const want = await api("/projects?pillar=II&entity=UNODC&limit=1");
	const wantII = await api("/projects?pillar=II&limit=1");
	await test("filter the matrix: the lists apply themselves (app.js), the caption counts, every row is UNODC's under pillar II", async () => {
		const page = watch(await pub.newPage());
		await page.goto(BASE + "/");
		const before = await captionCount(page);
		eq(before, all.total, "the caption before filtering");
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get("pillar") === "II"),
			page.selectOption("#f-pillar", "II"),
		]);
		eq(await captionCount(page), wantII.total, "the caption after choosing pillar II");
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get("entity") === "UNODC"),
			page.selectOption("#f-entity", "UNODC"),
		]);
		const u = new URL(page.url());
		eq(u.searchParams.get("pillar"), "II", "the pillar is kept");
		const n = await captionCount(page);
		eq(n, want.total, "the caption after choosing UNODC (as the API counts)");
		assert(n < before && n > 0, `the count changed: ${before} -> ${n}`);
		eq(await page.inputValue("#f-pillar"), "II", "the pillar list shows the choice");
		eq(await page.inputValue("#f-entity"), "UNODC", "the entity list shows the choice");
		const rows = page.locator("#results table.matrix tbody tr");
		eq(await rows.count(), Math.min(n, 50), "rows shown");
		const bad = await rows.evaluateAll((trs) => trs.filter((tr) =>
			!tr.cells[0].textContent.trim().startsWith("II") ||
			!tr.cells[2].querySelector('a[href="/organisations/UNODC"]')).map((tr) => tr.textContent.trim().slice(0, 80)));
		eq(bad.length, 0, `rows not UNODC's under pillar II: ${bad.join(" | ")}`);
		await page.close();
	});
	await test("filter the matrix without JavaScript: the Filter button", async () => {
		const ctx = await browser.newContext({ javaScriptEnabled: false });
		const page = watch(await ctx.newPage());
		await page.goto(BASE + "/");
		await page.selectOption("#f-pillar", "II");
		await page.selectOption("#f-entity", "UNODC");
		eq(new URL(page.url()).search, "", "nothing sent before the button");
		await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Filter" }).click()]);
		const u = new URL(page.url());
		eq(`${u.searchParams.get("pillar")} ${u.searchParams.get("entity")}`, "II UNODC", "the query");
		eq(await captionCount(page), want.total, "the caption");
		const bad = await page.locator("#results table.matrix tbody tr").evaluateAll((trs) =>
			trs.filter((tr) => !tr.cells[2].querySelector('a[href="/organisations/UNODC"]')).length);
		eq(bad, 0, "rows without UNODC");
		await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Clear" }).click()]);
		eq(await captionCount(page), all.total, "Clear shows every project again");
		await ctx.close();
	});
	await test("a filter that names nothing: 400, the message in the page, the form kept", async () => {
		const page = watch(await pub.newPage());
		const r = await page.goto(BASE + "/?entity=nosuch");
		eq(r.status(), 400, "status");
		const alert = await page.getByRole("alert").textContent();
		assert(alert.includes('"nosuch"'), `the alert says ${alert}`);
		assert(await page.locator("#f-entity").isVisible(), "the filter form is there");
		await page.close();
	});

	// --- editing ----------------------------------------------------------------
	const stamp = `Edited in the browser test ${Date.now()}`;
	await test(`the focal point edits its entity's project (${EDITED.id}) through the form and sees the change`, async () => {
		const page = watch(await fpCtx.newPage());
		await page.goto(`${BASE}/projects/${EDITED.id}`);
		await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Edit", exact: true }).click()]);
		eq(new URL(page.url()).pathname, `/projects/${EDITED.id}/edit`, "the edit link");
		eq(await page.inputValue("#title"), EDITED.title, "the form holds the title");
		await page.fill("#activities", stamp);
		await page.selectOption("#status", "completed");
		await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Save" }).click()]);
		eq(new URL(page.url()).pathname, `/projects/${EDITED.id}`, "saved, to the project's page");
		const facts = await page.locator("dl.facts").first().textContent();
		assert(facts.includes(stamp), "the page shows the new activities");
		assert(/Status\s*completed/.test(facts), `the page shows the new status: ${facts.slice(0, 300)}`);
		await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "History" }).click()]);
		eq(new URL(page.url()).pathname, `/projects/${EDITED.id}/history`, "the history link");
		const first = page.locator("section.change").first();
		assert((await first.locator("h2").textContent()).includes(`update by ${FP}`), "the newest change is the focal point's update");
		const rows = await first.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
		const act = rows.find((r) => /activit/i.test(r[0]));
		assert(act && act[2] === stamp && act[1] === (EDITED.activities || "—"),
			`the activities row, before and after: ${JSON.stringify(act)}`);
		const st = rows.find((r) => /status/i.test(r[0]));
		assert(st && /completed/.test(st[2]), `the status row: ${JSON.stringify(st)}`);
		await page.close();
	});
	await test("a bad period in the form: 422, the message next to the field, focus-able and announced", async () => {
		const page = watch(await fpCtx.newPage());
		await page.goto(`${BASE}/projects/${EDITED.id}/edit`);
		await page.fill("#period", "some day soon");
		const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Save" }).click()]);
		eq(resp.status(), 422, "status");
		eq(await page.getAttribute("#period", "aria-invalid"), "true", "aria-invalid");
		const id = await page.getAttribute("#period", "aria-describedby");
		assert(id && (await page.locator(`#${id}`).textContent()).trim().length > 0, "the message the field points at");
		eq(await page.inputValue("#period"), "some day soon", "what was typed is kept");
		assert(await page.getByRole("alert").first().isVisible(), "an alert at the top");
		await page.close();
	});
	await test("a focal point opens another entity's project's edit URL: 403 page", async () => {
		const page = watch(await fpCtx.newPage());
		const r = await page.goto(`${BASE}/projects/${OTHER.id}/edit`);
		eq(r.status(), 403, "status");
		eq((await page.locator("h1").textContent()).trim(), "Forbidden", "the heading");
		assert(await page.getByRole("alert").isVisible(), "the reason, as an alert");
		eq(await page.locator('form[action$="/edit"]').count(), 0, "no form");
		await page.goto(`${BASE}/projects/${OTHER.id}`);
		eq(await page.getByRole("link", { name: "Edit", exact: true }).count(), 0, "the project's page offers no Edit link");
		await page.close();
	});

	// --- text stays text ----------------------------------------------------------
	const XSS = `<img src=x onerror=alert(1)><script>alert(2)</script> & "q" 'a'`;
	await test("an XSS payload saved as a title through the form is shown as text, no dialog", async () => {
		const page = watch(await fpCtx.newPage());
		const before = dialogs.length;
		await page.goto(`${BASE}/projects/${XSSP.id}/edit`);
		await page.fill("#title", XSS);
		await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Save" }).click()]);
		eq(new URL(page.url()).pathname, `/projects/${XSSP.id}`, "saved");
		eq((await page.locator("h1").textContent()).trim(), XSS, "the heading is the title, as text");
		assert((await page.title()).startsWith(XSS), `the window title: ${await page.title()}`);
		const inject = () => document.querySelectorAll('img[src="x"], script:not([src]), body script').length;
		eq(await page.evaluate(inject), 0, "no element made of the title");
		for (const path of [`/?entity=${FP_ENTITY}`, `/projects/${XSSP.id}/history`, `/projects/${XSSP.id}/edit`, `/organisations/${FP_ENTITY}`]) {
			await page.goto(BASE + path);
			const text = await page.locator("main").textContent();
			assert(text.includes(XSS) || (path.endsWith("/edit") && (await page.inputValue("#title")) === XSS),
				`${path} shows the title as text`);
			eq(await page.evaluate(inject), 0, `${path}: no element made of the title`);
		}
		await page.waitForTimeout(300);
		eq(dialogs.length - before, 0, `dialogs: ${dialogs.slice(before).join("; ")}`);
		await page.close();
	});

	// --- deleting, with the confirmation of app.js ----------------------------------
	await test("delete: the confirmation (app.js) dismissed keeps the project, accepted deletes it", async () => {
		const page = await secCtx.newPage();
		page.setDefaultTimeout(15000);
		const target = others[others.length - 1];
		await page.goto(`${BASE}/projects/${target.id}`);
		const asked = [];
		page.once("dialog", (d) => { asked.push(d.type()); d.dismiss(); });
		await page.getByRole("button", { name: "Delete this project" }).click();
		await page.waitForTimeout(500);
		eq(asked.join(), "confirm", "a confirmation was asked");
		eq(new URL(page.url()).pathname, `/projects/${target.id}`, "dismissed: still on the project");
		page.once("dialog", (d) => d.accept());
		await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.getByRole("button", { name: "Delete this project" }).click()]);
		const r = await page.goto(`${BASE}/projects/${target.id}`);
		eq(r.status(), 404, "the project is gone");
		await page.close();
	});

	// --- phones and keyboards ---------------------------------------------------------------
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
	const phoneSec = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
	{
		const page = watch(await phoneSec.newPage());
		await signIn(page, SEC, PASSWORD);
		await page.close();
	}
	for (const [ctx, who, path] of [
		[phone, "", "/"], [phone, "", `/projects/${mine[0].id}`], [phone, "", "/dashboard"],
		[phone, "", "/organisations"], [phone, "", `/organisations/${FP_ENTITY}`], [phone, "", "/countries"],
		[phone, "", "/countries/MLI"], [phone, "", "/login"],
		[phone, "", "/funding?by=entity"], [phone, "", "/funding?by=project"], [phone, "", "/appeals/demo"],
		[phoneSec, "signed in, ", "/trust-fund"], [phoneSec, "signed in, ", "/rates"],
		[phoneSec, "signed in, ", `/projects/${mine[0].id}/money`],
		[phoneSec, "signed in, ", "/"], [phoneSec, "signed in, ", "/findings"],
		[phoneSec, "signed in, ", `/projects/${EDITED.id}/edit`], [phoneSec, "signed in, ", `/projects/${EDITED.id}/history`],
		[phoneSec, "signed in, ", "/upload"],
	]) {
		await test(`a phone (390x844), ${who}${path}: no horizontal scroll`, async () => {
			const page = watch(await ctx.newPage());
			await page.goto(BASE + path);
			// Compared with the layout viewport (clientWidth, 390), not
			// innerWidth: on a mobile viewport Chromium zooms out to fit
			// wide content, and innerWidth grows with it.
			const m = await page.evaluate(() => ({
				sw: document.documentElement.scrollWidth, iw: document.documentElement.clientWidth,
				wide: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
					.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""} (right ${Math.round(e.getBoundingClientRect().right)}: ${JSON.stringify(e.textContent.trim().slice(0, 40))})`),
			}));
			eq(m.iw, 390, "the layout viewport's width");
			assert(m.sw <= m.iw, `scrollWidth ${m.sw} > the viewport's ${m.iw}; wider: ${m.wide.join(", ")}`);
			await page.close();
		});
	}
	await phone.close();
	await phoneSec.close();
	await test("keyboard: the first Tab reaches the skip link, shown, and it leads to the content", async () => {
		const page = watch(await pub.newPage());
		await page.goto(BASE + "/");
		await page.keyboard.press("Tab");
		const f = await page.evaluate(() => {
			const a = document.activeElement, r = a.getBoundingClientRect();
			return { cls: a.className, href: a.getAttribute("href"), text: a.textContent, x: r.left, y: r.top, w: r.width, h: r.height };
		});
		eq(`${f.cls} ${f.href}`, "skip #main", `the focused element (${f.text})`);
		assert(f.x >= 0 && f.y >= 0 && f.w > 0 && f.h > 0, `the skip link is on screen when focused: ${JSON.stringify(f)}`);
		await page.keyboard.press("Enter");
		// The fragment changes when the browser has followed the link,
		// which a loaded machine may take a moment to do.
		await page.waitForFunction(() => location.hash === "#main", null, { timeout: 5000 }).catch(() => {});
		eq(new URL(page.url()).hash, "#main", "Enter follows it");
		await page.keyboard.press("Tab");
		const inMain = await page.evaluate(() => !!document.activeElement.closest("main"));
		assert(inMain, "the next Tab is inside the content");
		await page.close();
	});

	// --- languages ---------------------------------------------------------------------
	await test("the language menu: العربية turns the page right to left and mirrors it, and the choice holds on the next page", async () => {
		const ctx = await browser.newContext({ locale: "en-GB" });
		const page = watch(await ctx.newPage());
		await page.goto(BASE + "/?pillar=II");
		await page.click('nav.langs a[hreflang="ar"]');
		const m = await page.evaluate(() => {
			const vw = document.documentElement.clientWidth;
			const brand = document.querySelector("a.brand").getBoundingClientRect();
			const th = [...document.querySelectorAll("main table thead th")].map((e) => e.getBoundingClientRect().left);
			return {
				dir: document.documentElement.dir, lang: document.documentElement.lang, dirStyle: getComputedStyle(document.body).direction,
				brandRight: brand.right, vw, th, url: location.search, menu: document.querySelector('nav[aria-label] a[href="/"]').textContent,
			};
		});
		eq(`${m.lang} ${m.dir} ${m.dirStyle}`, "ar rtl rtl", "<html lang dir> and the body's direction");
		assert(m.url.includes("pillar=II"), `the filter is kept: ${m.url}`);
		eq(m.menu, "المصفوفة", "the menu's first entry in Arabic");
		assert(m.brandRight > m.vw / 2, `the brand sits at the right: right edge ${m.brandRight} of ${m.vw}`);
		assert(m.th.length >= 3 && m.th[0] > m.th[m.th.length - 1], `the table's first column is the rightmost: ${m.th.join(", ")}`);
		await page.click('nav[aria-label] a[href="/dashboard"]');
		eq(await page.evaluate(() => `${document.documentElement.lang} ${document.documentElement.dir}`), "ar rtl", "the next page keeps Arabic (the cookie)");
		await page.click('nav.langs a[hreflang="en"]');
		eq(await page.evaluate(() => `${document.documentElement.lang} ${document.documentElement.dir}`), "en ltr", "English again, left to right");
		await ctx.close();
	});
	await test("a browser that asks for Russian (Accept-Language) gets the pages in Russian", async () => {
		const ctx = await browser.newContext({ locale: "ru-RU" });
		const page = watch(await ctx.newPage());
		await page.goto(BASE + "/");
		const m = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir,
			menu: document.querySelector('nav[aria-label] a[href="/"]').textContent }));
		eq(`${m.lang} ${m.dir} ${m.menu}`, "ru ltr Матрица", "lang, dir and the menu");
		await ctx.close();
	});

	// --- signing out ---------------------------------------------------------------------
	await test("sign out with the header's button: the public again, the findings refused", async () => {
		const page = watch(await secCtx.newPage());
		await page.goto(BASE + "/");
		await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign out" }).click()]);
		eq(new URL(page.url()).pathname, "/", "to the matrix");
		assert(await page.getByRole("link", { name: "Sign in" }).isVisible(), "Sign in offered");
		const r = await page.goto(BASE + "/findings");
		eq(r.status(), 401, "GET /findings after signing out");
		await page.close();
	});

	// Last: when it fails, the sign-in form kept for everyone would fail
	// every sign-in after it.
	await test("two visitors: one reloads the sign-in form, the other still signs in", async () => {
		const a = await browser.newContext(), b = await browser.newContext();
		const pa = watch(await a.newPage()), pb = watch(await b.newPage());
		await pa.goto(BASE + "/login");
		await pa.reload();
		await signIn(pb, SEC, PASSWORD);
		eq(new URL(pb.url()).pathname, "/", `the second visitor's sign-in leads to the matrix (at ${pb.url()}: ${await pb.locator("main").textContent().then((t) => t.replace(/\s+/g, " ").trim().slice(0, 120))})`);
		const ta = await pa.inputValue('input[name="csrf"]'), tb = await b.cookies().then((c) => c.find((x) => x.name === "ctm_session"));
		assert(ta && tb, "each has its own sign-in token and session");
		await a.close();
		await b.close();
	});
	await test("no console error, no failed script, no CSP violation on any page visited", async () => {
		assert(consoleErrors.length === 0, consoleErrors.slice(0, 10).join("\n"));
	});
	await test("the browser's own request for /favicon.ico is answered without an error (an icon, or <link rel=icon> in the head)", async () => {
		assert(faviconErrors.length === 0, `answered with an error on ${faviconErrors.length} page(s), e.g. ${faviconErrors[0]}`);
	});
	await test("no dialog opened by a page (the delete confirmation aside)", async () => {
		assert(dialogs.length === 0, dialogs.join("\n"));
	});
	await pub.close();
	await secCtx.close();
	await fpCtx.close();
}

main().then(() => process.exit(failed ? 1 : 0), (e) => {
	say(false, "the browser tests ran", e && e.stack ? e.stack : e);
	process.exit(1);
});
