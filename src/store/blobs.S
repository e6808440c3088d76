/*
 * blobs.S - the data files the binary carries: the schemas (SQLite's and
 * PostgreSQL's) and the reference data of data/.  Each is NUL-terminated and has a size symbol.
 *
 * ctm_blob_refdata_stamp is the CRC (cksum) of the reference data files,
 * which the Makefile gives as REFDATA_STAMP: the loader records it in a
 * database, so that a binary carrying other data applies them again
 * (src/io/refdata.c).
 */
#ifndef REFDATA_STAMP
#error "REFDATA_STAMP: the cksum of the data files (see the Makefile)"
#endif
	.section .rodata
	.balign 16

#define BLOB(name, file) \
	.global name; name: .incbin file; name##_end: .byte 0; \
	.balign 8; .global name##_size; name##_size: .quad name##_end - name

	BLOB(ctm_blob_schema, "src/store/schema.sql")
	BLOB(ctm_blob_schema_pg, "src/store/schema_pg.sql")
	BLOB(ctm_blob_framework, "data/framework.json")
	BLOB(ctm_blob_organisations, "data/organisations.json")
	BLOB(ctm_blob_groupings, "data/groupings.json")
	BLOB(ctm_blob_place_aliases, "data/place-aliases.json")
	BLOB(ctm_blob_m49, "data/unsd-m49.csv")
	BLOB(ctm_blob_currencies, "data/currencies.json")
	BLOB(ctm_blob_seed_rounds, "data/seed-rounds.json")

	.balign 8
	.global ctm_blob_refdata_stamp
ctm_blob_refdata_stamp: .quad REFDATA_STAMP

	.section .note.GNU-stack,"",%progbits
