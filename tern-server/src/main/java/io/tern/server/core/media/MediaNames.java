package io.tern.server.core.media;

/** File names as clients give them, made safe to store and to put into a Content-Disposition header. */
final class MediaNames {
    static final int MAX = 255;

    private MediaNames() {
    }

    /** The last path segment, without control characters, at most {@value #MAX} characters; "file" if nothing is left. */
    static String clean(String name) {
        if (name == null) {
            return "file";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(out::appendCodePoint);
        String clean = out.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "file";
        }
        return clean.length() > MAX ? clean.substring(0, MAX) : clean;
    }
}
