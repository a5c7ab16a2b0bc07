package org.bunnybook.web.avatar;

import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.avatar.FindAvatar;
import org.bunnybook.api.avatar.PaintAvatar;
import org.bunnybook.web.error.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

@RestController
class AvatarController {

    private static final String PNG_SUFFIX = ".png";

    private final QueryGateway queries;

    AvatarController(QueryGateway queries) {
        this.queries = queries;
    }

    /** A bunny for any identifier; the same identifier always gives the same picture, so browsers may keep it. */
    @GetMapping("/web/avatar/{identifier}")
    ResponseEntity<byte[]> paint(@PathVariable @Size(max = 128, message = "must be at most 128 characters")
                                 String identifier) {
        byte[] png = queries.query(new PaintAvatar(identifier), ResponseTypes.instanceOf(byte[].class)).join();
        return png(png, CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    /** The avatar saved for a member when they registered. */
    @GetMapping("/web/avatars/{file}")
    ResponseEntity<byte[]> saved(@PathVariable String file) {
        if (!file.endsWith(PNG_SUFFIX) || file.length() > 32 + PNG_SUFFIX.length()) {
            throw ApiException.notFound();
        }
        String username = file.substring(0, file.length() - PNG_SUFFIX.length());
        byte[] png = queries.query(new FindAvatar(username), ResponseTypes.optionalInstanceOf(byte[].class)).join()
                .orElseThrow(ApiException::notFound);
        return png(png, CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
    }

    private static ResponseEntity<byte[]> png(byte[] png, CacheControl cacheControl) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(cacheControl).body(png);
    }
}
