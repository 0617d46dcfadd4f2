package io.rulescope.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.convert.ExportFormat;
import io.rulescope.convert.RuleExport;
import io.rulescope.convert.SiemFiles;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;
import io.rulescope.rule.Rule;

/**
 * What a whole-corpus export costs: every Sigma rule of the shared corpus converted for a target and written as
 * each file that target's SIEM imports, per round, with the time per rule. CPU time is read from the thread's
 * clock, as in {@link MatchCpu}; the first rounds warm the JIT up. {@code bench/convert.sh [ROUNDS] [TARGET...]}.
 */
public final class ConvertBench {

    public static void main(String[] args) throws Exception {
        if (!SharedData.corpusPresent()) {
            throw new IllegalStateException(SharedData.MISSING);
        }
        Catalog catalog = SharedCatalogs.sigma();
        AttackCatalog attack = AttackCatalog.load(SharedData.attackBundle().toString());
        List<Rule> rules = catalog.rules().all();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Target> targets = args.length > 1 ? java.util.Arrays.stream(args).skip(1).map(id -> Targets.byId(id).orElseThrow()).toList()
                : Targets.all();
        var threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (Target target : targets) {
            for (int round = 0; round < rounds; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                RuleExport export = RuleExport.of(rules, catalog.indicators()::analysisOf, target);
                long convertedCpu = threads.getCurrentThreadCpuTime() - cpu;
                for (ExportFormat format : ExportFormat.forTarget(target)) {
                    sink += SiemFiles.write(format, export, attack, "bench").length();
                }
                double totalMs = (System.nanoTime() - wall) / 1e6;
                System.out.printf("%s round %d: %d rules, %.3f ms CPU per rule converted; whole export with every file %.0f ms wall, %.0f ms CPU%n",
                        target.id(), round, rules.size(), convertedCpu / 1e6 / rules.size(), totalMs,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
            }
        }
        System.out.println("(characters written: " + sink + ")");
    }
}
