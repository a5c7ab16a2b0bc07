// Members who erased their account: a tombstone by id alone, so that a rebuild meeting their friendships' events
// after the erasure (segments run side by side) does not bring their nodes back (SocialGraphProjection).
CREATE CONSTRAINT erased_profile_id IF NOT EXISTS FOR (e:ErasedProfile) REQUIRE e.id IS UNIQUE;
