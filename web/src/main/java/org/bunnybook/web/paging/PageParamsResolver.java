package org.bunnybook.web.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.error.FieldError;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a {@link PageParams} from its three query parameters directly. Spring's binding of the record as a model
 * attribute (a data binder that looks up the constructor's parameters and their annotations through reflection on
 * every request, then Hibernate Validator) cost as much as the home feed's own work in Redis in the http-reads
 * profile (docs/performance.md, "HTTP reads under load"), and every paged list pays it. The values convert as they
 * did, with MVC's conversion service and the record's own annotations ({@code @DateTimeFormat}), and bad ones are
 * refused with the 422 bodies binding gave: first a {@code type_error} for each value that does not convert ("not a
 * valid Instant"), then a {@code value_error} for a limit that converted but is out of range (the record's own
 * {@code @Min} and {@code @Max}, which also document it).
 */
final class PageParamsResolver implements HandlerMethodArgumentResolver {

    private static final TypeDescriptor TEXT = TypeDescriptor.valueOf(String.class);

    private final ConversionService conversions;
    private final TypeDescriptor olderThan;
    private final TypeDescriptor olderThanId;
    private final TypeDescriptor limit;
    private final Min atLeast;
    private final Max atMost;

    PageParamsResolver(ConversionService conversions) {
        this.conversions = conversions;
        try {
            this.olderThan = component("olderThan");
            this.olderThanId = component("olderThanId");
            this.limit = component("limit");
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("PageParams changed: the resolver reads its components by name", e);
        }
        this.atLeast = limit.getAnnotation(Min.class);
        this.atMost = limit.getAnnotation(Max.class);
    }

    /** The record component's type with its annotations, as binding saw it. */
    private static TypeDescriptor component(String name) throws NoSuchFieldException {
        return new TypeDescriptor(PageParams.class.getDeclaredField(name));
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageParams.class;
    }

    @Override
    public PageParams resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binders) {
        List<FieldError> errors = new ArrayList<>();
        Instant before = (Instant) convert(request, "older_than", olderThan, errors);
        UUID beforeId = (UUID) convert(request, "older_than_id", olderThanId, errors);
        Integer size = (Integer) convert(request, "limit", limit, errors);
        if (size != null && size < atLeast.value()) {
            errors.add(invalid("limit", atLeast.message()));
        } else if (size != null && size > atMost.value()) {
            errors.add(invalid("limit", atMost.message()));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, Map.of("detail", errors));
        }
        return new PageParams(before, beforeId, size);
    }

    /** The parameter's value (null when absent or empty), or null with a type error noted. */
    private Object convert(NativeWebRequest request, String name, TypeDescriptor type, List<FieldError> errors) {
        String text = request.getParameter(name);
        if (text == null) {
            return null;
        }
        try {
            return conversions.convert(text, TEXT, type);
        } catch (ConversionException e) {
            errors.add(new FieldError(List.of("query", name), "not a valid " + type.getType().getSimpleName(),
                    "type_error"));
            return null;
        }
    }

    private static FieldError invalid(String name, String message) {
        return new FieldError(List.of("query", name), message, "value_error");
    }
}
