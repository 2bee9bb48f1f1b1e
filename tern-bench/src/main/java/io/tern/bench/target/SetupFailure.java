package io.tern.bench.target;

/** The run could not be set up (connections refused, the open-file limit, a failed login); says why. */
public final class SetupFailure extends RuntimeException {
    public SetupFailure(String message) {
        super(message);
    }
}
