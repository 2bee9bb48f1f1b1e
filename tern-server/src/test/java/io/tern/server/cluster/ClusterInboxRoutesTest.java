package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node that recovered announces all its users' routes in one broadcast: every one of them, not just the first,
 * is dropped from the other nodes' route caches (else a cached "no devices" read while the routes had expired
 * during a Redis failover keeps pushes from reaching them).
 */
class ClusterInboxRoutesTest {
    @Test
    void routesChangedForManyUsers_dropsEveryOnesCachedRoutes() {
        List<Long> dropped = new ArrayList<>();
        ClusterInbox inbox = new ClusterInbox(2, null, null, null, dropped::add);

        inbox.onMessage(Keys.BROADCAST, ClusterMessage.routesChanged(5, 6, 7).encode());
        inbox.onMessage(Keys.BROADCAST, ClusterMessage.routeChanged(9).encode());

        assertThat(dropped).containsExactly(5L, 6L, 7L, 9L);
    }
}
