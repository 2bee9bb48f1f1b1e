package io.tern.server.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RebalanceTest {
    @Test
    void nodesAboveTheAverage_giveTheirShareOfTheExcess_andANewNodeGetsIt() {
        List<NodeInfo> nodes = List.of(node(0, 90, false), node(1, 60, false), node(2, 0, false));
        assertThat(Rebalance.plan(nodes, 1.0, 1500)).containsExactly(new Rebalance.Move(0, 40), new Rebalance.Move(1, 10));
        assertThat(Rebalance.plan(nodes, 0.5, 1500)).containsExactly(new Rebalance.Move(0, 20), new Rebalance.Move(1, 5));
    }

    @Test
    void aDrainingNodeTakesNoPart_andOneOpenNodeHasNobodyToShareWith() {
        assertThat(Rebalance.plan(List.of(node(0, 100, false), node(1, 0, true)), 1.0, 1500)).isEmpty();
        assertThat(Rebalance.plan(List.of(node(0, 10, false), node(1, 10, false)), 1.0, 1500)).isEmpty();
    }

    @Test
    void aNodeWhoseHeartbeatStopped_isLeftOutOfTheAverage() {
        NodeInfo killed = new NodeInfo(2, "ws://n2/ws", 0, 1, 0, 0, false, 5000); // its count froze at 0
        assertThat(Rebalance.plan(List.of(node(0, 30, false), node(1, 10, false), killed), 1.0, 1500))
                .containsExactly(new Rebalance.Move(0, 10));
    }

    private static NodeInfo node(int id, long connections, boolean draining) {
        return new NodeInfo(id, "ws://n" + id + "/ws", connections, 1, connections, 0, draining, 0);
    }
}
