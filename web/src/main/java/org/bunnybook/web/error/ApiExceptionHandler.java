package org.bunnybook.web.error;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.apache.catalina.connector.ClientAbortException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bunnybook.api.account.EmailAlreadyTaken;
import org.bunnybook.api.account.LastAdminCannotBeDemoted;
import org.bunnybook.api.account.UsernameAlreadyTaken;
import org.bunnybook.api.friendship.UnexpectedRelationshipState;
import org.bunnybook.api.post.CommentNotFound;
import org.bunnybook.api.post.NotAllowedOnPost;
import org.bunnybook.api.report.ReportAlreadyClosed;
import org.bunnybook.api.report.ReportAlreadyFiled;
import org.bunnybook.api.post.PostNotFound;
import org.bunnybook.platform.Conflict;
import org.bunnybook.platform.NotFound;
import org.bunnybook.platform.StoreOutage;
import org.slf4j.Logger;
import org.springframework.beans.TypeMismatchException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns every way a request can go wrong into the Bunnybook contract: a 4xx with a body that says why. Invalid
 * input is a 422 naming each field, like FastAPI's. A store that is down or too slow is a 503. Anything unforeseen is
 * logged and answered with a bare 500.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    /**
     * The refusals of the domain and of the platform, thrown here or arriving from a command handler wrapped in a
     * {@link CommandExecutionException} (when it crossed a bus boundary): one table, whichever way they came.
     */
    @ExceptionHandler({UsernameAlreadyTaken.class, EmailAlreadyTaken.class, UnexpectedRelationshipState.class,
            LastAdminCannotBeDemoted.class, ReportAlreadyFiled.class, ReportAlreadyClosed.class,
            PostNotFound.class, CommentNotFound.class, NotAllowedOnPost.class, AggregateNotFoundException.class,
            IncompatibleAggregateException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class, NotFound.class, Conflict.class, CommandExecutionException.class})
    ResponseEntity<Object> refused(Exception e) {
        Throwable refusal = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (refusal instanceof UsernameAlreadyTaken) {
            return conflict("username already taken", "UsernameAlreadyTaken", "username");
        }
        if (refusal instanceof EmailAlreadyTaken) {
            return conflict("email already taken", "EmailAlreadyTaken", "email");
        }
        if (refusal instanceof UnexpectedRelationshipState) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("message", "UnexpectedRelationshipState"));
        }
        if (refusal instanceof PostNotFound || refusal instanceof CommentNotFound
                || refusal instanceof AggregateNotFoundException
                || refusal instanceof NotFound) {
            return status(HttpStatus.NOT_FOUND);
        }
        if (refusal instanceof IncompatibleAggregateException) {
            // the store loads an aggregate by its id alone: the id named another kind (a member's id sent as a
            // post's), whose events do not make the aggregate asked for; there is no such one
            return status(HttpStatus.NOT_FOUND);
        }
        if (refusal instanceof NotAllowedOnPost) {
            return status(HttpStatus.FORBIDDEN);
        }
        if (refusal instanceof Conflict || refusal instanceof LastAdminCannotBeDemoted
                || refusal instanceof ReportAlreadyFiled || refusal instanceof ReportAlreadyClosed) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("detail", refusal.getMessage()));
        }
        if (refusal instanceof ConcurrencyException || refusal instanceof AggregateStreamCreationException) {
            // still losing a race for an aggregate after the gateway's retries: the caller may try again
            return status(HttpStatus.CONFLICT);
        }
        return unexpected(e);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e) {
        // a JSON body, or query parameters bound to a record (a filter, say)
        String location = e.getParameter().hasParameterAnnotation(RequestBody.class) ? "body" : "query";
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(error -> {
            String field = location.equals("query") ? queryName(error.getField()) : error.getField();
            errors.add(error.isBindingFailure()
                    ? new FieldError(List.of(location, field), "not a valid " + expectedType(error), "type_error")
                    : new FieldError(List.of(location, field), error.getDefaultMessage(), "value_error"));
        });
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
                new FieldError(List.of(location), error.getDefaultMessage(), "value_error")));
        return unprocessable(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String location = location(result.getMethodParameter());
            if (result instanceof ParameterErrors bound) { // query parameters bound to a record: name each one
                bound.getFieldErrors().forEach(error -> errors.add(new FieldError(
                        List.of(location, queryName(error.getField())), error.getDefaultMessage(), "value_error")));
            } else {
                result.getResolvableErrors().forEach(error -> errors.add(new FieldError(List.of(location,
                        String.valueOf(result.getMethodParameter().getParameterName())),
                        error.getDefaultMessage(), "value_error")));
            }
        });
        return unprocessable(errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> wrongType(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return unprocessable(List.of(new FieldError(List.of(location(e.getParameter()), e.getName()),
                "not a valid " + expected, "type_error")));
    }

    /** A path segment that converts to nothing, such as a blank id. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<Object> blankPathVariable(MissingPathVariableException e) {
        return unprocessable(List.of(new FieldError(List.of("path", e.getVariableName()), "field required",
                "missing")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return unprocessable(List.of(new FieldError(List.of("query", e.getParameterName()), "field required",
                "missing")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadableBody(HttpMessageNotReadableException e) {
        if (causedBy(e, PayloadTooLarge.class)) {
            return status(HttpStatus.PAYLOAD_TOO_LARGE);
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            List<Object> loc = new ArrayList<>();
            loc.add("body");
            mapping.getPath().forEach(ref -> loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()));
            return mapping instanceof StorableJsonStrings.UnstorableText
                    ? unprocessable(List.of(new FieldError(loc, StorableText.RULE, "value_error")))
                    : unprocessable(List.of(new FieldError(loc, "invalid value", "type_error")));
        }
        return unprocessable(List.of(new FieldError(List.of("body"), "a JSON body of the documented shape is required",
                "json_invalid")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> unsupportedMediaType() {
        return status(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable() {
        return status(HttpStatus.NOT_ACCEPTABLE);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed() {
        return status(HttpStatus.METHOD_NOT_ALLOWED);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noSuchRoute() {
        return status(HttpStatus.NOT_FOUND);
    }

    /**
     * Also where a store's outage arrives, thrown by a read or wrapped in a query's future: a store that is down, or a
     * query that ran out of its time, is a 503 the member may retry, not a failure of ours. (Reads that can fall back
     * to another store, like the Redis caches, do so before it comes to this.) And where a client that hung up before
     * its answer was written is told of: there is no one left to answer, and nothing went wrong here.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // by the exception's own type: Spring's heuristic (DisconnectedClientHelper) also takes any EOFException in the
        // causes, which PostgreSQL's driver raises for a connection the database dropped, an outage to answer with 503
        if (e instanceof AsyncRequestNotUsableException || e instanceof ClientAbortException) {
            // a write to a request's response (Spring's) or a file's (Tomcat's) found the connection broken
            log.debug("the client went away before its answer: {}", e.toString());
            return null; // writes nothing
        }
        if (causedBy(e, PayloadTooLarge.class)) {
            return status(HttpStatus.PAYLOAD_TOO_LARGE);
        }
        if (StoreOutage.causedIt(e)) {
            log.warn("a store is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("detail",
                    "a store this answer needs is unavailable or too slow just now; try again shortly"));
        }
        log.error("unexpected failure handling a request", e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ResponseEntity<Object> conflict(String message, String code, String field) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("message", message, "code", code, "error", Map.of("field", field)));
    }

    private static ResponseEntity<Object> unprocessable(List<FieldError> errors) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(Map.of("detail", errors));
    }

    private static ResponseEntity<Object> status(HttpStatus status) {
        return ResponseEntity.status(status).body(ErrorResponses.detail(status));
    }

    private static String location(org.springframework.core.MethodParameter parameter) {
        return parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)
                ? "path" : "query";
    }

    /** The simple name of the type a value failed to convert to ("UUID", "Instant"), as other type errors say it. */
    private static String expectedType(org.springframework.validation.FieldError error) {
        if (error.contains(TypeMismatchException.class)) {
            Class<?> required = error.unwrap(TypeMismatchException.class).getRequiredType();
            return required == null ? "value" : required.getSimpleName();
        }
        return "value";
    }

    /** Query parameters are snake_case ({@code aggregate_id}), the records bound from them camelCase. */
    private static String queryName(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
