package io.tern.server.admin;

import io.tern.protocol.FrameCodec;
import io.tern.server.config.ConfigException;
import io.tern.server.core.TernException;
import io.tern.server.startup.StartupException;
import io.tern.server.startup.StartupFailures;
import java.util.function.Supplier;

/** Runs an operator command: the answer as JSON on standard output, a failure as one line and a status. */
final class Operators {
    private Operators() {
    }

    static int run(Supplier<Object> command) {
        Runnable restore = quietLogs();
        try {
            Object answer = command.get();
            System.out.println(FrameCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return 0;
        } catch (OperatorException e) {
            return fail(e.getMessage(), e.status());
        } catch (StartupException e) {
            return fail(e.getMessage(), e.exitCode());
        } catch (TernException e) {
            return fail(e.code() + ": " + e.getMessage(), 1);
        } catch (ConfigException e) {
            return fail(e.getMessage(), StartupException.CONFIG);
        } catch (Exception e) {
            return fail(StartupFailures.oneLine(e), 1);
        } finally {
            restore.run();
        }
    }

    private static int fail(String message, int status) {
        System.err.println("tern-server: " + message);
        return status;
    }

    /** The server's INFO lines (configuration, migrations) would bury the answer on standard output. */
    static Runnable quietLogs() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            ch.qos.logback.classic.Level before = logback.getLevel();
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
            return () -> logback.setLevel(before);
        }
        return () -> { };
    }
}
