package app.tandem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The JMH benchmarks of {@link IdTokenValidationBenchmark} measured per CPU-second of the benchmark thread rather
 * than per wall second: on a shared machine (other builds and servers running) JMH's wall-clock throughput falls
 * with the share of a core the thread gets, while operations per CPU-second of the thread stay close to what one
 * free core does. Same state, same methods; a plain loop with a blackhole-like sink.
 *
 * <pre>mvn -B -q -Pbench exec:exec@cpu [-Dcpu.args="warmupSeconds rounds roundSeconds [nameRegex]"]</pre>
 */
public final class CpuTimeBench {
    private static volatile Object sink;

    private CpuTimeBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int roundSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        IdTokenValidationBenchmark b = new IdTokenValidationBenchmark();
        b.token = "typical";
        b.setUp();
        IdTokenValidationBenchmark canvas = new IdTokenValidationBenchmark();
        canvas.token = "canvas";
        canvas.setUp();
        Map<String, Callable<Object>> benches = new LinkedHashMap<>();
        benches.put("validate", b::validate);
        benches.put("validate (canvas ~5 KB)", canvas::validate);
        benches.put("rsaVerifyRaw", b::rsaVerifyRaw);
        benches.put("parseOnly", b::parseOnly);
        benches.put("parseJdkBase64", b::parseJdkBase64);
        benches.put("verifyCachedVerifier", b::verifyCachedVerifier);
        benches.put("validateSketch", b::validateSketch);
        benches.put("stateVerify", b::stateVerify);
        benches.put("stateSign", b::stateSign);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-28s %16s %16s %10s%n", "benchmark (typical ~2.9 KB)", "ops/CPU-second", "ops/wall-second", "CPU share");
        String only = args.length > 3 ? args[3] : "";
        for (Map.Entry<String, Callable<Object>> e : benches.entrySet()) {
            if (!e.getKey().matches(only.isEmpty() ? ".*" : only)) {
                continue;
            }
            Callable<Object> op = e.getValue();
            run(op, warmup * 1_000_000_000L, threads);
            List<double[]> results = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                results.add(run(op, roundSeconds * 1_000_000_000L, threads));
            }
            double[] cpu = results.stream().mapToDouble(x -> x[0]).toArray();
            double[] wall = results.stream().mapToDouble(x -> x[1]).toArray();
            System.out.printf(Locale.ROOT, "%-28s %9.0f ± %-5.0f %9.0f ± %-5.0f %9.0f%%%n", e.getKey(),
                    mean(cpu), sd(cpu), mean(wall), sd(wall), 100 * mean(wall) / mean(cpu));
        }
    }

    /** Runs op for about wallNanos; returns {ops per thread-CPU-second, ops per wall second}. */
    private static double[] run(Callable<Object> op, long wallNanos, ThreadMXBean threads) throws Exception {
        long ops = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + wallNanos;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink = op.call();
            }
            ops += 64;
            now = System.nanoTime();
        } while (now < end);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new double[] {ops / (cpu / 1e9), ops / ((now - t0) / 1e9)};
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / Math.max(1, x.length - 1));
    }
}
