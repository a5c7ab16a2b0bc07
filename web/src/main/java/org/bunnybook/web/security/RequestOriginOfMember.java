package org.bunnybook.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.bunnybook.platform.command.CurrentOrigin;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.bunnybook.platform.command.RequestOrigin.*;

/**
 * The origin of a command sent while serving a request: the signed-in member (or {@value
 * org.bunnybook.platform.command.RequestOrigin#SYSTEM}), one correlation id for every command of the HTTP request,
 * and the client's address.
 */
@Component
class RequestOriginOfMember implements CurrentOrigin {

    /** Request attribute holding the correlation id of the current HTTP request. */
    private static final String CORRELATION_ATTRIBUTE = RequestOriginOfMember.class.getName() + ".correlationId";

    @Override
    public Map<String, Object> metaData() {
        Map<String, Object> origin = new HashMap<>();
        origin.put(ACTOR, currentActor());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            Object correlationId = request.getAttribute(CORRELATION_ATTRIBUTE);
            if (correlationId == null) {
                correlationId = UUID.randomUUID().toString();
                request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
            }
            origin.put(CORRELATION_ID, correlationId);
            origin.put(CLIENT_ADDRESS, request.getRemoteAddr());
        } else {
            origin.put(CORRELATION_ID, UUID.randomUUID().toString());
        }
        return origin;
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Member member
                ? member.profileId().toString()
                : SYSTEM;
    }
}
