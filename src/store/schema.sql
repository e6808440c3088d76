-- schema.sql - the ctmatrix database, as numbered migrations.
--
-- This one file is the whole schema.  It is cut into migrations by lines of
-- the form "-- @migration N title"; a database records the last migration it
-- has applied in schema_version, and `ctmatrix init` (or any command that
-- opens the database) applies the later ones in order, each in its own
-- transaction.  Never edit a migration that has shipped: add a new one.
--
-- Conventions: every table has an integer primary key "id" unless it is a
-- pure link table; names of things in the six UN languages live in *_name
-- tables keyed by (thing, lang) with lang one of ar en es fr ru zh; "key"
-- columns hold the stable identifiers users and other tools type (ISO 3166
-- alpha-3, UN acronyms, pillar numerals); *_key columns ending in "fold"
-- hold text folded by src/text/fold.c for matching.

-- @migration 1 the portfolio core: framework, places, organisations, projects

CREATE TABLE schema_version (
	version INTEGER NOT NULL	-- last migration applied
);

-- The strategy framework: a strategy has pillars, thematic areas and the
-- working groups that coordinate them.  Data, not code: another strategy
-- loads the same way.
CREATE TABLE strategy (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,	-- e.g. GCTS
	symbol TEXT			-- founding document, e.g. A/RES/60/288
);
CREATE TABLE strategy_name (
	strategy_id INTEGER NOT NULL REFERENCES strategy(id),
	lang TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (strategy_id, lang)
);
CREATE TABLE pillar (
	id INTEGER PRIMARY KEY,
	strategy_id INTEGER NOT NULL REFERENCES strategy(id),
	key TEXT NOT NULL,		-- I, II, III, IV
	number INTEGER NOT NULL,	-- 1..4, for ordering
	UNIQUE (strategy_id, key)
);
CREATE TABLE pillar_name (
	pillar_id INTEGER NOT NULL REFERENCES pillar(id),
	lang TEXT NOT NULL,
	short TEXT NOT NULL,		-- "Capacity building"
	full TEXT NOT NULL,		-- the heading in the Plan of Action
	PRIMARY KEY (pillar_id, lang)
);
CREATE TABLE thematic_area (
	id INTEGER PRIMARY KEY,
	strategy_id INTEGER NOT NULL REFERENCES strategy(id),
	key TEXT NOT NULL,
	UNIQUE (strategy_id, key)
);
CREATE TABLE thematic_area_name (
	thematic_area_id INTEGER NOT NULL REFERENCES thematic_area(id),
	lang TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (thematic_area_id, lang)
);
CREATE TABLE thematic_area_pillar (
	thematic_area_id INTEGER NOT NULL REFERENCES thematic_area(id),
	pillar_id INTEGER NOT NULL REFERENCES pillar(id),
	PRIMARY KEY (thematic_area_id, pillar_id)
);
CREATE TABLE working_group (
	id INTEGER PRIMARY KEY,
	strategy_id INTEGER NOT NULL REFERENCES strategy(id),
	key TEXT NOT NULL,
	UNIQUE (strategy_id, key)
);
CREATE TABLE working_group_name (
	working_group_id INTEGER NOT NULL REFERENCES working_group(id),
	lang TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (working_group_id, lang)
);
CREATE TABLE working_group_area (
	working_group_id INTEGER NOT NULL REFERENCES working_group(id),
	thematic_area_id INTEGER NOT NULL REFERENCES thematic_area(id),
	PRIMARY KEY (working_group_id, thematic_area_id)
);

-- Places: the UNSD M49 hierarchy (world, regions, sub-regions, intermediate
-- regions, countries and areas) and the groupings documents use (Sahel,
-- MENA, ...).  place_parent holds the direct links: M49 parent, and for a
-- country each grouping it belongs to.  place_within is their transitive
-- closure (a place is within itself too), rebuilt whenever reference data
-- is loaded, so "projects in Africa" is one indexed join.
CREATE TABLE place (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,	-- ISO alpha-3, M49 code, or grouping key
	kind TEXT NOT NULL CHECK (kind IN ('world', 'region', 'subregion',
	    'intermediate', 'country', 'grouping')),
	m49 TEXT UNIQUE,		-- three digits; NULL for groupings
	iso2 TEXT UNIQUE,		-- countries only
	iso3 TEXT UNIQUE,		-- countries only
	name TEXT NOT NULL		-- English name
);
CREATE TABLE place_name (
	place_id INTEGER NOT NULL REFERENCES place(id),
	lang TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (place_id, lang)
);
CREATE TABLE place_parent (
	place_id INTEGER NOT NULL REFERENCES place(id),
	parent_id INTEGER NOT NULL REFERENCES place(id),
	PRIMARY KEY (place_id, parent_id)
);
CREATE TABLE place_within (
	place_id INTEGER NOT NULL REFERENCES place(id),
	ancestor_id INTEGER NOT NULL REFERENCES place(id),
	PRIMARY KEY (ancestor_id, place_id)
) WITHOUT ROWID;
CREATE TABLE place_alias (
	fold TEXT PRIMARY KEY,		-- name key (text_name_key) of the alias
	place_id INTEGER NOT NULL REFERENCES place(id),
	alias TEXT NOT NULL		-- as written
);

