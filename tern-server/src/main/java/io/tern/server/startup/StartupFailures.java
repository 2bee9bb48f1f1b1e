package io.tern.server.startup;

/** Unexpected start-up failures as one line: each distinct message of the cause chain, outermost first. */
public final class StartupFailures {
    private StartupFailures() {
    }

    public static String oneLine(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(message) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString().replace('\n', ' ');
    }
}
