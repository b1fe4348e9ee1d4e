-- A reseller keeps an owner who can sign in, and the distributor an administrator who can, even under
-- concurrent changes. The check runs at commit (deferred); it first locks the reseller's row (the settings
-- row for staff), so two transactions each demoting "the other" owner are serialised: the second re-reads
-- after the first commits and is refused, where before both saw the other owner and both committed.
-- An invited owner who has not chosen a password yet does not count: nobody could sign in as them.
CREATE OR REPLACE FUNCTION "users_keep_an_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.reseller_id IS NOT NULL THEN
    IF OLD.role = 'owner' THEN
      PERFORM 1 FROM resellers r WHERE r.id = OLD.reseller_id FOR UPDATE;
      IF EXISTS (SELECT 1 FROM resellers r WHERE r.id = OLD.reseller_id AND r.status <> 'closed')
         AND NOT EXISTS (
           SELECT 1 FROM users u
           WHERE u.reseller_id = OLD.reseller_id AND u.role = 'owner' AND u.disabled_at IS NULL
             AND u.password_hash IS NOT NULL
         ) THEN
        RAISE EXCEPTION 'reseller % must keep an owner', OLD.reseller_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'users_keep_an_owner';
      END IF;
    END IF;
  ELSIF OLD.role = 'admin' THEN
    PERFORM 1 FROM distributor_settings FOR UPDATE;
    IF NOT EXISTS (
      SELECT 1 FROM users u
      WHERE u.reseller_id IS NULL AND u.role = 'admin' AND u.disabled_at IS NULL AND u.password_hash IS NOT NULL
    ) THEN
      RAISE EXCEPTION 'the distributor must keep an administrator'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'users_keep_an_admin';
    END IF;
  END IF;
  RETURN NULL;
END $$;
