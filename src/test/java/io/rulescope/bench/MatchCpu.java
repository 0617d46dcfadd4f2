package io.rulescope.bench;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.match.EventReader;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchProperties;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time per event of the streaming path (the rules that fire on an event already read), measured with the
 * thread's CPU clock rather than the wall clock: on a shared VM, time the machine gives to other guests inflates
 * wall-clock throughput figures by up to 2x between runs, CPU time far less. {@code bench/match-cpu.sh}.
 */
public final class MatchCpu {

    public static void main(String[] args) throws Exception {
        if (!SharedData.corpusPresent()) {
            throw new IllegalStateException(SharedData.MISSING);
        }
        Catalog catalog = SharedCatalogs.escuAndSigma();
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        List<LoggedEvent> events = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedData.root().resolve("events/sigma-regression"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                events.addAll(reader.readAll(Files.readString(file)));
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perRound = 200_000;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                sink += catalog.matcher().fires(events.get(i % events.size())).size();
            }
            double cpuUs = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / perRound;
            double wallUs = (System.nanoTime() - wall) / 1e3 / perRound;
            System.out.printf("round %d: %.2f us CPU per event (%.0f events/s per core), %.2f us wall%n", round, cpuUs, 1e6 / cpuUs, wallUs);
        }
        System.out.println("(fires counted: " + sink + ")");
    }
}
