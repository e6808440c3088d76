/*
 * blobs.S - the data files the IATI exchange carries: the codelists of
 * the IATI Standard it names and checks codes by, and the default rule of
 * relevance (data/iati/).  Each is NUL-terminated and has a size symbol.
 */
	.section .rodata
	.balign 16

#define BLOB(name, file) \
	.global name; name: .incbin file; name##_end: .byte 0; \
	.balign 8; .global name##_size; name##_size: .quad name##_end - name

	BLOB(ctm_blob_iati_relevance, "data/iati/relevance.json")
	BLOB(ctm_blob_iati_activity_status, "data/iati/codelists/ActivityStatus.xml")
	BLOB(ctm_blob_iati_budget_type, "data/iati/codelists/BudgetType.xml")
	BLOB(ctm_blob_iati_org_role, "data/iati/codelists/OrganisationRole.xml")
	BLOB(ctm_blob_iati_policy_marker, "data/iati/codelists/PolicyMarker.xml")
	BLOB(ctm_blob_iati_region, "data/iati/codelists/Region.xml")
	BLOB(ctm_blob_iati_sector, "data/iati/codelists/Sector.xml")
	BLOB(ctm_blob_iati_sector_category, "data/iati/codelists/SectorCategory.xml")
	BLOB(ctm_blob_iati_transaction_type, "data/iati/codelists/TransactionType.xml")

	.section .note.GNU-stack,"",%progbits
