package io.rulescope.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact tab-separated form of {@link AttackData} that ships in {@code content/attack/}: facts only, one
 * line per tactic or technique, so a diff after an ATT&CK update reads as a list of changes.
 */
public final class AttackTables {

    static final String TACTICS_HEADER = "id\tshort_name\tname\tmatrix_order";
    static final String TECHNIQUES_HEADER = "id\tname\ttactics\tparent\tstatus";

    private AttackTables() {
    }

    public static void writeTactics(List<Tactic> tactics, Writer out) throws IOException {
        out.write(TACTICS_HEADER + "\n");
        for (Tactic t : tactics) {
            out.write(String.join("\t", t.id(), t.shortName(), t.name(), Integer.toString(t.order())) + "\n");
        }
    }

    public static void writeTechniques(List<Technique> techniques, Writer out) throws IOException {
        out.write(TECHNIQUES_HEADER + "\n");
        for (Technique t : techniques) {
            String status = t.revoked() ? "revoked" : t.deprecated() ? "deprecated" : "active";
            String parent = t.isSubTechnique() ? t.parentId() : "";
            out.write(String.join("\t", t.id(), t.name(), String.join(",", t.tactics()), parent, status) + "\n");
        }
    }

    public static List<Tactic> readTactics(Reader in) {
        List<Tactic> tactics = new ArrayList<>();
        for (String[] row : rows(in, TACTICS_HEADER, 4)) {
            tactics.add(new Tactic(row[0], row[1], row[2], Integer.parseInt(row[3])));
        }
        return List.copyOf(tactics);
    }

    public static List<Technique> readTechniques(Reader in) {
        List<Technique> techniques = new ArrayList<>();
        for (String[] row : rows(in, TECHNIQUES_HEADER, 5)) {
            List<String> tactics = row[2].isEmpty() ? List.of() : Arrays.asList(row[2].split(","));
            techniques.add(new Technique(row[0], row[1], List.copyOf(tactics), "deprecated".equals(row[4]),
                    "revoked".equals(row[4])));
        }
        return List.copyOf(techniques);
    }

    private static List<String[]> rows(Reader in, String header, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(in)) {
            String first = reader.readLine();
            if (!header.equals(first)) {
                throw new IllegalArgumentException("ATT&CK table header should be '" + header + "' but was '" + first + "'");
            }
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] row = line.split("\t", -1);
                if (row.length != columns) {
                    throw new IllegalArgumentException("ATT&CK table line " + lineNumber + " has " + row.length
                            + " columns, expected " + columns);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
