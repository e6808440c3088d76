// tests/browser/validate.js - every page through an HTML validator
// (html-validate, its "html-validate:standard" preset: the rules of the
// HTML standard and of WAI-ARIA, not matters of style).  Each page is
// fetched as the server sends it (not as a browser rebuilds it): as the
// public, and signed in as the admin, the focal point and the viewer,
// including the forms, their refusals (422), the upload's preview and
// result, and the error pages (400, 401, 403, 404, 405).  One TAP line a
// page; the errors follow as "#   line:column rule: message" lines.
//
// Environment (tests/browser/run.sh sets it): BASE, PASSWORD, ADMIN, FP,
// FP_ENTITY, VIEWER.
"use strict";
const { HtmlValidate } = require("html-validate");

const BASE = (process.env.BASE || "").replace(/\/$/, "");
const PASSWORD = process.env.PASSWORD || "";
const ADMIN = process.env.ADMIN || "adm";
const FP = process.env.FP || "fp";
const FP_ENTITY = process.env.FP_ENTITY || "UNICRI";
const VIEWER = process.env.VIEWER || "view";

// No rule is turned off: every page must pass the standard preset as it
// is.  (Were one turned off, it would be here, with the reason.)
const validator = new HtmlValidate({
	root: true,
	extends: ["html-validate:standard"],
});

let failed = 0;
function say(ok, name, detail) {
	console.log(`${ok ? "ok" : "not ok"} - ${name}`);
	if (!ok) failed++;
	if (!ok && detail)
		for (const l of String(detail).split("\n").slice(0, 25))
			console.log(`#   ${l}`);
}

// --- HTTP ----------------------------------------------------------------------
function cookiesOf(r) {
	return r.headers.getSetCookie().map((c) => c.split(";")[0]);
}
async function request(method, path, who, body, headers = {}) {
	const h = { ...headers };
	if (who && who.cookie) h.cookie = who.cookie;
	if (body instanceof URLSearchParams) h["content-type"] = "application/x-www-form-urlencoded";
	const r = await fetch(BASE + path, { method, headers: h, body, redirect: "manual" });
	return { status: r.status, type: r.headers.get("content-type") || "", location: r.headers.get("location"), text: await r.text(), r };
}
const csrfOf = (html) => (/name="csrf" value="([^"]*)"/.exec(html) || [])[1];

async function signIn(login) {
	const form = await request("GET", "/login");
	const cookie = cookiesOf(form.r).join("; ");
	const r = await request("POST", "/login", { cookie }, new URLSearchParams({
		login, password: PASSWORD, csrf: csrfOf(form.text), next: "/",
	}));
	const s = cookiesOf(r.r).find((c) => c.startsWith("ctm_session="));
	if (r.status !== 303 || !s) throw new Error(`signing in as ${login}: ${r.status}`);
	const who = { login, cookie: s };
	who.csrf = csrfOf((await request("GET", "/", who)).text);
	return who;
}

// The fields of the form whose action is `action`, as a browser sends them.
function formFields(html, action) {
	const un = (s) => s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (m, e) =>
		e[0] === "#" ? String.fromCodePoint(/^#x/i.test(e) ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
			: { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()]);
	const attrs = (t) => {
		const a = {};
		for (const m of t.matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)) a[m[1].toLowerCase()] = m[2] === undefined ? "" : un(m[2]);
		return a;
	};
	const start = html.indexOf(`action="${action}"`);
	if (start < 0) throw new Error(`no form with action ${action}`);
	const form = html.slice(start, html.indexOf("</form>", start));
	const out = new URLSearchParams();
	for (const m of form.matchAll(/<(input|select|textarea)\b([^>]*)>([\s\S]*?)(?=<(?:input|select|textarea)\b|$)/gi)) {
		const a = attrs(m[2]), tag = m[1].toLowerCase();
		if (a.name === undefined) continue;
		if (tag === "input") {
			const type = (a.type || "text").toLowerCase();
			if (["submit", "button", "file", "reset", "image"].includes(type)) continue;
			if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
			out.append(a.name, a.value || "");
		} else if (tag === "textarea") {
			out.append(a.name, un(m[3].slice(0, m[3].indexOf("</textarea>")).replace(/^\r?\n/, "")));
		} else {
			const opts = [...m[3].slice(0, m[3].indexOf("</select>")).matchAll(/<option\b([^>]*)>/gi)].map((o) => attrs(o[1]));
			const sel = opts.find((o) => "selected" in o) || opts[0];
			if (sel) out.append(a.name, sel.value || "");
		}
	}
	return out;
}

