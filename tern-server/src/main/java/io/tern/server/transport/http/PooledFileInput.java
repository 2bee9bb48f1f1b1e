package io.tern.server.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.Executor;

/**
 * A range of a file as chunks read on the blocking pool, never on the event loop (a cold page cache would stall
 * every connection of that loop). Always one chunk is read ahead: {@link #readChunk} hands it over if it is
 * there and answers "not yet" (null) otherwise; when the read finishes, the transfer is resumed. Reads and the
 * hand-over meet on the event loop only, so no locks.
 */
final class PooledFileInput implements ChunkedInput<ByteBuf> {
    private final FileChannel file;
    private final long start;
    private final long end;
    private final int chunkSize;
    private final Executor blocking;
    private final ChannelHandlerContext ctx;
    private long nextRead;
    private long handedOver;
    private ByteBuf ready;
    private IOException failed;
    private boolean reading;
    private boolean closed;

    PooledFileInput(FileChannel file, long start, long length, int chunkSize, Executor blocking, ChannelHandlerContext ctx) {
        this.file = file;
        this.start = start;
        this.nextRead = start;
        this.handedOver = start;
        this.end = start + length;
        this.chunkSize = chunkSize;
        this.blocking = blocking;
        this.ctx = ctx;
    }

    @Override
    public boolean isEndOfInput() {
        return handedOver >= end;
    }

    @Override
    public void close() {
        closed = true;
        if (ready != null) {
            ready.release();
            ready = null;
        }
        try {
            file.close();
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
        if (reading || ready != null || nextRead >= end || closed) {
            return;
        }
        reading = true;
        int n = (int) Math.min(chunkSize, end - nextRead);
        long position = nextRead;
        nextRead += n;
        ByteBuf buf = allocator.heapBuffer(n);
        blocking.execute(() -> {
            IOException error = null;
            try {
                int done = 0;
                while (done < n) {
                    int r = buf.writeBytes(file, position + done, n - done);
                    if (r < 0) {
                        throw new IOException("the file ended early");
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
        } else {
            ready = buf;
        }
        ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
        if (writer != null) {
            writer.resumeTransfer();
        }
    }

    @Override
    public long length() {
        return end - start;
    }

    @Override
    public long progress() {
        return handedOver - start;
    }
}
