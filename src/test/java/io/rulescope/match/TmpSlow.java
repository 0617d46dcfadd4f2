package io.rulescope.match;
import io.rulescope.SharedData;
import io.rulescope.indicator.IndicatorAnalysis;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;
public final class TmpSlow {
    public static void main(String[] a) throws Exception {
        var catalog = io.rulescope.SharedCatalogs.escuAndSigma();
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        List<LoggedEvent> events = new ArrayList<>(); List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedData.root().resolve("events/sigma-regression"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) for (var e : reader.readAll(Files.readString(file))) { events.add(e); names.add(file.getFileName().toString()); }
        }
        var m = catalog.matcher();
        for (int r = 0; r < 400; r++) for (var e : events) m.match(e, java.time.Duration.ofSeconds(30));
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long b0 = mx.getCurrentThreadAllocatedBytes();
        for (var e : events) m.match(e, java.time.Duration.ofSeconds(30));
        System.out.printf("allocated per match: %.1f KB%n", (mx.getCurrentThreadAllocatedBytes() - b0) / 1024.0 / events.size());
        b0 = mx.getCurrentThreadAllocatedBytes();
        for (var e : events) m.fires(e);
        System.out.printf("allocated per fires: %.1f KB%n", (mx.getCurrentThreadAllocatedBytes() - b0) / 1024.0 / events.size());
        double[] t = new double[events.size()];
        for (int r = 0; r < 40; r++) for (int i = 0; i < events.size(); i++) { long s = System.nanoTime(); m.match(events.get(i), java.time.Duration.ofSeconds(30)); t[i] += (System.nanoTime() - s) / 40e3; }
        var pf = EventMatcher.class.getDeclaredField("prefilter"); pf.setAccessible(true);
        Prefilter p = (Prefilter) pf.get(m);
        var kf = EventMatcher.class.getDeclaredField("taxonomy"); kf.setAccessible(true);
        var tax = (io.rulescope.query.FieldTaxonomy) kf.get(m);
        Integer[] idx = new Integer[t.length]; for (int i = 0; i < t.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> Double.compare(t[y], t[x]));
        System.out.printf("mean %.0f us%n", Arrays.stream(t).average().orElse(0));
        for (int k = 0; k < 15; k++) { int i = idx[k]; var c = p.candidates(EventFields.of(events.get(i), tax), true);
            System.out.printf("%7.0f us fire=%d near=%d values=%d %s%n", t[i], c.fire().cardinality(), c.near().cardinality(), events.get(i).fields().size(), names.get(i)); }
        int i = idx[t.length / 2]; var c = p.candidates(EventFields.of(events.get(i), tax), true);
        System.out.printf("median %7.0f us fire=%d near=%d%n", t[i], c.fire().cardinality(), c.near().cardinality());
    }
}
