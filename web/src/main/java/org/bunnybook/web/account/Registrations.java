package org.bunnybook.web.account;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.platform.command.RequestOrigin;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.UUID;

/** Opens accounts: hashes the password, lower-cases the email, and answers once the account can log in. */
@Component
public class Registrations {

    private final ReadYourWrites commands;
    private final PasswordEncoder passwordEncoder;

    Registrations(ReadYourWrites commands, PasswordEncoder passwordEncoder) {
        this.commands = commands;
        this.passwordEncoder = passwordEncoder;
    }

    /** The new member's profile id; refused with {@code UsernameAlreadyTaken} or {@code EmailAlreadyTaken}. */
    public UUID register(String username, String email, String password, String avatarIdentifier) {
        if (!Passwords.fitBcrypt(password)) {
            throw ApiException.invalid("body", "password", "must be at most " + Passwords.MAX_BYTES + " bytes");
        }
        UUID profileId = UUID.randomUUID();
        var command = new RegisterAccount(profileId, username, email.toLowerCase(Locale.ROOT),
                passwordEncoder.encode(password), avatarIdentifier);
        // the newcomer is the actor of their own registration
        commands.send(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.with(RequestOrigin.ACTOR, profileId.toString())));
        return profileId;
    }
}
