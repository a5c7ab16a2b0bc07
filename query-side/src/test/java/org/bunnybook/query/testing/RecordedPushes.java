package org.bunnybook.query.testing;

import org.bunnybook.platform.push.Pushes;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pushes that reach no browser but are remembered, so a test can see who was told what. */
public final class RecordedPushes implements Pushes {

    /** One push as a member's sessions would have received it. */
    public record Push(UUID member, String event, Object data) {
    }

    private final List<Push> pushed = new CopyOnWriteArrayList<>();

    @Override
    public void push(UUID member, String event, Object data) {
        pushed.add(new Push(member, event, data));
    }

    /** What {@code member} was pushed so far, in order (the context is shared by a class's tests: use fresh ids). */
    public List<Push> to(Bunny member) {
        return to(member.id());
    }

    /** What {@code member} was pushed so far, in order. */
    public List<Push> to(UUID member) {
        return pushed.stream().filter(push -> push.member().equals(member)).toList();
    }
}
