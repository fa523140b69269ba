-- Standards library (issue 4): cheaper first imports of large frameworks (docs/benchmarks.md#standards).
-- 1. No per-row foreign-key check from items and associations to their framework. Those rows are only ever written
--    by the framework import, in the transaction that creates or locks the framework row, and frameworks are never
--    deleted (imports never destroy history), so the check bought nothing but cost a trigger call per row.
--    The names are PostgreSQL's; on H2 (generated names) the constraints stay, which changes nothing for Tandem.
ALTER TABLE std_item DROP CONSTRAINT IF EXISTS std_item_framework_id_fkey;
ALTER TABLE std_association DROP CONSTRAINT IF EXISTS std_association_framework_id_fkey;
-- 2. One index on the destination end instead of two: (dest_identifier, framework_id) serves the children of a
--    parent in a framework (framework_id, isChildOf, dest) and the associations pointing at an item from any
--    framework of a district (dest); origin-side lookups and whole-framework scans keep ix_std_assoc_origin.
DROP INDEX ix_std_assoc_dest;
DROP INDEX ix_std_assoc_dest_any;
CREATE INDEX ix_std_assoc_dest ON std_association (dest_identifier, framework_id);