// --- validation ------------------------------------------------------------------
async function validate(label, res, wantStatus) {
	const name = `${label} (${res.status}) is valid HTML`;
	if (wantStatus !== undefined && res.status !== wantStatus)
		say(false, `${label} answers ${wantStatus}`, `got ${res.status}: ${res.text.slice(0, 300)}`);
	if (!res.type.startsWith("text/html")) {
		say(false, name, `not an HTML page: Content-Type ${res.type}`);
		return;
	}
	const report = await validator.validateString(res.text, `${label}.html`);
	const lines = res.text.split("\n");
	const errors = [];
	for (const r of report.results)
		for (const m of r.messages)
			if (m.severity === 2)
				errors.push(`${m.line}:${m.column} ${m.ruleId}: ${m.message}\n  | ${(lines[m.line - 1] || "").trim().slice(0, 160)}`);
	say(errors.length === 0, name, errors.join("\n"));
}

async function main() {
	if (!BASE) {
		say(false, "BASE names the server (run tests/browser/run.sh)");
		return;
	}
	// The validator itself, on a page with known errors: a check that
	// could not fail would prove nothing.
	{
		const r = await validator.validateString('<!DOCTYPE html><html lang="en"><head><title>t</title></head>' +
			'<body><p id="a">x</p><p id="a"><span><div></div></span></p></body></html>');
		const rules = new Set(r.results.flatMap((x) => x.messages.map((m) => m.ruleId)));
		say(rules.has("no-dup-id") && rules.has("element-permitted-content"),
			"the validator finds the errors of a page made with them", [...rules].join(" "));
	}
	const list = await (await fetch(`${BASE}/api/v1/projects?limit=1000`)).json();
	const mine = list.projects.filter((p) => p.entities.some((e) => e.key === FP_ENTITY));
	const other = list.projects.find((p) => !p.entities.some((e) => e.key === FP_ENTITY));
	const ID = mine[0].id;

	// the public
	for (const [path, st] of [
		["/", 200], ["/?pillar=II&entity=UNODC", 200], ["/?page=2", 200],
		["/?search=radicalization&status=ongoing&sort=title", 200], ["/?region=sahel", 200],
		["/?entity=nosuch", 400], ["/?colour=red", 400],
		[`/projects/${ID}`, 200], [`/projects/${other.id}`, 200],
		["/organisations", 200], [`/organisations/${FP_ENTITY}`, 200],
		["/countries", 200], ["/countries/MLI", 200], ["/dashboard", 200],
		["/analysis", 200], ["/analysis?pillar=II&lang=ar", 200], ["/analysis?lang=zh&status=ongoing", 200],
		["/analysis?pillar=IX", 400], ["/analysis?search=nothingmatcheszzz", 200],
		["/login", 200], ["/login?next=%2Ffindings", 200],
		["/findings", 401], [`/projects/${ID}/history`, 401], ["/upload", 401],
		["/nosuch", 404], ["/projects/99999", 404], ["/organisations/NOSUCH", 404],
		["/plans", 200], ["/plans/cica", 200], ["/plans/cica/measures", 200],
		["/plans/paris", 404], ["/plans/cica/positions", 401],
		["/board", 200], ["/rounds", 200], ["/rounds/2018", 200], ["/rounds/nosuch", 404],
		["/progress", 200], ["/progress?period=2019", 200], ["/progress?period=2019-Q7", 400],
		["/progress?period=2019-h1&wg=preventing-and-countering-violent-extremism", 200],
		["/progress?period=2019&wg=nosuch", 404], [`/projects/${ID}/results`, 200],
		["/funding", 200], ["/funding?by=entity&pillar=I", 200], ["/funding?by=project", 200],
		["/funding?by=gender", 200], ["/funding?by=portfolio", 200], ["/funding?pillar=IX", 200],
		["/funding?by=colour", 400], ["/trust-fund", 200], ["/rates", 200], ["/appeals", 200],
		["/appeals/demo", 200], ["/appeals/nosuch", 404], ["/appeals/new", 401],
		[`/projects/${ID}/money`, 200], ["/account", 401],
	])
		await validate(`GET ${path} as the public`, await request("GET", path), st);
	await validate("PUT / as the public", await request("PUT", "/"), 405);
	{
		const form = await request("GET", "/login");
		const cookie = cookiesOf(form.r).join("; ");
		await validate("POST /login with a wrong password", await request("POST", "/login", { cookie },
			new URLSearchParams({ login: ADMIN, password: "not the password", csrf: csrfOf(form.text) })), 401);
		await validate("POST /login without its token", await request("POST", "/login", { cookie },
			new URLSearchParams({ login: ADMIN, password: PASSWORD })), 403);
	}

	// the admin: every form
	const adm = await signIn(ADMIN);
	for (const [path, st] of [
		["/", 200], [`/projects/${ID}`, 200], [`/projects/${ID}/edit`, 200], ["/projects/new", 200],
		["/findings", 200], ["/dashboard", 200], ["/organisations", 200], ["/upload", 200],
		["/login", 200], ["/nosuch", 404],
		["/plans", 200], ["/plans/cica", 200], ["/plans/cica?delegation=IND&section=1", 200],
		["/plans/cica/positions", 200], ["/plans/cica/measures", 200],
		["/plans/paris", 200], ["/plans/paris?rev=1", 200], ["/plans/paris/positions", 200],
		["/plans/paris/compare?a=1&b=2", 200],
		["/board", 200], ["/rounds/2018", 200], ["/rounds/2019", 200],
		["/progress?period=2019", 200], [`/projects/${ID}/results`, 200],
		[`/projects/${ID}/results?period=2019-Q2`, 200],
		["/funding", 200], ["/trust-fund", 200], ["/rates", 200], ["/appeals", 200],
		["/appeals/demo", 200], ["/appeals/new", 200], ["/appeals/demo/edit", 200],
		[`/projects/${ID}/money`, 200], ["/account", 200],
	])
		await validate(`GET ${path} as the admin`, await request("GET", path, adm), st);
	{
		// The money forms, refused: each page again with the form kept.
		const form = (fields) => new URLSearchParams({ csrf: adm.csrf, ...fields });
		await validate("POST a contribution of 12,34 (422)", await request("POST", "/trust-fund/contributions", adm,
			form({ donor: "<script>x</script>", amount: "12,34", currency: "USD", received: "2018-01-01" })), 422);
		await validate("POST a rate of 1,08 (422)", await request("POST", "/rates", adm,
			form({ currency: "EUR", rate: "1,08", date: "2018-01-01" })), 422);
		await validate("POST an appeal of no project (422)", await request("POST", "/appeals/new", adm,
			form({ key: "x", title: "X", projects: "abc" })), 422);
		await validate("POST a budget of 12.345 (422)", await request("POST", `/projects/${ID}/budget`, adm,
			form({ amount: "12.345", currency: "USD", as_of: "2018-01-01" })), 422);
		await validate("POST a gender marker of 7 (422)", await request("POST", `/projects/${ID}/gender`, adm,
			form({ gender_marker: "7" })), 422);
		await validate("POST /account a language not of the six (422)", await request("POST", "/account", adm,
			form({ lang: "de" })), 422);
	}
	{
		const edit = await request("GET", `/projects/${ID}/edit`, adm);
		const f = formFields(edit.text, `/projects/${ID}/edit`);
		f.set("status", f.get("status") === "completed" ? "ongoing" : "completed");
		f.set("activities", "Changed for the validation of the history page.");
		const r = await request("POST", `/projects/${ID}/edit`, adm, f);
		if (r.status !== 303) say(false, "an edit through the form, for the history page, answers 303", `got ${r.status}`);
		await validate(`GET /projects/${ID}/history as the admin, after an edit`, await request("GET", `/projects/${ID}/history`, adm), 200);
		f.set("period", "some day soon");
		f.set("title", "");
		await validate("POST the edit form with a bad period and no title", await request("POST", `/projects/${ID}/edit`, adm, f), 422);
		const nf = formFields((await request("GET", "/projects/new", adm)).text, "/projects/new");
		nf.set("title", "");
		nf.set("places", "Atlantis");
		await validate("POST the new-project form with no title and an unknown place", await request("POST", "/projects/new", adm, nf), 422);
	}
	{
		const f = new URLSearchParams({ csrf: adm.csrf, do: "report", period: "2019-Q1", narrative: "late" });
		await validate("POST a report of a period already approved: the page again with why",
			await request("POST", `/projects/${ID}/results`, adm, f), 409);
	}
	const header = "pillar,serial,title,period,entities,status,activities,scope\n";
	const upload = async (who, name, csv, label, st) => {
		const fd = new FormData();
		fd.append("csrf", who.csrf);
		fd.append("format", "auto");
		fd.append("file", new Blob([csv], { type: "text/csv" }), name);
		const r = await request("POST", "/upload", who, fd);
		await validate(label, r, st);
		return r;
	};
	{
		const r = await upload(adm, "projects.csv", header +
			'I,,Validation upload one,2025,UNICRI; UNODC,Ongoing,Training.,"Mali, Niger"\n' +
			"II,,Validation upload two,since 2024,UNKNOWN ENTITY,Completed,Training.,Atlantis\n",
			"POST /upload (a CSV): the preview", 200);
		const id = (/name="upload" value="(\d+)"/.exec(r.text) || [])[1];
		if (!id) say(false, "the preview offers to import", r.text.slice(0, 300));
		else
			await validate("POST /upload/commit: the result", await request("POST", "/upload/commit", adm,
				new URLSearchParams({ upload: id, csrf: adm.csrf })), 200);
		await upload(adm, "bad.csv", header + 'I,,"never closed,2025,UNODC,Ongoing,x,Global\n',
			"POST /upload (a malformed CSV): the refusal", 422);
		await validate("POST /upload without a file", await request("POST", "/upload", adm, (() => {
			const fd = new FormData();
			fd.append("csrf", adm.csrf);
			return fd;
		})()), 422);
		await validate("POST /upload/commit of no upload", await request("POST", "/upload/commit", adm,
			new URLSearchParams({ upload: "999999", csrf: adm.csrf })), 404);
		await validate("POST a form without its token (403)", await request("POST", `/projects/${ID}/delete`, adm,
			new URLSearchParams({ csrf: "0".repeat(64) })), 403);
	}

	// the focal point: its refusals
	const fp = await signIn(FP);
	await validate(`GET /projects/${other.id}/edit as the focal point of another entity`,
		await request("GET", `/projects/${other.id}/edit`, fp), 403);
	await validate("GET /upload as the focal point", await request("GET", "/upload", fp), 200);
	await validate("GET /projects/new as the focal point", await request("GET", "/projects/new", fp), 200);
	await upload(fp, "theirs.csv", header + "I,,Validation upload three,2025,UNODC,Ongoing,Training.,Global\n",
		"POST /upload as the focal point, a row of another entity's: the preview", 200);

	// the viewer
	const view = await signIn(VIEWER);
	await validate("GET /projects/new as the viewer", await request("GET", "/projects/new", view), 403);
	await validate("GET /findings as the viewer", await request("GET", "/findings", view), 200);
	await validate("GET /appeals/new as the viewer", await request("GET", "/appeals/new", view), 403);
	await validate("POST a rate as the viewer", await request("POST", "/rates", view,
		new URLSearchParams({ csrf: view.csrf, currency: "EUR", rate: "1.1", date: "2018-01-01" })), 403);
}

main().then(() => process.exit(failed ? 1 : 0), (e) => {
	say(false, "the validation ran", e && e.stack ? e.stack : e);
	process.exit(1);
});
