package io.tern.server.transport.http;

/**
 * One byte range of a {@code Range: bytes=...} header, resolved against the file's size. Several ranges in one
 * header are answered with the whole file (RFC 9110 lets a server ignore Range).
 */
record ByteRange(long start, long length) {
    /** Marks a Range header whose range lies wholly outside the file: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /** The range asked for, null for the whole file (no header, several ranges, or a header not understood). */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last); // the last N bytes
                if (suffix <= 0) {
                    return UNSATISFIABLE;
                }
                long n = Math.min(suffix, size);
                return size == 0 ? UNSATISFIABLE : new ByteRange(size - n, n);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || start >= size || end < start) {
                return UNSATISFIABLE;
            }
            return new ByteRange(start, end - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
