package io.rulescope.bench;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.match.EventMatcher;
import io.rulescope.match.EventReader;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchProperties;
import io.rulescope.match.MatchResult;
import io.rulescope.rule.Rule;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event matching over the whole shared corpus (ESCU and SigmaHQ loaded together), one event per operation on one
 * thread, cycling through every SigmaHQ regression record and our example events: what the batch API does per line
 * (read the JSON, find the rules that fire) and what one pasted event costs with explanations and near misses.
 * Run with {@code bench/jmh.sh MatchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MatchBenchmark {

    Catalog catalog;
    EventReader reader;
    List<String> lines = new ArrayList<>();
    List<LoggedEvent> events = new ArrayList<>();
    int next;

    @Setup
    public void load() throws IOException {
        if (!SharedData.corpusPresent()) {
            throw new IllegalStateException(SharedData.MISSING);
        }
        catalog = SharedCatalogs.escuAndSigma();
        reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.walk(SharedData.root().resolve("events/sigma-regression"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (LoggedEvent e : reader.readAll(Files.readString(file))) {
                    events.add(e);
                }
                try (var it = json.readValues(json.createParser(Files.readString(file)), Object.class)) {
                    while (it.hasNext()) {
                        lines.add(json.writeValueAsString(it.next()));
                    }
                }
            }
        }
        System.out.printf("%d rules, %d evaluable; %d events%n", catalog.matcher().size(), catalog.matcher().evaluable(), events.size());
        footprint();
    }

    /** Heap the matcher holds, measured as the heap after building a second one less the heap before. */
    private void footprint() {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        long t = System.nanoTime();
        EventMatcher again = EventMatcher.build(catalog.rules().all(), catalog.indicators()::analysisOf, catalog.indicators().taxonomy());
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("matcher: built in %d ms, holds about %.1f MB of heap (%d rules)%n", ms, (after - before) / 1e6, again.size());
    }

    /** One line of {@code POST /api/match/batch}: read the JSON event, list the rules that fire. */
    @Benchmark
    public List<Rule> batchLine() {
        String line = lines.get(next++ % lines.size());
        return catalog.matcher().fires(reader.read(line));
    }

    /** The rules that fire on an event already read: the matcher alone. */
    @Benchmark
    public List<Rule> firesOnly() {
        return catalog.matcher().fires(events.get(next++ % events.size()));
    }

    /** One pasted event as {@code /api/match} answers it: fires with matched predicates, near misses, summary. */
    @Benchmark
    public MatchResult fullAnswer() {
        return catalog.matcher().match(events.get(next++ % events.size()), Duration.ofSeconds(2));
    }
}
