package io.oms.routing.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoutingWorkersSizeTest {

    @Test
    void fourWorkersACoreAtMostHalfThePoolAndNeverFewerThanTwo() {
        assertEquals(8, RoutingSettings.defaultWorkers(2, 20), "this machine with the default pool");
        assertEquals(5, RoutingSettings.defaultWorkers(2, 10), "half the pool stays for requests");
        assertEquals(16, RoutingSettings.defaultWorkers(4, 40), "four a core");
        assertEquals(20, RoutingSettings.defaultWorkers(8, 40), "half the pool");
        assertEquals(2, RoutingSettings.defaultWorkers(1, 2), "one slow order never holds up the queue");
    }
}
