package org.bunnybook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port that the fault drill puts between the application nodes and a store, to do to the
 * network what a test cannot do to the store itself:
 * <ul>
 * <li>{@link #stall()}: every connection, open or new, stops carrying bytes in both directions, yet stays open, as
 *     when a switch drops packets; {@link #resume()} lets the held bytes through, in order;</li>
 * <li>{@link #target(int)}: new connections go to another port (a store restarted elsewhere); the store closing its
 *     side closes the client's, as a restart would.</li>
 * </ul>
 * One thread per direction of each connection: the drill's nodes open a few hundred connections at most.
 */
final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean stalled;
    private volatile int targetPort;
    private volatile boolean closed;

    TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the proxy's port", e);
        }
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients connect. */
    int port() {
        return listener.getLocalPort();
    }

    /** New connections go to this port from now on; open ones stay with their store. */
    void target(int port) {
        targetPort = port;
    }

    /** From now on no byte passes, either way, on any connection; connections stay open. */
    void stall() {
        stalled = true;
    }

    /** Bytes flow again, those held first. */
    void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** Connections open through the proxy now. */
    int connections() {
        return open.size() / 2;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy on port " + port() + " stopped accepting: " + e);
                }
                return;
            }
            Thread connector = new Thread(() -> connect(client), "proxy-connect-" + port());
            connector.setDaemon(true);
            connector.start();
        }
    }

    private void connect(Socket client) {
        awaitFlowing(); // a stalled network does not even let a new connection reach the store
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            // the store is down: the client's connection ends at once, as a refused one would
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        pump(client, server, "up");
        pump(server, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitFlowing(); // read, then held: the bytes pass after the stall, none lost or reordered
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: the other follows below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-" + direction + "-" + port());
        pump.setDaemon(true);
        pump.start();
    }

    private void awaitFlowing() {
        synchronized (gate) {
            while (stalled && !closed) {
                try {
                    gate.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(TcpProxy::closeQuietly);
    }
}
