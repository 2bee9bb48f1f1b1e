package io.tern.server.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * A byte range of a blob as chunks read on the blocking pool, never on the event loop (a cold disk or an object
 * store a few milliseconds away would stall every connection of that loop). The stream is opened by the first
 * read, so a range is fetched from the backend only once the headers went out. Always one chunk is read ahead:
 * {@link #readChunk} hands it over if it is there and answers "not yet" (null) otherwise; when the read
 * finishes, the transfer is resumed. Opening, reading and closing the stream happen on the pool, one task at a
 * time; the hand-over meets on the event loop only, so no locks.
 */
final class PooledBlobInput implements ChunkedInput<ByteBuf> {
    /** Opens the range; runs on the blocking pool. */
    interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private final long length;
    private final int chunkSize;
    private final Executor blocking;
    private final ChannelHandlerContext ctx;
    private InputStream in; // touched by pool tasks only, which never overlap
    private long requested;
    private long handedOver;
    private ByteBuf ready;
    private IOException failed;
    private boolean reading;
    private boolean closed;

    PooledBlobInput(Opener opener, long length, int chunkSize, Executor blocking, ChannelHandlerContext ctx) {
        this.opener = opener;
        this.length = length;
        this.chunkSize = chunkSize;
        this.blocking = blocking;
        this.ctx = ctx;
    }

    @Override
    public boolean isEndOfInput() {
        return handedOver >= length;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ready != null) {
            ready.release();
            ready = null;
        }
        if (!reading) {
            blocking.execute(this::closeStream); // else the read in flight closes it when it comes back
        }
    }

    private void closeStream() {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext context) throws Exception {
        return readChunk(context.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        if (failed != null) {
            throw failed;
        }
        ByteBuf chunk = ready;
        if (chunk != null) {
            ready = null;
            handedOver += chunk.readableBytes();
        }
        readAhead(allocator);
        return chunk;
    }

    /** Starts reading the next chunk on the blocking pool unless one is on its way or everything was read. */
    private void readAhead(ByteBufAllocator allocator) {
        if (reading || ready != null || requested >= length || closed) {
            return;
        }
        reading = true;
        int n = (int) Math.min(chunkSize, length - requested);
        requested += n;
        ByteBuf buf = allocator.heapBuffer(n);
        blocking.execute(() -> {
            IOException error = null;
            try {
                if (in == null) {
                    in = opener.open();
                }
                int done = 0;
                while (done < n) {
                    int r = buf.writeBytes(in, n - done);
                    if (r < 0) {
                        throw new IOException("the blob ended early");
                    }
                    done += r;
                }
            } catch (IOException e) {
                error = e;
            }
            IOException result = error;
            ctx.executor().execute(() -> arrived(buf, result));
        });
    }

    private void arrived(ByteBuf buf, IOException error) {
        reading = false;
        if (closed || error != null) {
            buf.release();
            failed = error;
            blocking.execute(this::closeStream);
        } else {
            ready = buf;
            if (requested >= length) {
                blocking.execute(this::closeStream); // everything read: give the connection back early
            }
        }
        ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
        if (writer != null) {
            writer.resumeTransfer();
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return handedOver;
    }
}
