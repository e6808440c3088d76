/*
 * blobs.S - the pages' static files (style.css, app.js) and the
 * template of the CSV upload (data/project-template.csv), carried by the
 * binary, NUL-terminated.
 */
	.section .rodata
	.balign 16
	.global ctm_blob_style
ctm_blob_style:
	.incbin "src/page/style.css"
	.byte 0
	.balign 16
	.global ctm_blob_app
ctm_blob_app:
	.incbin "src/page/app.js"
	.byte 0
	.balign 16
	.global ctm_blob_template
ctm_blob_template:
	.incbin "data/project-template.csv"
	.byte 0

	.section .note.GNU-stack,"",%progbits