-- Organisations: UN entities, other intergovernmental organisations,
-- Member States' bodies, civil society, others.
CREATE TABLE organisation (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,	-- canonical key: UNODC, UN-Women, ...
	name TEXT NOT NULL,		-- English name
	type TEXT NOT NULL CHECK (type IN ('un-entity', 'igo',
	    'member-state', 'civil-society', 'other')),
	parent_id INTEGER REFERENCES organisation(id),
	compact TEXT CHECK (compact IN ('member', 'observer'))
);
CREATE TABLE organisation_name (
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	lang TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (organisation_id, lang)
);
CREATE TABLE organisation_alias (
	fold TEXT PRIMARY KEY,		-- name key of the alias
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	alias TEXT NOT NULL
);

-- Projects.  A project imported from a published matrix carries the
-- pillar and serial of its row and a source_key that identifies the row
-- across imports (pillar, serial and folded title), which is what makes a
-- second import of the same file change nothing.
CREATE TABLE project (
	id INTEGER PRIMARY KEY,
	source_key TEXT UNIQUE,		-- "annex:II:26:<hash of the folded title>"; NULL if entered by hand
	source_digest TEXT,		-- digest of the source row as last imported
	pillar_id INTEGER REFERENCES pillar(id),	-- the matrix table it is listed in
	serial INTEGER,			-- its serial there; NULL when none
	title TEXT NOT NULL,		-- without the period and the entities
	period_text TEXT,		-- the period as the source writes it
	start_date TEXT,		-- ISO 8601 at the source's precision: YYYY, YYYY-MM or YYYY-MM-DD
	end_date TEXT,			-- likewise; NULL when open-ended or unknown
	open_ended INTEGER NOT NULL DEFAULT 0,	-- "since 2013", "2016-ongoing"
	annual INTEGER NOT NULL DEFAULT 0,	-- "Annual event"
	status TEXT CHECK (status IN ('in_development', 'ongoing', 'completed')),
	status_text TEXT,		-- as written, when it maps to no status
	activities TEXT NOT NULL DEFAULT '',	-- main activities
	scope_text TEXT NOT NULL DEFAULT '',	-- geographical scope as written
	scopes INTEGER NOT NULL DEFAULT 0,	-- scope as bits: 1 global, 2 regional, 4 national (a project may have several)
	source_file TEXT,		-- file and line it was imported from
	source_line INTEGER,
	as_of TEXT,			-- the date the source speaks for ("As of February 2018"): YYYY[-MM]
	created_at TEXT NOT NULL,	-- UTC, ISO 8601
	updated_at TEXT NOT NULL
);
-- The columns statistics and checks group by, in one covering index, so
-- that they never read the wide rows of project; also serves the lookup
-- of a serial in a pillar and the default order of lists.
CREATE INDEX project_facet ON project(pillar_id, serial, status, scopes);
CREATE INDEX project_status ON project(status);
-- Further pillars a project serves, beyond the one it is listed under
-- (project.pillar_id), which is not repeated here.
CREATE TABLE project_pillar (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	pillar_id INTEGER NOT NULL REFERENCES pillar(id),
	PRIMARY KEY (project_id, pillar_id)
) WITHOUT ROWID;
CREATE INDEX project_pillar_pillar ON project_pillar(pillar_id, project_id);

-- Implementing entities, lead first (position 0).  organisation_id is NULL
-- when the name could not be resolved; the name is kept as written.
CREATE TABLE project_org (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	organisation_id INTEGER REFERENCES organisation(id),
	name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
	PRIMARY KEY (project_id, position)
) WITHOUT ROWID;
-- Unique: an entity is named once per project (the importer keeps the
-- first), which lets statistics count rows instead of distinct projects.
CREATE UNIQUE INDEX project_org_org ON project_org(organisation_id, project_id);

-- Places named in the geographical scope.  place_id is NULL when the name
-- could not be resolved; organisation_id is set when the "place" is in
-- fact an organisation (real matrices list e.g. FATF or OSCE there).
CREATE TABLE project_place (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	place_id INTEGER REFERENCES place(id),
	organisation_id INTEGER REFERENCES organisation(id),
	name TEXT NOT NULL,
	PRIMARY KEY (project_id, position)
) WITHOUT ROWID;
CREATE UNIQUE INDEX project_place_place ON project_place(place_id, project_id);

-- Years a project's period covers, for statistics by year.
CREATE TABLE project_year (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	year INTEGER NOT NULL,
	PRIMARY KEY (project_id, year)
) WITHOUT ROWID;
CREATE INDEX project_year_year ON project_year(year, project_id);
-- Defects an importer met in a project's source row (a split field it
-- could not place, a period it could not read, ...), replaced whenever the
-- row is imported again.  `ctmatrix check` reports them with the findings
-- it computes from the data itself.
CREATE TABLE project_issue (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	message TEXT NOT NULL
);
CREATE INDEX project_issue_project ON project_issue(project_id);

-- Defects an importer met in a source file outside any row (text inside a
-- table that is not a row, a continuation with no row before it),
-- replaced whenever the file is imported again.
CREATE TABLE source_note (
	source_file TEXT NOT NULL,
	line INTEGER NOT NULL,
	kind TEXT NOT NULL,
	message TEXT NOT NULL
);
CREATE INDEX source_note_file ON source_note(source_file);

-- What each imported matrix table declared ("120 projects"), to hold the
-- rows found against it.
CREATE TABLE annex_table (
	pillar_id INTEGER PRIMARY KEY REFERENCES pillar(id),
	declared INTEGER,		-- NULL when the table declares no count
	source_file TEXT NOT NULL,
	source_line INTEGER NOT NULL
);

