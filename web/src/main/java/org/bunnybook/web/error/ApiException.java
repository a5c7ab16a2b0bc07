package org.bunnybook.web.error;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** A refusal with a status and, unless given, the standard {@code {"detail": "<reason>"}} body. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Object body;

    public ApiException(HttpStatus status, Object body) {
        super(status.getReasonPhrase());
        this.status = status;
        this.body = body;
    }

    public ApiException(HttpStatus status) {
        this(status, ErrorResponses.detail(status));
    }

    public static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED);
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN);
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND);
    }

    /** 422 naming one invalid field, in the same shape as every other validation error. */
    public static ApiException invalid(String location, String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                Map.of("detail", java.util.List.of(new FieldError(java.util.List.of(location, field), message,
                        "value_error"))));
    }

    public HttpStatus status() {
        return status;
    }

    public Object body() {
        return body;
    }
}
