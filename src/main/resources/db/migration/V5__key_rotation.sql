-- Tool key rotation: a key signs from activate_at on and stays published in the JWKS until retire_at (null: not
-- scheduled). A new key is published ahead of its activation so platforms know it before it signs anything.
ALTER TABLE tool_key ADD COLUMN activate_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE tool_key ADD COLUMN retire_at TIMESTAMP WITH TIME ZONE;
UPDATE tool_key SET activate_at = created_at;
