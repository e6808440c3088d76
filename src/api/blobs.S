/*
 * blobs.S - the OpenAPI document of the API (src/api/openapi.json),
 * carried by the binary, NUL-terminated, with a size symbol.
 */
	.section .rodata
	.balign 16
	.global ctm_blob_openapi
ctm_blob_openapi:
	.incbin "src/api/openapi.json"
ctm_blob_openapi_end:
	.byte 0
	.balign 8
	.global ctm_blob_openapi_size
ctm_blob_openapi_size:
	.quad ctm_blob_openapi_end - ctm_blob_openapi

	.section .note.GNU-stack,"",%progbits
