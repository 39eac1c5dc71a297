-- A snapshot's rows move into the snapshot itself (budget, membership: json arrays in sheet order), and
-- budget_rows / membership_rows become views over them, with the same columns as the tables had.
-- Written by hand from drizzle-kit's draft, which dropped the tables: this carries their rows over.
ALTER TABLE "snapshots" ALTER COLUMN "report" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "budget" json;--> statement-breakpoint
ALTER TABLE "snapshots" ADD COLUMN "membership" json;--> statement-breakpoint
UPDATE "snapshots" s SET
  "budget" = (SELECT coalesce(json_agg(json_build_object(
      'row', b.row, 'association_key', b.association_key, 'association', b.association, 'district', b.district,
      'local_area', b.local_area, 'tier', b.tier, 'grant', b."grant", 'cofinancing', b.cofinancing, 'hours', b.hours,
      'salary', b.salary, 'agreement_terms', b.agreement_terms, 'funding_source', b.funding_source,
      'consultant', b.consultant, 'since', b.since, 'year', b.year) ORDER BY b.row), '[]'::json)
    FROM "budget_rows" b WHERE b.snapshot_id = s.id),
  "membership" = (SELECT coalesce(json_agg(json_build_object(
      'row', m.row, 'association_key', m.association_key, 'association', m.association, 'year', m.year,
      'age_0_to_12', m.age_0_to_12, 'age_13_to_18', m.age_13_to_18, 'age_19_to_24', m.age_19_to_24,
      'under_25', m.under_25, 'girls', m.girls, 'boys', m.boys, 'total_members', m.total_members) ORDER BY m.row), '[]'::json)
    FROM "membership_rows" m WHERE m.snapshot_id = s.id);--> statement-breakpoint
ALTER TABLE "snapshots" ALTER COLUMN "budget" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "snapshots" ALTER COLUMN "membership" SET NOT NULL;--> statement-breakpoint
DROP TABLE "budget_rows";--> statement-breakpoint
DROP TABLE "membership_rows";--> statement-breakpoint
CREATE VIEW "budget_rows" AS
  SELECT s.id AS snapshot_id, r.row, r.association_key, r.association, r.district, r.local_area, r.tier, r."grant",
         r.cofinancing, r.hours, r.salary, r.agreement_terms, r.funding_source, r.consultant, r.since, r.year
    FROM "snapshots" s
   CROSS JOIN LATERAL json_to_recordset(s.budget) AS r(
         row int, association_key text, association text, district text, local_area text, tier text, "grant" float8,
         cofinancing float8, hours float8, salary float8, agreement_terms boolean, funding_source text,
         consultant text, since int, year int);--> statement-breakpoint
CREATE VIEW "membership_rows" AS
  SELECT s.id AS snapshot_id, r.row, r.association_key, r.association, r.year, r.age_0_to_12, r.age_13_to_18,
         r.age_19_to_24, r.under_25, r.girls, r.boys, r.total_members
    FROM "snapshots" s
   CROSS JOIN LATERAL json_to_recordset(s.membership) AS r(
         row int, association_key text, association text, year int, age_0_to_12 float8, age_13_to_18 float8,
         age_19_to_24 float8, under_25 float8, girls float8, boys float8, total_members float8);