-- Full-text search over titles and activities.  The text indexed is folded
-- by src/text/fold.c (case, diacritics, Arabic and Cyrillic variants), and
-- queries are folded the same way.  rowid = project.id.  Contentless: the
-- index keeps no copy of the text (src/store/project.c says how rows are
-- taken out of it).
-- (Migration 3 makes it again without positions.)
CREATE VIRTUAL TABLE project_fts USING fts5(title, activities,
	content = '', tokenize = 'unicode61 remove_diacritics 0');

-- @migration 2 cached statistics and findings

-- A counter bumped by every committed write.  Caches below are valid for
-- the generation they were computed at and ignored after any change.
CREATE TABLE store_state (
	key TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
INSERT INTO store_state(key, value) VALUES ('generation', 1);

-- Statistics as last computed, per dimension and filter (sig), so that
-- asking again before anything changes reads a few rows instead of
-- counting the portfolio.  pos -1 holds the total.
CREATE TABLE stats_cache (
	sig TEXT NOT NULL,		-- dimension and filter values
	generation INTEGER NOT NULL,
	pos INTEGER NOT NULL,
	key TEXT NOT NULL,
	name TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (sig, pos)
);

-- The findings of `ctmatrix check` as last computed.
CREATE TABLE finding_cache (
	generation INTEGER NOT NULL,
	pos INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	pillar TEXT,
	serial INTEGER,
	project_id INTEGER,
	subject TEXT,
	message TEXT NOT NULL
);

-- @migration 3 a search index without positions

-- Searches are words that must all match, never phrases, so the index
-- needs to know which projects hold a term, not where (detail = none):
-- it is built in half the time and takes half the space.  The folded text
-- is made in C, so the store fills the new index when it sees 'reindex'
-- (store.c), in its own transaction: a crash before that leaves the flag,
-- and the next open does it.
DROP TABLE project_fts;
CREATE VIRTUAL TABLE project_fts USING fts5(title, activities,
	content = '', detail = none,
	tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO store_state(key, value) VALUES ('reindex', 1)
	ON CONFLICT(key) DO UPDATE SET value = 1;

-- Lists sorted by start date ("--sort start", undated last) read this in
-- order and stop at the page's end.
CREATE INDEX project_start ON project(start_date IS NULL, start_date, status);

-- @migration 4 accounts, sessions and the audit trail

-- People who sign in.  Roles (src/account/account.c): admin; secretariat
-- (every project); focal_point (the projects of its entity only, so it
-- names one); analyst; viewer (reads).  The public needs no account.
CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE COLLATE NOCASE,
	password_hash TEXT,		-- argon2id, libsodium's encoded form; NULL: no password set
	role TEXT NOT NULL CHECK (role IN ('admin', 'secretariat',
	    'focal_point', 'analyst', 'viewer')),
	organisation_id INTEGER REFERENCES organisation(id),	-- a focal point's entity
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (role <> 'focal_point' OR organisation_id IS NOT NULL)
);

-- Web sessions and API tokens.  Only a hash of the token is kept, so the
-- table is no use to whoever reads it.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,	-- BLAKE2b-256 of the token, hex
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('web', 'api')),
	csrf TEXT,			-- the CSRF token of a web session
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL	-- UTC ISO 8601; later than now while valid
);
CREATE INDEX session_account ON session(account_id);

-- Every change: who, when, what, and the values before and after.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,		-- UTC ISO 8601
	account_id INTEGER REFERENCES account(id),	-- NULL for the command line
	actor TEXT NOT NULL,		-- the login as it was, or "cli"
	action TEXT NOT NULL,		-- create, update, delete, ...
	subject TEXT NOT NULL,		-- project, account, ...
	subject_id INTEGER,
	old TEXT,			-- JSON of the values before (NULL on create)
	new TEXT			-- JSON after (NULL on delete)
);
CREATE INDEX audit_subject ON audit(subject, subject_id, id);

-- @migration 5 failed sign-ins, for rate limiting

-- One row per failed sign-in, by what it was against: "login:NAME" and
-- "addr:ADDRESS".  Kept in the database, not in a server's memory, so that
-- every server process in front of one database counts the same.  Rows
-- older than a day are pruned as new ones come.
CREATE TABLE login_failure (
	key TEXT NOT NULL,
	at TEXT NOT NULL		-- UTC ISO 8601
);
CREATE INDEX login_failure_key ON login_failure(key, at);

-- @migration 6 uploads waiting for their preview to be confirmed

-- A file uploaded through the web is kept here between its preview and
-- the confirmation that imports it, so that any server process can finish
-- what another began.  Rows older than a day are pruned as new ones come.
CREATE TABLE upload (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	filename TEXT NOT NULL,		-- as the browser sent it, without a path
	format TEXT NOT NULL CHECK (format IN ('csv', 'matrix')),
	data BLOB NOT NULL,
	created_at TEXT NOT NULL
);

-- @migration 7 plans of action: drafts, revisions, measures and projects

-- A plan of action (the CICA Plan of Action, the Central Asia Joint Plan
-- of Action) and its negotiation drafts.  Each revision is kept as it was
-- delivered, bracket notation and all (src/plan reads it); nothing of a
-- revision is derived and stored, so a better reader reads old revisions
-- better.  A plan is a draft until one revision is adopted.
CREATE TABLE plan (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,	-- "cica", in URLs and on the CLI
	title TEXT NOT NULL,
	adopted_seq INTEGER,		-- the adopted revision, NULL: a draft
	created_at TEXT NOT NULL
);

