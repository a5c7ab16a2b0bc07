package org.bunnybook.web.realtime;

import org.bunnybook.web.security.Member;

import java.security.Principal;

/** The member behind a STOMP session; its name (the profile id) addresses their user queue. */
record MemberPrincipal(Member member) implements Principal {

    @Override
    public String getName() {
        return member.profileId().toString();
    }
}
