package org.bunnybook.query.avatar;

import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.avatar.FindAvatar;
import org.bunnybook.api.avatar.PaintAvatar;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ReadModelTest({AvatarProjection.class, AvatarQueries.class, AvatarConfiguration.class})
class AvatarProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    AvatarQueries avatars;

    @Test
    void aNewMembersBunnyIsPaintedFromTheirUsernameAndFoundInAnyCase() {
        Bunny ann = Bunny.named("Painted");
        events.given(ann.id(), ann.registers());

        assertThat(avatars.handle(new FindAvatar(ann.username().toUpperCase(Locale.ROOT))))
                .hasValue(avatars.handle(new PaintAvatar(ann.username())));
    }

    @Test
    void anAvatarIdentifierGivenAtRegistrationIsPaintedInsteadOfTheUsername() {
        Bunny ann = Bunny.named("Chosen");
        events.given(ann.id(), new AccountRegistered(ann.id(), ann.username(), "chosen@bunnybook.test", "hash",
                "a-bunny-i-liked"));

        byte[] painted = avatars.handle(new FindAvatar(ann.username())).orElseThrow();
        assertThat(painted).isEqualTo(avatars.handle(new PaintAvatar("a-bunny-i-liked")))
                .isNotEqualTo(avatars.handle(new PaintAvatar(ann.username())));
    }

    @Test
    void aRegistrationHandledAgainKeepsTheFirstPainting() {
        Bunny ann = Bunny.named("Kept");
        events.given(ann.id(), ann.registers());
        UUID impostor = UUID.randomUUID();
        events.given(impostor, new AccountRegistered(impostor, ann.username(), "other@bunnybook.test", "hash",
                "someone else"));

        assertThat(avatars.handle(new FindAvatar(ann.username())))
                .hasValue(avatars.handle(new PaintAvatar(ann.username())));
    }

    @Test
    void aResetForgetsEveryAvatar() {
        Bunny ann = Bunny.named("Unpainted");
        events.given(ann.id(), ann.registers());

        events.reset();

        assertThat(avatars.handle(new FindAvatar(ann.username()))).isEmpty();
    }
}