CREATE TABLE plan_revision (
	plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,		-- 1, 2, ... in the order added
	label TEXT NOT NULL,		-- "rev2", "23 October 2015"
	filename TEXT NOT NULL,		-- as given, without a path
	markdown INTEGER NOT NULL CHECK (markdown IN (0, 1)),
	body BLOB NOT NULL,		-- the text, byte for byte
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,	-- login, or "cli"
	PRIMARY KEY (plan_id, seq)
);

-- Which projects implement which measure of an adopted plan; a measure
-- is named by its number as the adopted revision writes it ("11a").
CREATE TABLE plan_measure_project (
	plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	measure TEXT NOT NULL,
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	PRIMARY KEY (plan_id, measure, project_id)
);
CREATE INDEX plan_measure_project_project ON plan_measure_project(project_id);

-- @migration 8 needs of Member States and the projects that answer them

-- Assessment recommendations and technical-assistance needs, one per
-- Member State (the assessed country).  Confidentiality says who may see a
-- need at all (src/portfolio/need.c has the rule): public, compact (anyone
-- signed in), restricted (the organisations of need_org, and the roles
-- that keep needs).  Whatever reads needs goes through the store's
-- visibility clause (need.c), counts included.  demo marks records made
-- up for a demonstration, never to be taken for real ones.
CREATE TABLE need (
	id INTEGER PRIMARY KEY,
	ref TEXT UNIQUE,		-- the assessing body's reference, NULL when none
	country_id INTEGER NOT NULL REFERENCES place(id),
	body_id INTEGER NOT NULL REFERENCES organisation(id),	-- assessing body (CTED, ...)
	assessed TEXT,			-- date of the assessment: YYYY[-MM[-DD]]
	text TEXT NOT NULL,
	fold TEXT NOT NULL,		-- text folded (src/text/fold.c), for search
	pillar_id INTEGER REFERENCES pillar(id),
	thematic_area_id INTEGER REFERENCES thematic_area(id),
	priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
	status TEXT NOT NULL CHECK (status IN ('open', 'being_addressed',
	    'addressed')),
	confidentiality TEXT NOT NULL CHECK (confidentiality IN ('public',
	    'compact', 'restricted')),
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX need_country ON need(country_id, status);
CREATE INDEX need_pillar ON need(pillar_id, status);
CREATE INDEX need_area ON need(thematic_area_id, status);

-- The organisations a restricted need may be seen by (CTED and UNOCT
-- unless told otherwise); a sub-unit's people see what its parent may.
CREATE TABLE need_org (
	need_id INTEGER NOT NULL REFERENCES need(id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	PRIMARY KEY (need_id, organisation_id)
) WITHOUT ROWID;

-- The projects that answer a need.  A need no project answers, and not
-- yet addressed, is a gap.
CREATE TABLE need_project (
	need_id INTEGER NOT NULL REFERENCES need(id) ON DELETE CASCADE,
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	PRIMARY KEY (need_id, project_id)
) WITHOUT ROWID;
CREATE INDEX need_project_project ON need_project(project_id, need_id);

-- Thematic areas of projects, as entered.  The published matrix names
-- none, so the duplication report falls back on areas recognised in a
-- project's title and activities (src/portfolio/dup.c) and says so.
CREATE TABLE project_area (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	thematic_area_id INTEGER NOT NULL REFERENCES thematic_area(id),
	PRIMARY KEY (project_id, thematic_area_id)
) WITHOUT ROWID;
CREATE INDEX project_area_area ON project_area(thematic_area_id, project_id);

-- Words that show a project is about a thematic area, folded, as
-- data/framework.json gives them ("border*": a word beginning so; several
-- words: a phrase).  The duplication report recognises the areas of
-- projects that have none entered by these.
CREATE TABLE thematic_area_keyword (
	thematic_area_id INTEGER NOT NULL REFERENCES thematic_area(id),
	keyword TEXT NOT NULL,
	PRIMARY KEY (thematic_area_id, keyword)
) WITHOUT ROWID;

-- @migration 9 money: currencies, rates, budgets, contributions, appeals; the gender marker

-- Money is kept in integer minor units of its currency (cents of a US
-- dollar, yen, fils of a dinar), never in floating point, and beside it
-- its value in US cents at the rate it was converted at.  The rate is a
-- recorded fact: USD per unit of the currency times 10^9, from a date on;
-- the rate of a sum is the latest recorded on or before the sum's date,
-- and the sum keeps the rate and its date, so a later rate changes no
-- past conversion (src/portfolio/money.c has the rule).
CREATE TABLE currency (
	code TEXT PRIMARY KEY,		-- ISO 4217: USD, EUR, JPY, KWD, ...
	minor INTEGER NOT NULL CHECK (minor BETWEEN 0 AND 4),	-- digits after the point
	name TEXT NOT NULL
);
CREATE TABLE rate (
	currency TEXT NOT NULL REFERENCES currency(code),
	on_date TEXT NOT NULL,		-- YYYY-MM-DD, from which it holds
	usd_e9 INTEGER NOT NULL CHECK (usd_e9 > 0),	-- USD per unit x 10^9
	source TEXT NOT NULL DEFAULT '',	-- where the rate comes from
	PRIMARY KEY (currency, on_date)
) WITHOUT ROWID;

-- A project's budget (its requirement): one per project, its changes in
-- the audit trail.
CREATE TABLE budget (
	project_id INTEGER PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
	amount INTEGER NOT NULL CHECK (amount >= 0),	-- minor units of currency
	currency TEXT NOT NULL REFERENCES currency(code),
	usd INTEGER NOT NULL CHECK (usd >= 0),	-- US cents
	usd_e9 INTEGER NOT NULL,	-- the rate it was converted at
	rate_date TEXT,			-- the rate's date; NULL for USD
	as_of TEXT NOT NULL,		-- YYYY-MM-DD the budget speaks for
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),	-- made up for a demonstration
	updated_at TEXT NOT NULL
);

-- Donors are organisations (the EU, a foundation in the list), Member
-- States (a country), or others named as written.  A contribution goes to
-- a project directly, or to the UN Trust Fund for Counter-Terrorism,
-- earmarked for a project or not.
CREATE TABLE contribution (
	id INTEGER PRIMARY KEY,
	donor_org_id INTEGER REFERENCES organisation(id),
	donor_place_id INTEGER REFERENCES place(id),
	donor_name TEXT NOT NULL,	-- as written; the key of the donor's group
	project_id INTEGER REFERENCES project(id),
	trust_fund INTEGER NOT NULL DEFAULT 0 CHECK (trust_fund IN (0, 1)),
	earmarked INTEGER NOT NULL DEFAULT 0 CHECK (earmarked IN (0, 1)),
	kind TEXT NOT NULL CHECK (kind IN ('cash', 'in_kind')),
	amount INTEGER NOT NULL CHECK (amount > 0),
	currency TEXT NOT NULL REFERENCES currency(code),
	usd INTEGER NOT NULL CHECK (usd >= 0),
	usd_e9 INTEGER NOT NULL,
	rate_date TEXT,
	received TEXT NOT NULL,		-- YYYY-MM-DD
	note TEXT NOT NULL DEFAULT '',
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	created_at TEXT NOT NULL,
	-- earmarked: for one project; not earmarked: to the Trust Fund only
	CHECK ((earmarked = 1) = (project_id IS NOT NULL)),
	CHECK (project_id IS NOT NULL OR trust_fund = 1),
	CHECK (donor_org_id IS NULL OR donor_place_id IS NULL)
);
CREATE INDEX contribution_project ON contribution(project_id);
CREATE INDEX contribution_donor ON contribution(donor_name);

-- Appeals (the Multi-Year Appeal): the projects whose shortfalls they
-- make known to donors.
CREATE TABLE appeal (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,	-- "mya-2024", as the user names it
	title TEXT NOT NULL,
	issued TEXT,			-- YYYY[-MM[-DD]]
	note TEXT NOT NULL DEFAULT '',
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	created_at TEXT NOT NULL
);
CREATE TABLE appeal_project (
	appeal_id INTEGER NOT NULL REFERENCES appeal(id) ON DELETE CASCADE,
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	PRIMARY KEY (appeal_id, project_id)
) WITHOUT ROWID;

-- The gender equality marker of a project, 0 to 3 (definitions in
-- src/portfolio/money.c); NULL: not yet assessed, and shown so.
ALTER TABLE project ADD COLUMN gender_marker INTEGER
    CHECK (gender_marker BETWEEN 0 AND 3);

-- @migration 10 the project lifecycle and the Programme Review Board

-- The seven steps of the lifecycle, in order (1 Idea ... 7 Evaluation);
-- NULL: not placed yet.  A project changes step only by a recorded
-- decision (stage_decision).
ALTER TABLE project ADD COLUMN stage INTEGER CHECK (stage BETWEEN 1 AND 7);
-- The projects at a step, and those not placed (stage IS NULL).
CREATE INDEX project_stage ON project(stage);
CREATE TABLE stage_decision (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	from_stage INTEGER CHECK (from_stage BETWEEN 1 AND 7),
	to_stage INTEGER NOT NULL CHECK (to_stage BETWEEN 1 AND 7),
	account_id INTEGER REFERENCES account(id),	-- NULL: the command line
	actor TEXT NOT NULL,		-- the login as it was, or "cli"
	decided_at TEXT NOT NULL,	-- UTC ISO 8601
	reason TEXT NOT NULL CHECK (reason <> ''),
	board_decision_id INTEGER REFERENCES board_decision(id)
);
CREATE INDEX stage_decision_project ON stage_decision(project_id, id);

-- The accounts that sit on the Programme Review Board.
CREATE TABLE board_member (
	account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
	since TEXT NOT NULL
);

-- Seed-funding rounds, with the totals the Secretary-General's reports
-- publish for them (data/seed-rounds.json), against which the decisions
-- recorded here add up.
CREATE TABLE seed_round (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,	-- "2018"
	name TEXT NOT NULL,
	year INTEGER NOT NULL,
	published_projects INTEGER,	-- as published; NULL when not
	published_usd INTEGER,		-- US cents, as published
	source TEXT NOT NULL DEFAULT ''
);

-- The Board's decisions on proposals: approve (with the seed funding
-- granted, US cents, and conditions), reject, or return for revision.
CREATE TABLE board_decision (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	round_id INTEGER REFERENCES seed_round(id),
	decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject',
	    'revise')),
	seed_usd INTEGER NOT NULL DEFAULT 0 CHECK (seed_usd >= 0),
	conditions TEXT NOT NULL DEFAULT '',
	reason TEXT NOT NULL DEFAULT '',
	meeting TEXT NOT NULL,		-- YYYY-MM-DD of the Board's meeting
	account_id INTEGER REFERENCES account(id),
	actor TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	CHECK (decision = 'approve' OR seed_usd = 0)
);
CREATE INDEX board_decision_project ON board_decision(project_id, id);
CREATE INDEX board_decision_round ON board_decision(round_id);

