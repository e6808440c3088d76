// app.js - what a little script adds to pages that work without it:
// a confirmation before a form marked data-confirm is sent, and the matrix
// filters applied as soon as a list is changed.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	document.querySelectorAll("form[data-confirm]").forEach(function (f) {
		f.addEventListener("submit", function (e) {
			if (!window.confirm(f.getAttribute("data-confirm")))
				e.preventDefault();
		});
	});
	document.querySelectorAll("form.filters select").forEach(function (s) {
		s.addEventListener("change", function () {
			s.form.submit();
		});
	});
});
