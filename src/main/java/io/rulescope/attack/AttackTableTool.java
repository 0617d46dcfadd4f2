package io.rulescope.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates {@code content/attack/tactics.tsv} and {@code techniques.tsv} from a STIX bundle. Run it after a new
 * ATT&CK release:
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=io.rulescope.attack.AttackTableTool \
 *     -Dexec.args="../shared/attack/enterprise-attack.json content/attack"</pre>
 */
public final class AttackTableTool {

    private AttackTableTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: AttackTableTool <enterprise-attack.json> <output directory> [release name, e.g. v19.0]");
            System.exit(2);
        }
        AttackData data;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            data = StixBundleReader.read(in);
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        try (Writer w = Files.newBufferedWriter(out.resolve("tactics.tsv"), StandardCharsets.UTF_8)) {
            AttackTables.writeTactics(data.tactics(), w);
        }
        try (Writer w = Files.newBufferedWriter(out.resolve("techniques.tsv"), StandardCharsets.UTF_8)) {
            AttackTables.writeTechniques(data.techniques(), w);
        }
        // The bundle does not name its release; MITRE's release notes do, so it is given here (else the bundle's date).
        Files.writeString(out.resolve("release.txt"), (args.length == 3 ? args[2] : data.release()) + "\n", StandardCharsets.UTF_8);
        System.out.printf("wrote %d tactics and %d techniques to %s%n", data.tactics().size(),
                data.techniques().size(), out);
    }
}