-- @migration 11 results: outcomes, outputs, indicators, and their reports

-- A project's results framework: outcomes, and outputs (each under an
-- outcome, or standing alone), in the order the project lists them.
CREATE TABLE result (
	id INTEGER PRIMARY KEY AUTOINCREMENT,	-- never reused: the trail names it
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	outcome_id INTEGER REFERENCES result(id),	-- an output's outcome
	level TEXT NOT NULL CHECK (level IN ('outcome', 'output')),
	position INTEGER NOT NULL,
	statement TEXT NOT NULL CHECK (statement <> ''),
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	CHECK (level = 'output' OR outcome_id IS NULL)
);
CREATE INDEX result_project ON result(project_id, position);

-- What shows a result: a unit ("officials trained", "%"), a baseline and
-- a target, and how the values of several periods add up: "sum" (a count
-- of what each period delivered) or "last" (a level, such as a share,
-- whose latest value stands).  Values are thousandths, integers: 12.5 is
-- 12500.  categories: the disaggregation ("female,male"), "" when none.
CREATE TABLE indicator (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	result_id INTEGER NOT NULL REFERENCES result(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL CHECK (name <> ''),
	unit TEXT NOT NULL CHECK (unit <> ''),
	aggregate TEXT NOT NULL CHECK (aggregate IN ('sum', 'last')),
	baseline INTEGER,		-- thousandths; NULL: not known
	target INTEGER,			-- thousandths; NULL: none set
	categories TEXT NOT NULL DEFAULT '',
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
);
CREATE INDEX indicator_result ON indicator(result_id, position);

-- A project's report of its results for a period: a quarter "2025-Q2", a
-- half year "2025-H1" or a year "2025"; a project's periods never
-- overlap.  Written by its focal points (draft), submitted, then returned
-- or approved by the secretariat; an approved report is locked.
CREATE TABLE result_report (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	period TEXT NOT NULL,
	period_start TEXT NOT NULL,	-- YYYY-MM-DD, the period's first day
	period_end TEXT NOT NULL,	-- and its last
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted',
	    'returned', 'approved')),
	narrative TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',	-- the reviewer's, when returned
	demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (project_id, period)
);
CREATE INDEX result_report_period ON result_report(period_end, status);

