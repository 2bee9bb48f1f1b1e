package io.tern.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the nodes' HTTP API, as in a real deployment ("any load balancer"): a TCP
 * proxy on a loopback port that hands each connection to the next backend that accepts it, skipping dead
 * ones. Clients log in through it; their WebSockets go straight to the node the login named. Threads and
 * sockets end with {@link #close()}.
 */
final class TcpBalancer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Integer> backends = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    TcpBalancer(List<Integer> backendPorts) throws IOException {
        this.backends.addAll(backendPorts);
        this.server = new ServerSocket(0, 200, java.net.InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "balancer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** A node restarted on a new port. */
    void replace(int oldPort, int newPort) {
        backends.remove(Integer.valueOf(oldPort));
        backends.add(newPort);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Socket backend = connectToSomeBackend();
                if (backend == null) {
                    close(client);
                    continue;
                }
                open.add(backend);
                pump(client, backend);
                pump(backend, client);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private Socket connectToSomeBackend() {
        List<Integer> ports = List.copyOf(backends);
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
                return s;
            } catch (IOException e) {
                close(s); // dead backend: try the next
            }
        }
        return null;
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side went away
            } finally {
                close(from);
                close(to);
            }
        }, "balancer-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        open.forEach(this::close);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
