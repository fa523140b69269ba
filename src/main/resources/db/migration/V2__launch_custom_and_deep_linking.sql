-- Launch sessions remember the launch's custom parameters (which Tandem object a placed link opens) and, for
-- deep-linking launches, the platform's deep_linking_settings (where and what content can be returned).
ALTER TABLE launch_session ADD COLUMN custom VARCHAR(4000);
ALTER TABLE launch_session ADD COLUMN deep_linking VARCHAR(8000);
