-- LTI Advantage services: where each section's roster (NRPS) and gradebook (AGS) services live, the audience
-- platforms expect in client assertions, and roster members learned from NRPS rather than launches.
ALTER TABLE platform_registration ADD COLUMN token_audience VARCHAR(1000);

ALTER TABLE section ADD COLUMN nrps_url VARCHAR(1000);
ALTER TABLE section ADD COLUMN ags_lineitems_url VARCHAR(1000);
ALTER TABLE section ADD COLUMN ags_scopes VARCHAR(1000);
ALTER TABLE section ADD COLUMN roster_synced_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE membership ADD COLUMN source VARCHAR(10) DEFAULT 'launch' NOT NULL;
ALTER TABLE membership ADD COLUMN status VARCHAR(20) DEFAULT 'Active' NOT NULL;
ALTER TABLE membership ALTER COLUMN last_launch_at DROP NOT NULL;
