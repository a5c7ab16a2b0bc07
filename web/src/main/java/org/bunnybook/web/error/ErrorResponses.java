package org.bunnybook.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Writes the Bunnybook error body, {@code {"detail": "<reason>"}}, where no controller is involved (filters). */
@Component
public class ErrorResponses {

    private final ObjectMapper objectMapper;

    ErrorResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void write(HttpServletResponse response, HttpStatus status) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), detail(status));
    }

    /** 422 with the fields at fault, as the controllers' validation answers it. */
    public void writeUnprocessable(HttpServletResponse response, List<FieldError> errors) throws IOException {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), Map.of("detail", errors));
    }

    public static Map<String, String> detail(HttpStatus status) {
        return Map.of("detail", status.getReasonPhrase());
    }
}
