-- Every node asks every few seconds which members were erased lately, to forget their keys (privacy.MemberKeys):
-- erasures are few among many keys, so they get an index of their own.
CREATE INDEX member_keys_erased_at ON member_keys (erased_at) WHERE erased_at IS NOT NULL;