-- The values a report gives: per indicator its total (category "") and,
-- for a disaggregated one, per category.
CREATE TABLE result_value (
	report_id INTEGER NOT NULL REFERENCES result_report(id)
	    ON DELETE CASCADE,
	indicator_id INTEGER NOT NULL REFERENCES indicator(id)
	    ON DELETE CASCADE,
	category TEXT NOT NULL DEFAULT '',
	value INTEGER NOT NULL,		-- thousandths
	PRIMARY KEY (report_id, indicator_id, category)
) WITHOUT ROWID;
CREATE INDEX result_value_indicator ON result_value(indicator_id);

-- Every move of a report between draft, submitted, returned and approved:
-- who, when, and the note given.
CREATE TABLE result_event (
	id INTEGER PRIMARY KEY,
	report_id INTEGER NOT NULL REFERENCES result_report(id)
	    ON DELETE CASCADE,
	from_status TEXT,		-- NULL: the report was made
	to_status TEXT NOT NULL,
	account_id INTEGER REFERENCES account(id),
	actor TEXT NOT NULL,
	at TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX result_event_report ON result_event(report_id, id);

-- @migration 12 a gender marker made up for a demonstration

-- A gender marker made up for a demonstration (set with --demo), so that
-- the funding by gender marker shows the marker as such.
ALTER TABLE project ADD COLUMN gender_demo INTEGER NOT NULL DEFAULT 0
    CHECK (gender_demo IN (0, 1));

-- @migration 13 the language each account chose for its pages

-- The language of the pages for this account (ar en es fr ru zh, as
-- src/text/lang.h names them), chosen on its settings page (/account) or
-- from the menu of languages; NULL: none chosen, the browser's is used.
-- It comes after a link's own ?lang= and before the browser's cookie and
-- Accept-Language (src/page/page.c).
ALTER TABLE account ADD COLUMN lang TEXT
    CHECK (lang IS NULL OR lang IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));

-- @migration 14 IATI activities: identifiers, texts, sectors, budgets, transactions

-- A project imported from (or exportable to) the IATI Standard
-- (iatistandard.org): its activity identifier, unique, which is what lets a
-- second import update the project instead of adding one, and the parts of
-- the activity the project's own columns do not carry.  detail is JSON
-- written and read by src/io/iati_*.c (the store keeps it as text): the
-- titles and descriptions in every language, the participating
-- organisations and their roles, the recipient countries and regions with
-- their percentages, the policy markers, the activity dates and the
-- results.  The sectors, budgets and transactions are rows, to be queried.
CREATE TABLE iati_activity (
	project_id INTEGER PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
	identifier TEXT NOT NULL UNIQUE,	-- iati-identifier
	version TEXT,			-- the file's version: 2.03, 1.01, ...
	status_code TEXT,		-- activity-status code (ActivityStatus codelist)
	reporting_ref TEXT,		-- reporting-org/@ref
	reporting_name TEXT,
	reporting_type TEXT,		-- OrganisationType code
	source_file TEXT NOT NULL,	-- file and line it was last imported from
	source_line INTEGER NOT NULL,
	detail TEXT NOT NULL		-- JSON, as above
);

