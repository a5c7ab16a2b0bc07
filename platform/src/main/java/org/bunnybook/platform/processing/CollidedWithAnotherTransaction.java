package org.bunnybook.platform.processing;

/**
 * A projection's transaction collided with another one (a deadlock), such as two segments changing the same rows in
 * opposite orders: the batch rolls back, releasing every lock it held, and the processor tries it again rather than
 * park its events ({@link ParkUnlessCollided}). A projection whose store reports a deadlock in a way of its own throws
 * this.
 */
public final class CollidedWithAnotherTransaction extends RuntimeException {

    public CollidedWithAnotherTransaction(Throwable cause) {
        super("collided with another transaction; the batch is tried again", cause);
    }
}
