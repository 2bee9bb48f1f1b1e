package io.tern.bench.load;

/**
 * Open loop: senders send at {@code rate} messages per second in total on a fixed schedule whatever the
 * server does, and latency counts from the intended send time (so a stall shows up as latency instead of
 * as fewer sends: no coordinated omission). Closed loop: each sender keeps {@code window} messages in
 * flight and sends the next when one is answered; latency counts from the actual send.
 */
public record LoadMode(boolean open, double rate, int window) {
    public static LoadMode open(double rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        return new LoadMode(true, rate, 0);
    }

    public static LoadMode closed(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1");
        }
        return new LoadMode(false, 0, window);
    }

    public String describe() {
        return open ? "open" : "closed";
    }

    public String latencyFrom() {
        return open ? "intended send time" : "actual send time";
    }
}