-- Sectors of an activity: a code of a vocabulary (1 OECD DAC 5-digit,
-- 2 DAC 3-digit, 99 the reporting organisation's own: ctmatrix exports its
-- pillars so) and its share.
CREATE TABLE iati_sector (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	vocabulary TEXT NOT NULL,	-- SectorVocabulary code ("1" when not given)
	vocabulary_uri TEXT,
	code TEXT NOT NULL,
	percentage TEXT,		-- as written, NULL when not given
	name TEXT,			-- the narrative, when given
	PRIMARY KEY (project_id, position)
) WITHOUT ROWID;
CREATE INDEX iati_sector_code ON iati_sector(vocabulary, code);

-- Budgets (kind 'b': type, status and period) and transactions (kind
-- 't': type and date) as published, in their currency.  value is the
-- decimal as written; amount the same in minor units of the currency
-- (NULL when it did not read as a sum).  The project's budget (table
-- budget) is their sum, when they agree on a currency and it converts.
CREATE TABLE iati_money (
	project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('b', 't')),
	type TEXT,			-- BudgetType or TransactionType code
	status TEXT,			-- BudgetStatus code (budgets)
	start_date TEXT,		-- period-start, or the transaction's date
	end_date TEXT,			-- period-end (budgets)
	value TEXT NOT NULL,		-- as written
	amount INTEGER,			-- minor units of currency
	currency TEXT,			-- the value's, else the activity's default
	value_date TEXT,
	description TEXT,		-- a transaction's, when given
	provider TEXT,			-- a transaction's provider-org name
	receiver TEXT,			-- and receiver-org name
	PRIMARY KEY (project_id, position)
) WITHOUT ROWID;

