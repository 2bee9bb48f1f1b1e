package io.tern.client.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Standard input for a console under test: what the test types, and end of input once closed. Reads block
 * until something is typed, as a keyboard does (a pipe stream would instead fail once the typing thread ends).
 */
final class TypedInput extends InputStream {
    private static final int EOF = -1;

    private final LinkedBlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
    }

    @Override
    public int read() {
        try {
            int b = bytes.take();
            if (b == EOF) {
                bytes.add(EOF); // every later read sees the end too
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EOF;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int first = read();
        if (first == EOF) {
            return EOF;
        }
        buffer[offset] = (byte) first;
        int n = 1;
        Integer next;
        while (n < length && (next = bytes.peek()) != null && next != EOF) {
            buffer[offset + n++] = (byte) (int) bytes.poll();
        }
        return n;
    }

    @Override
    public int available() {
        Integer next = bytes.peek();
        return next == null || next == EOF ? 0 : bytes.size();
    }

    /** End of input, as Ctrl-D or the end of a pipe. */
    @Override
    public void close() {
        bytes.add(EOF);
    }
}
