package io.tern.bench.cli;

import io.tern.bench.load.ImagePushScenario;
import io.tern.bench.target.SetupFailure;
import io.tern.bench.target.TernHttp;
import io.tern.bench.target.TernTarget;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code image-push}: the bytes one image message costs each member of a big group. */
@Command(name = "image-push", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One image message to a group of M online members: bytes pushed per member (the CHAT push "
                + "carries a reference and a few facts, never the image), against what pushing the image would cost.",
                "Groups above the server's delivery.maxGroupMembers need --set delivery.maxGroupMembers=M."})
public final class ImagePushCommand implements Callable<Integer> {
    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "Tern server (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--members", defaultValue = "500", paramLabel = "M",
            description = "Group members, all online (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--image-kb", defaultValue = "512", paramLabel = "KB",
            description = "Size of the photo uploaded, at most (default: ${DEFAULT-VALUE}).")
    int imageKb;

    @Option(names = "--password", defaultValue = "bench-password-1", description = "Password of the bench users.")
    String password;

    @Option(names = "--user-prefix", defaultValue = "img", paramLabel = "PREFIX",
            description = "Bench users are PREFIX-i-N; a new prefix per run on a kept data directory.")
    String prefix;

    /** The last result, for tests. */
    ImagePushScenario.Result result;

    @Override
    public Integer call() throws Exception {
        try {
            result = run(System.out);
            return 0;
        } catch (SetupFailure e) {
            System.err.println("tern-bench: " + e.getMessage());
            return 2;
        }
    }

    ImagePushScenario.Result run(PrintStream out) throws Exception {
        String note = MachineLoad.busyNote();
        if (note != null) {
            out.println("NOTE: " + note + " (bytes do not depend on it; the fan-out time does)");
        }
        ImagePushScenario.Result r = ImagePushScenario.run(new TernTarget(new TernHttp(server), prefix, password, 8),
                members, imageKb, out);
        out.printf("image message to a group of %d members (%d receivers)%n", r.members(), r.receivers());
        out.printf("  photo uploaded %d bytes, served %d bytes, thumbnail %d bytes%n", r.imageBytes(), r.servedBytes(),
                r.thumbnailBytes());
        out.printf("  CHAT push per member: %d..%d bytes (avg %.1f) of WebSocket payload%n", r.pushBytesMin(),
                r.pushBytesMax(), r.pushBytesAvg());
        out.printf("  all pushes: %d bytes; pushing the image itself would be %d bytes (%.0fx more)%n",
                Math.round(r.pushBytesAvg() * r.receivers()), r.naiveBytes(),
                r.naiveBytes() / (r.pushBytesAvg() * r.receivers()));
        out.printf("  everything members received meanwhile: %d bytes; re-pushes: %d (acks later than the server's "
                + "first retry, a matter of load); last push after %.0f ms%n", r.windowBytesTotal(), r.rePushes(),
                r.fanoutMillis());
        return r;
    }
}
