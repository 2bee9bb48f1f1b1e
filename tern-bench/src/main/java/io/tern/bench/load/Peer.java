package io.tern.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tern.bench.net.FrameSink;
import io.tern.bench.wire.ClientFrames;
import io.tern.bench.wire.ServerFrame;
import io.tern.bench.wire.ServerFrameReader;
import io.tern.protocol.FrameType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * One load connection speaking the Tern protocol. It answers server PINGs with PONG, counts errors and
 * kicks, and acknowledges pushes cumulatively, one ACK per conversation, as the Java SDK and the web client do:
 * up to {@value #ACK_DELAY_MS} ms after the first push not yet acknowledged, or at once when
 * {@value #ACK_MAX_PUSHES} wait (the server re-pushes after 1 s without an ack and closes a connection that
 * leaves pushes unacked for 10 s).
 */
public final class Peer implements FrameSink {
    /** Receives pushed CHATs. */
    public interface Pushes {
        void onPush(Peer peer, ServerFrame frame, long now);
    }

    /** Receives the answers to this connection's CHATs. */
    public interface Sends {
        void onAccepted(ServerFrame frame, long now);

        void onRefused(ServerFrame frame, long now);
    }

    /** As the Java SDK and the web client: ACKs wait up to 200 ms, or go at once when 64 pushes wait. */
    static final long ACK_DELAY_MS = 200;
    static final int ACK_MAX_PUSHES = 64;

    private static final ThreadLocal<ServerFrameReader> READERS = ThreadLocal.withInitial(ServerFrameReader::new);

    private final Counters counters;
    private Pushes pushes;
    private Sends sends;
    private volatile Channel channel;
    private volatile boolean closing;
    private boolean dirty;
    private String[] ackConversations = new String[2];
    private long[] ackSeqs = new long[2];
    private int[] ackCounts = new int[2];
    private int ackSlots;
    /** Pushes received since the last ACKs went out; a timer for them is set. */
    private int ackPushes;
    private boolean ackScheduled;

    public Peer(Counters counters) {
        this.counters = counters;
    }

    /** Set before the connection opens. */
    public Peer pushes(Pushes p) {
        this.pushes = p;
        return this;
    }

    /** Set before the first send. */
    public Peer sends(Sends s) {
        this.sends = s;
        return this;
    }

    @Override
    public void onOpen(Channel ch) {
        this.channel = ch;
        counters.opened.increment();
    }

    @Override
    public void onText(ByteBuf content) {
        ServerFrame f;
        try {
            f = READERS.get().read(content);
        } catch (IOException | RuntimeException e) {
            counters.badFrames.increment();
            return;
        }
        long now = System.nanoTime();
        switch (f.type) {
            case FrameType.CHAT -> {
                if (f.conversationId != null && f.seq > 0) {
                    noteAck(f.conversationId, f.seq);
                }
                if (pushes != null) {
                    pushes.onPush(this, f, now);
                } else {
                    counters.foreign.increment();
                }
            }
            case FrameType.CHAT_RESP -> {
                if (sends != null) {
                    sends.onAccepted(f, now);
                }
            }
            case FrameType.ERROR -> {
                counters.error(f.error != null ? f.error : "code " + f.code);
                if (f.refType == FrameType.CHAT && sends != null) {
                    sends.onRefused(f, now);
                }
            }
            case FrameType.PING -> write(ClientFrames.PONG);
            case FrameType.KICK -> counters.kick(f.reason);
            case FrameType.HEARTBEAT_TIMEOUT -> counters.kick("heartbeat-timeout");
            case FrameType.SYNC_HINT -> counters.syncHints.increment();
            default -> {
                // PONG, ACK_RESP, receipts: nothing to do
            }
        }
    }

    @Override
    public void onReadComplete() {
        if (ackPushes >= ACK_MAX_PUSHES) {
            flushAcks();
        } else if (ackSlots > 0 && !ackScheduled) {
            ackScheduled = true;
            channel.eventLoop().schedule(this::flushAcksLater, ACK_DELAY_MS, TimeUnit.MILLISECONDS);
        }
        flushIfDirty();
    }

    /**
     * Sends the ACKs still waiting on every open peer and waits (at most 5 s) until they are written, so that a
     * run's acked count covers everything delivered; called once the run has drained, before the peers close.
     */
    public static void flushAllAcks(List<Peer> peers) {
        List<Future<?>> flushed = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            Channel ch = p.channel;
            if (ch != null && ch.isActive()) {
                flushed.add(ch.eventLoop().submit(() -> {
                    p.flushAcks();
                    p.flushIfDirty();
                }));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Future<?> f : flushed) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return; // a peer that cannot flush now is closed next anyway; its count stays short
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void flushAcksLater() {
        ackScheduled = false;
        if (channel.isActive()) {
            flushAcks();
            flushIfDirty();
        }
    }

    @Override
    public void onClosed() {
        if (!closing) {
            counters.closed.increment();
        }
    }

    private void noteAck(String conversationId, long seq) {
        ackPushes++;
        for (int i = 0; i < ackSlots; i++) {
            if (ackConversations[i].equals(conversationId)) {
                if (seq > ackSeqs[i]) {
                    ackSeqs[i] = seq;
                }
                ackCounts[i]++;
                return;
            }
        }
        if (ackSlots == ackConversations.length) {
            ackConversations = Arrays.copyOf(ackConversations, ackSlots * 2);
            ackSeqs = Arrays.copyOf(ackSeqs, ackSlots * 2);
            ackCounts = Arrays.copyOf(ackCounts, ackSlots * 2);
        }
        ackConversations[ackSlots] = conversationId;
        ackSeqs[ackSlots] = seq;
        ackCounts[ackSlots] = 1;
        ackSlots++;
    }

    private void flushAcks() {
        for (int i = 0; i < ackSlots; i++) {
            write(ClientFrames.ack(ackConversations[i], ackSeqs[i]));
            counters.acked.add(ackCounts[i]);
            ackConversations[i] = null;
        }
        ackSlots = 0;
        ackPushes = 0;
    }

    public void write(byte[] frame) {
        write(Unpooled.wrappedBuffer(frame));
    }

    public void write(ByteBuf frame) {
        Channel ch = channel;
        ch.write(new TextWebSocketFrame(frame), ch.voidPromise());
        dirty = true;
    }

    public void flushIfDirty() {
        if (dirty) {
            dirty = false;
            channel.flush();
        }
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    public EventLoop loop() {
        return channel.eventLoop();
    }

    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Closes the connection on purpose (not counted as a drop). */
    public void close() {
        closing = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
