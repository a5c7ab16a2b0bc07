// A rebuild builds the social graph beside the live one under labels of its own, each with its live label's unique
// constraint (SocialGraphCopy); the swap gives the copy's nodes the live labels.
CREATE CONSTRAINT rebuild_profile_id IF NOT EXISTS FOR (p:RebuildProfile) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT rebuild_pair_id IF NOT EXISTS FOR (f:RebuildPair) REQUIRE f.id IS UNIQUE;
CREATE CONSTRAINT rebuild_erased_profile_id IF NOT EXISTS FOR (e:RebuildErasedProfile) REQUIRE e.id IS UNIQUE;
