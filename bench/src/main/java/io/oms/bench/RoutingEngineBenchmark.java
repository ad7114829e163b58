package io.oms.bench;

import io.oms.routing.domain.RoutingEngine;
import io.oms.routing.domain.RoutingPlan;
import io.oms.routing.domain.RoutingPolicy;
import io.oms.routing.domain.RoutingRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plans per second of {@link RoutingEngine#plan} on one thread, by order size and number of candidate locations.
 * Each parameter combination gets its own pool of {@value #POOL} pre-generated instances (fixed seed, see
 * {@link Instances}); successive invocations cycle through the pool so the JIT and the branch predictor cannot
 * specialise on a single instance. Generating the pool is outside the measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RoutingEngineBenchmark {
    /** A power of two, so the cursor wraps with a mask. */
    static final int POOL = 256;
    static final long SEED = 0x0_5EED_2024L;

    @Param({"1", "5", "20"})
    int lines;

    @Param({"5", "20", "100"})
    int locations;

    private final RoutingEngine engine = new RoutingEngine(RoutingPolicy.DEFAULT);
    private RoutingRequest[] pool;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        pool = Instances.pool(SEED, lines, locations, POOL);
        next = 0;
    }

    @Benchmark
    public RoutingPlan plan() {
        RoutingRequest request = pool[next];
        next = (next + 1) & (POOL - 1);
        return engine.plan(request);
    }
}
