package org.bunnybook.web.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bunnybook.api.audit.RecordAuditConsultation;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Every use of the audit API becomes an event before it is answered: who asked, what and with which parameters. If
 * the use cannot be recorded it is not served (the command's failure answers the request).
 */
@Configuration
class AuditTrail implements HandlerInterceptor, WebMvcConfigurer {

    private static final int MAX_PARAMETERS = 20;
    private static final int MAX_VALUE_LENGTH = 256;

    private final CommandGateway commands;

    AuditTrail(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // a verification's progress is polled: starting it was recorded, with what it was asked to check
        registry.addInterceptor(this).addPathPatterns("/web/audit/**").excludePathPatterns("/web/audit/verify/*");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Member auditor)) {
            throw ApiException.forbidden(); // nobody to record: not served
        }
        commands.sendAndWait(new RecordAuditConsultation(UUID.randomUUID(), auditor.profileId(),
                request.getMethod() + " " + request.getRequestURI(), parameters(request)));
        return true;
    }

    /** The query parameters, bounded so that a huge query string cannot make a huge event. */
    private static Map<String, String> parameters(HttpServletRequest request) {
        Map<String, String> parameters = new TreeMap<>();
        request.getParameterMap().entrySet().stream().limit(MAX_PARAMETERS).forEach(parameter ->
                parameters.put(shorten(parameter.getKey()), shorten(String.join(",", parameter.getValue()))));
        return parameters;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "…";
    }
}
