package org.bunnybook.platform.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Tells a handler whether it is writing a rebuild's copies beside the live read model ({@link ShadowProcessors})
 * rather than the live one. The copy's processor handles the same events as the live processor, live ones too, so
 * what reaches beyond the copies (a push to a browser, a cached value retired) is the live processor's to do, and is
 * left undone here: no one reads the copies until they are swapped in whole ({@link CopiesSwappedIn}). Not quite
 * always: while every node's live processor stands still for the switch, the copy alone handles what arrives, so
 * what must happen whatever (forgetting an erased member's words) is done by both.
 */
public final class RebuildCopies {

    /** The resource that marks the units of work of a rebuild's processor. */
    static final String RESOURCE = "bunnybook.rebuild.copies";

    private RebuildCopies() {
    }

    /** Whether the unit of work under way on this thread, if any, writes a rebuild's copies. */
    public static boolean beingWritten() {
        return CurrentUnitOfWork.isStarted() && writtenIn(CurrentUnitOfWork.get());
    }

    /** Marks the unit of work as one writing a rebuild's copies (the rebuild's processor marks each of its own). */
    public static void mark(UnitOfWork<?> unitOfWork) {
        unitOfWork.root().resources().put(RESOURCE, Boolean.TRUE);
    }

    /** Whether this unit of work writes a rebuild's copies. */
    public static boolean writtenIn(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().resources().containsKey(RESOURCE);
    }
}
