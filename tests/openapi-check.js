// tests/openapi-check.js - check API answers against the OpenAPI document.
//
// usage: node tests/openapi-check.js OPENAPI.json < CASES
// Each line of CASES is "METHOD<TAB>ROUTE<TAB>STATUS<TAB>BODY-FILE", ROUTE
// being a path of the document ("/projects/{id}"), and optionally
// "<TAB>CONTENT-TYPE" (application/json when absent).  For each, the answer
// must be a response the document lists for that route, method and status,
// in a media type it lists there, and a JSON body must match that
// response's schema.  Prints a TAP line per
// case, and one more saying whether every route and method of the
// document was exercised.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
// nullable (OpenAPI 3.0) is a keyword Ajv knows; refs go through the doc.
ajv.addSchema(doc, 'doc');

function resolve(obj) {
	while (obj && obj.$ref) {
		const path = obj.$ref.replace(/^#\//, '').split('/');
		obj = path.reduce((o, k) => o[k], doc);
	}
	return obj;
}

const seen = new Set();
const lines = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
	const [method, route, status, file, ctype] = line.split('\t');
	const type = (ctype || 'application/json').split(';')[0].trim();
	const name = `${method} ${route} ${status}`;
	const op = doc.paths[route] && doc.paths[route][method.toLowerCase()];
	if (!op) {
		console.log(`not ok - ${name}: no such route in the document`);
		continue;
	}
	seen.add(`${method} ${route}`);
	const resp = resolve(op.responses[status]);
	if (!resp) {
		console.log(`not ok - ${name}: the document lists no ${status} here`);
		continue;
	}
	const body = fs.readFileSync(file, 'utf8');
	const media = resp.content && resp.content[type];
	if (!media) {
		if (body.length === 0)
			console.log(`ok - ${name}: no body, as documented`);
		else
			console.log(`not ok - ${name}: a body (${type}) where none is documented`);
		continue;
	}
	if (type !== 'application/json') {
		// Text (CSV): documented as a string; its content is the tests'.
		if (media.schema && media.schema.type === 'string')
			console.log(`ok - ${name}: ${type}, as documented`);
		else
			console.log(`not ok - ${name}: ${type} is documented as no text`);
		continue;
	}
	let value;
	try {
		value = JSON.parse(body);
	} catch (e) {
		console.log(`not ok - ${name}: the body is not JSON`);
		continue;
	}
	// Compile the schema where it sits in the document, so its refs hold.
	const ref = media.schema.$ref
		? 'doc' + media.schema.$ref
		: null;
	const validate = ref ? ajv.getSchema(ref) : ajv.compile(media.schema);
	if (validate(value)) {
		console.log(`ok - ${name}: the body matches the document`);
	} else {
		console.log(`not ok - ${name}: the body does not match the document`);
		for (const e of validate.errors.slice(0, 5))
			console.log(`#   ${e.instancePath} ${e.message}`);
	}
}
const missing = [];
for (const [route, ops] of Object.entries(doc.paths))
	for (const m of Object.keys(ops))
		if (['get', 'post', 'patch', 'delete', 'put'].includes(m) &&
		    !seen.has(`${m.toUpperCase()} ${route}`))
			missing.push(`${m.toUpperCase()} ${route}`);
console.log(missing.length === 0
	? 'ok - every route and method of the document was exercised'
	: `not ok - routes not exercised: ${missing.join(', ')}`);
