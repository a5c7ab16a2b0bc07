package org.bunnybook.web.consistency;

import org.bunnybook.platform.consistency.ReadModelsBehind;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;

/**
 * Says in the answer to a write which read models do not show it yet (docs/http-api.md, "Read-your-writes"): the
 * write is stored, and a client that reads at once may not see it there.
 */
@Component
class ReadModelsBehindHeader implements ReadModelsBehind {

    static final String HEADER = "Bunnybook-Read-Models-Behind";

    @Override
    public void behind(List<String> readModels) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(HEADER, String.join(", ", readModels));
        }
    }
}
