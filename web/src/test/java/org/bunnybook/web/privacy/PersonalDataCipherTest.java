package org.bunnybook.web.privacy;

import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.platform.privacy.PersonalDataCipher;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ciphers are kept per member key and shared between threads (PersonalDataCipher): values of many members, sealed and
 * opened on several threads at once, each open to what was sealed, and a value passed off as another member's does
 * not open.
 */
@BunnybookTest
class PersonalDataCipherTest {

    @Autowired
    PersonalDataCipher cipher;

    @Test
    void valuesOfManyMembersSealedAndOpenedAtOnceOpenToWhatWasSealed() {
        List<UUID> members = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<List<String>>> mismatches = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int seed = thread;
                mismatches.add(CompletableFuture.supplyAsync(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        UUID member = members.get((seed * 7 + i) % members.size());
                        String value = "value " + i + " of thread " + seed + " for " + member;
                        String opened = cipher.open(cipher.seal(member, value, Erased.TEXT));
                        if (!value.equals(opened)) {
                            wrong.add(value + " opened as " + opened);
                        }
                    }
                    return wrong;
                }, threads));
            }
            assertThat(mismatches.stream().flatMap(wrong -> wrong.join().stream())).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aValuePassedOffAsAnotherMembersDoesNotOpen() {
        UUID owner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        cipher.seal(other, "gives the other member a key", Erased.TEXT);
        String sealed = cipher.seal(owner, "a carrot a day", Erased.TEXT);
        assertThat(cipher.open(sealed)).isEqualTo("a carrot a day");

        String moved = sealed.replace(owner.toString(), other.toString());
        assertThat(cipher.open(moved)).isEqualTo(Erased.TEXT.placeholder());
        assertThat(cipher.open(sealed)).as("the owner's cipher after the other's refused a value")
                .isEqualTo("a carrot a day");
    }
}
