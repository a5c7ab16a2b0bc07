package org.bunnybook.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drill's proxy carries bytes both ways, holds them all while stalled, and follows its store to a new port. */
class TcpProxyTest {

    private final EchoServer echo = new EchoServer();
    private TcpProxy proxy;

    @BeforeEach
    void start() {
        proxy = new TcpProxy(echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void carriesBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
            assertThat(roundTrip(client, "again")).isEqualTo("again");
        }
    }

    @Test
    void holdsEveryByteWhileStalledAndDeliversThemInOrderAfter() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "before")).isEqualTo("before");
            proxy.stall();
            client.getOutputStream().write("held-1 held-2".getBytes(StandardCharsets.UTF_8));
            client.setSoTimeout(700);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(client.isClosed()).isFalse();

            proxy.resume();
            client.setSoTimeout(20_000); // an upper bound: a busy machine may take seconds to schedule the proxy
            assertThat(read(client, "held-1 held-2".length())).isEqualTo("held-1 held-2");
        }
    }

    @Test
    void aConnectionOpenedDuringAStallReachesTheStoreOnlyAfterIt() throws IOException {
        proxy.stall();
        try (Socket client = connect()) {
            client.getOutputStream().write("late".getBytes(StandardCharsets.UTF_8));
            client.setSoTimeout(700);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.resume();
            client.setSoTimeout(20_000); // an upper bound: a busy machine may take seconds to schedule the proxy
            assertThat(read(client, 4)).isEqualTo("late");
        }
    }

    @Test
    void followsTheStoreToItsNewPortAndEndsConnectionsTheOldOneClosed() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "old")).isEqualTo("old");
            echo.close(); // the store stops: its connections end, and so do the clients'
            client.setSoTimeout(20_000); // an upper bound: a busy machine may take seconds to schedule the proxy
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        try (EchoServer restarted = new EchoServer()) {
            proxy.target(restarted.port());
            try (Socket client = connect()) {
                assertThat(roundTrip(client, "new")).isEqualTo("new");
            }
        }
    }

    @Test
    void aClientOfAStoppedStoreIsClosedAtOnce() throws IOException {
        try (Socket stoppedStore = new Socket()) {
            // The store's port stays bound, never listened on. A port merely freed (CI once had the echo server's
            // closed) can be taken by anything on the machine, or picked as the local end of the proxy's own
            // connection to it, which then connects to itself and hangs: the client never hears that the store is
            // gone.
            stoppedStore.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            proxy.target(stoppedStore.getLocalPort());
            try (Socket client = connect()) {
                client.setSoTimeout(20_000); // an upper bound: a busy machine may take seconds to schedule the proxy
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    }

    private static String roundTrip(Socket client, String text) throws IOException {
        client.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        client.setSoTimeout(20_000); // an upper bound: a busy machine may take seconds to schedule the proxy
        return read(client, text.length());
    }

    private static String read(Socket client, int length) throws IOException {
        byte[] bytes = client.getInputStream().readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes back whatever each connection sends; closing it closes every connection. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;
        private final java.util.List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

        EchoServer() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.add(socket);
                        Thread echo = new Thread(() -> echo(socket));
                        echo.setDaemon(true);
                        echo.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void echo(Socket socket) {
            try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