-- The budgets by country (`stats --by country --sum budget`) are kept
-- with the statistics, until the data changes: per group, the projects
-- with a budget and their budgets summed in US cents (0 for the other
-- dimensions; the total's row, pos -1, holds the whole sum).
ALTER TABLE stats_cache ADD COLUMN budgets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_cache ADD COLUMN usd INTEGER NOT NULL DEFAULT 0;

-- @migration 15 the projects and budgets of each place, kept by the writes

-- The count and the budgets of the whole portfolio by country (`stats --by
-- country [--sum budget]` unfiltered, the comparison with d-portal) read
-- every link of a project to a place and, for the budgets, each link's
-- project's budget: 2 million links at 1,000,000 IATI activities, 168 ms
-- and 2 s.  Here they are kept per place as the links and budgets change,
-- by the triggers below, and asking reads some 300 rows.  A filtered
-- question still reads the links (src/store/stats.c).  A bulk load into
-- an empty store (store_bulk_begin) drops the triggers and counts the
-- table once at its commit.  Rows whose projects fall to 0 stay, and are
-- not shown.
CREATE TABLE place_total (
	place_id INTEGER PRIMARY KEY REFERENCES place(id),
	projects INTEGER NOT NULL,	-- projects linked to the place
	budgets INTEGER NOT NULL,	-- of those, the ones with a budget
	usd INTEGER NOT NULL		-- those budgets summed, in US cents
);
INSERT INTO place_total(place_id, projects, budgets, usd)
SELECT pp.place_id, count(*), count(b.usd), coalesce(sum(b.usd), 0)
FROM project_place pp LEFT JOIN budget b ON b.project_id = pp.project_id
WHERE pp.place_id IS NOT NULL GROUP BY pp.place_id;

-- The same of the whole portfolio, one row: the total of those answers
-- (summing the budgets of 1,000,000 projects took 100 ms).
CREATE TABLE portfolio_total (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	projects INTEGER NOT NULL,
	budgets INTEGER NOT NULL,
	usd INTEGER NOT NULL
);
INSERT INTO portfolio_total(one, projects, budgets, usd)
SELECT 1, (SELECT count(*) FROM project), count(*), coalesce(sum(usd), 0)
FROM budget;

CREATE TRIGGER total_project_add AFTER INSERT ON project BEGIN
	UPDATE portfolio_total SET projects = projects + 1;
END;
CREATE TRIGGER total_project_drop AFTER DELETE ON project BEGIN
	UPDATE portfolio_total SET projects = projects - 1;
END;

-- A link made: the place counts the project, and its budget if it has one.
CREATE TRIGGER total_link_add AFTER INSERT ON project_place
WHEN NEW.place_id IS NOT NULL BEGIN
	INSERT INTO place_total(place_id, projects, budgets, usd)
	SELECT NEW.place_id, 1, count(*), coalesce(sum(b.usd), 0)
	FROM budget b WHERE b.project_id = NEW.project_id
	ON CONFLICT(place_id) DO UPDATE SET projects = projects + 1,
	    budgets = budgets + excluded.budgets, usd = usd + excluded.usd;
END;

-- A link undone (a project's places written again, the project deleted).
CREATE TRIGGER total_link_drop AFTER DELETE ON project_place
WHEN OLD.place_id IS NOT NULL BEGIN
	UPDATE place_total SET projects = projects - 1,
	    budgets = budgets - (SELECT count(*) FROM budget b
		WHERE b.project_id = OLD.project_id),
	    usd = usd - (SELECT coalesce(sum(b.usd), 0) FROM budget b
		WHERE b.project_id = OLD.project_id)
	WHERE place_id = OLD.place_id;
END;

-- A link is never changed in place: the store deletes a project's links
-- and makes them again.  Said here, so that the totals cannot go wrong.
CREATE TRIGGER total_link_fixed BEFORE UPDATE OF project_id, place_id
ON project_place BEGIN
	SELECT RAISE(ABORT,
	    'a link of a project to a place is not changed: make another');
END;

-- A budget set, changed or removed: every place of its project, and the
-- portfolio.
CREATE TRIGGER total_budget_add AFTER INSERT ON budget BEGIN
	UPDATE place_total SET budgets = budgets + 1, usd = usd + NEW.usd
	WHERE place_id IN (SELECT pp.place_id FROM project_place pp
	    WHERE pp.project_id = NEW.project_id);
	UPDATE portfolio_total SET budgets = budgets + 1, usd = usd + NEW.usd;
END;
CREATE TRIGGER total_budget_drop AFTER DELETE ON budget BEGIN
	UPDATE place_total SET budgets = budgets - 1, usd = usd - OLD.usd
	WHERE place_id IN (SELECT pp.place_id FROM project_place pp
	    WHERE pp.project_id = OLD.project_id);
	UPDATE portfolio_total SET budgets = budgets - 1, usd = usd - OLD.usd;
END;
CREATE TRIGGER total_budget_change AFTER UPDATE OF project_id, usd
ON budget BEGIN
	UPDATE place_total SET budgets = budgets - 1, usd = usd - OLD.usd
	WHERE place_id IN (SELECT pp.place_id FROM project_place pp
	    WHERE pp.project_id = OLD.project_id);
	UPDATE place_total SET budgets = budgets + 1, usd = usd + NEW.usd
	WHERE place_id IN (SELECT pp.place_id FROM project_place pp
	    WHERE pp.project_id = NEW.project_id);
	UPDATE portfolio_total SET usd = usd - OLD.usd + NEW.usd;
END;

-- @migration 16 an IATI activity's sectors, budgets and transactions in its row

-- The sectors, budgets and transactions of an activity are written and read
-- with it, never on their own: as rows of their own they were half the rows
-- of an IATI import (seven an activity of the synthetic files), and on
-- PostgreSQL, with their keys, a quarter of the server's time of it.  They
-- are JSON arrays in the activity's row now, in their order (written by
-- src/store/iati.c); views of the old names still show them as rows, for
-- queries by hand and for reports.
ALTER TABLE iati_activity ADD COLUMN sectors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE iati_activity ADD COLUMN money TEXT NOT NULL DEFAULT '[]';
UPDATE iati_activity SET
	sectors = (SELECT json_group_array(json_object('vocabulary',
	    vocabulary, 'vocabulary_uri', vocabulary_uri, 'code', code,
	    'percentage', percentage, 'name', name))
	    FROM (SELECT * FROM iati_sector s
		WHERE s.project_id = iati_activity.project_id
		ORDER BY position)),
	money = (SELECT json_group_array(json_object('kind', kind, 'type',
	    type, 'status', status, 'start_date', start_date, 'end_date',
	    end_date, 'value', value, 'amount', amount, 'currency', currency,
	    'value_date', value_date, 'description', description, 'provider',
	    provider, 'receiver', receiver))
	    FROM (SELECT * FROM iati_money m
		WHERE m.project_id = iati_activity.project_id
		ORDER BY position));
DROP TABLE iati_sector;
DROP TABLE iati_money;
CREATE VIEW iati_sector AS
	SELECT a.project_id, CAST(j.key AS INTEGER) AS position,
	    j.value ->> 'vocabulary' AS vocabulary,
	    j.value ->> 'vocabulary_uri' AS vocabulary_uri,
	    j.value ->> 'code' AS code, j.value ->> 'percentage' AS percentage,
	    j.value ->> 'name' AS name
	FROM iati_activity a, json_each(a.sectors) j;
CREATE VIEW iati_money AS
	SELECT a.project_id, CAST(j.key AS INTEGER) AS position,
	    j.value ->> 'kind' AS kind, j.value ->> 'type' AS type,
	    j.value ->> 'status' AS status,
	    j.value ->> 'start_date' AS start_date,
	    j.value ->> 'end_date' AS end_date, j.value ->> 'value' AS value,
	    j.value ->> 'amount' AS amount, j.value ->> 'currency' AS currency,
	    j.value ->> 'value_date' AS value_date,
	    j.value ->> 'description' AS description,
	    j.value ->> 'provider' AS provider,
	    j.value ->> 'receiver' AS receiver
	FROM iati_activity a, json_each(a.money) j;

-- @migration 17 a project's years as a range in its own row
-- The years a project's period covers, for statistics by year: its first
-- and last, open ends running to the date the source speaks for or to the
-- year the project was written; NULL when it has no period.  They were a
-- row a year in project_year, which a load of 100,000 projects filled
-- with 247,473 rows and an index on them, a tenth of its time.
ALTER TABLE project ADD COLUMN year_from INTEGER;
ALTER TABLE project ADD COLUMN year_to INTEGER;
UPDATE project SET
	year_from = (SELECT min(y.year) FROM project_year y
	    WHERE y.project_id = project.id),
	year_to = (SELECT max(y.year) FROM project_year y
	    WHERE y.project_id = project.id);
DROP TABLE project_year;
-- The years of the whole portfolio are counted in the index alone.
CREATE INDEX project_years ON project(year_from, year_to);
