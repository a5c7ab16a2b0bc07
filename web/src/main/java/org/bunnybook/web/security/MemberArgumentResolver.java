package org.bunnybook.web.security;

import org.bunnybook.web.error.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Optional;

/**
 * Lets an endpoint declare its authentication needs in its signature: a {@link Member} parameter means "auth"
 * (401 without a member), an {@code Optional<Member>} means "optional auth". A {@link Tokens.AccessGrant} parameter
 * means "auth" too, for the endpoint that tells a member what their access token says.
 */
class MemberArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Member.class
                || parameter.getParameterType() == Tokens.AccessGrant.class
                || (parameter.getParameterType() == Optional.class
                && parameter.nested().getNestedParameterType() == Member.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == Tokens.AccessGrant.class) {
            return currentGrant().orElseThrow(ApiException::unauthorized);
        }
        Optional<Member> member = currentMember();
        if (parameter.getParameterType() == Optional.class) {
            return member;
        }
        return member.orElseThrow(ApiException::unauthorized);
    }

    static Optional<Member> currentMember() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Member member
                ? Optional.of(member) : Optional.empty();
    }

    private static Optional<Tokens.AccessGrant> currentGrant() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getDetails() instanceof Tokens.AccessGrant grant
                ? Optional.of(grant) : Optional.empty();
    }
}
